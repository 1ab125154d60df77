import type { Page } from '@playwright/test';
import { buildSite, hostileContent, type BuiltSite } from '../support/site-build.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';
import { expect, test as base } from './fixtures.ts';

/**
 * The hostile catalog (tests/fixtures/hostile/) built and opened in Chromium: its titles and
 * abstracts are full of scripts, event handlers, `javascript:` URLs, markup and template
 * syntax. On every page, in search results and in the search dialog, none of it runs
 * (no alert, no Content-Security-Policy violation, no element it describes) and all of
 * it reads as the text it is. tests/unit/hostile-build.test.ts checks the same build's HTML.
 *
 * The catalog is built once per worker, in a project copy, and served on a free port.
 */
const test = base.extend<{ hostile: BuiltSite }, { hostileSite: { site: BuiltSite; server: StaticServer } }>({
  hostileSite: [
    async ({}, use) => {
      const site = await buildSite({ content: hostileContent, siteUrl: 'https://shelfmark.example' });
      const server = await serveStatic(site.dist);
      await use({ site, server });
      await server.close();
      site.remove();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  baseURL: async ({ hostileSite }, use) => use(hostileSite.server.url),
  hostile: async ({ hostileSite }, use) => use(hostileSite.site),
});

interface Row {
  id: string;
  title: string;
  abstract: string;
}

test.describe.configure({ mode: 'serial' });
test.beforeAll(({}, info) => test.skip(info.project.name !== 'root', 'one build, served once, is enough'));

/** Everything on the page that would mean a payload ran or became markup. */
async function watch(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    (window as unknown as { cspViolations: string[] }).cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.effectiveDirective}: ${e.blockedURI}`));
  });
  return async (where: string) => {
    expect(dialogs, `dialogs on ${where}`).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), `CSP violations on ${where}`).toEqual([]);
    const planted = await page.evaluate(() => [...document.querySelectorAll('img, iframe, object, embed, frame, [onerror], [onload], [onclick], [onmouseover], [onfocus]')].map((el) => el.outerHTML.slice(0, 80)));
    expect(planted, `elements from the payloads on ${where}`).toEqual([]);
    const hrefs = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).protocol));
    expect(hrefs.filter((p) => p !== 'http:' && p !== 'https:'), `link schemes on ${where}`).toEqual([]);
  };
}

test('every page of the hostile catalog shows its text and runs none of it', async ({ page, request }) => {
  test.setTimeout(120_000);
  const check = await watch(page);
  const papers = (await (await request.get('papers.json')).json()) as Row[];
  expect(papers.length).toBeGreaterThan(20);
  for (const path of ['./', 'papers/', 'themes/injection/', 'themes/unicode/', 'themes/unsorted/', 'search/', '404.html']) {
    await page.goto(path);
    await check(path);
  }
  for (const paper of papers) {
    await page.goto(`papers/${paper.id}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(paper.title, { useInnerText: false });
    expect(await page.locator('.abstract').textContent()).toBe(paper.abstract);
    expect(await page.title()).toBe(`${paper.title} · Shelfmark`);
    await check(paper.id);
  }
});

test('on a phone, no page of the hostile catalog is wider than the screen: long words and URLs break', async ({ page, request }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 375, height: 800 });
  const papers = (await (await request.get('papers.json')).json()) as Row[];
  const wider: string[] = [];
  for (const path of ['./', 'papers/', 'themes/injection/', 'themes/unicode/', 'themes/unsorted/', 'search/?q=long', ...papers.map((p) => `papers/${p.id}/`)]) {
    await page.goto(path);
    if (path.startsWith('search/')) await expect(page.locator('#search-page')).toHaveAttribute('data-state', 'done');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 375) wider.push(`${path}: ${width}px`);
  }
  expect(wider).toEqual([]);
});

test('a renamed hostile paper\'s old address redirects to it, running nothing on the way', async ({ page }) => {
  const check = await watch(page);
  await page.goto('papers/script-script-alert-document-domain-script-breaking-out-of-script-blocks/');
  await expect(page).toHaveURL(/\/papers\/script-breakout\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('</script><script>alert(document.domain)</script> Breaking Out of Script Blocks');
  await check('the redirect');
});

test('an old address keeps its #fragment when it redirects: a link to the citation still lands on it', async ({ page }) => {
  const check = await watch(page);
  await page.goto('papers/script-script-alert-document-domain-script-breaking-out-of-script-blocks/#cite');
  await expect(page).toHaveURL(/\/papers\/script-breakout\/#cite$/);
  await check('the redirect with a fragment');
});

test('a heading in the notes named like a part of the page ("Notes") takes an id of its own: no id is on the page twice', async ({ page }) => {
  await page.goto('papers/no/');
  const ids = await page.locator('[id]').evaluateAll((elements) => elements.map((element) => element.id));
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  await expect(page.locator('section.notes > h2#notes')).toHaveText('Notes');
  await expect(page.locator('section.notes h2#notes-1')).toHaveText('Notes');
});

test('a name spelled with ł, ø, ß or æ is found typed in plain letters, and as written', async ({ page }) => {
  const title = 'Łukasz, Ørsted and the Straße: Letters No Accent Makes';
  for (const query of ['lukasz', 'Orsted strasse', 'aesop', 'Łukasz Ørsted']) {
    await page.goto(`search/?q=${encodeURIComponent(query)}`);
    await expect(page.locator('#search-page')).toHaveAttribute('data-state', 'done');
    expect(await page.locator('#search-results > li h2').allTextContents(), query).toContain(title);
  }
  // The plain spellings the page gives Pagefind to find are not shown: the excerpt is the abstract's.
  await page.goto('search/?q=aesop');
  await expect(page.locator('#search-page')).toHaveAttribute('data-state', 'done');
  const excerpt = await page.locator('#search-results > li', { hasText: title }).locator('.excerpt').textContent();
  expect(excerpt).toContain('Æsop would.');
  expect(excerpt).not.toMatch(/\b(lukasz|orsted|strasse)\b/);
});

test('search results and the search dialog show hostile titles and excerpts as text', async ({ page }) => {
  const check = await watch(page);
  await page.goto('search/?q=onerror');
  await expect(page.locator('#search-page')).toHaveAttribute('data-state', 'done');
  const titles = await page.locator('#search-results > li h2').allTextContents();
  expect(titles).toContain('<img src=x onerror="alert(1)"> Image Models Without Images');
  expect((await page.locator('#search-results .excerpt').allTextContents()).join(' ')).toContain('onerror=alert(1)> <svg onload=alert(1)>');
  await check('search results');

  await page.goto('papers/');
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search the catalog' });
  await dialog.getByRole('combobox').fill('script alert');
  await expect(dialog.getByRole('option').first()).toBeVisible();
  const hits = await dialog.locator('.hit-title').allTextContents();
  expect(hits.some((t) => t.includes('</script><script>alert(document.domain)</script>'))).toBe(true);
  await check('the search dialog');
});

test('find similar and a corrected query show hostile text as text', async ({ page, request }) => {
  const check = await watch(page);
  const papers = (await (await request.get('papers.json')).json()) as Row[];
  const paper = papers.find((p) => p.title.includes('</script><script>alert(document.domain)</script>'))!;
  await page.goto('search/');
  const section = page.getByRole('region', { name: 'Find similar papers' });
  await section.getByLabel(/Paste an abstract/).fill(`${paper.title} ${paper.abstract}`);
  await section.getByRole('button', { name: 'Find similar' }).click();
  await expect(section.locator('#similar-form')).toHaveAttribute('data-state', 'done');
  await expect(section.locator('#similar-results h3').first()).toHaveText(paper.title, { useInnerText: false });
  await check('find similar');

  // A query whose typo is corrected: the typed text goes back into the page as text only.
  await page.goto(`search/?q=${encodeURIComponent('<img src=x onerror=alert(1)> scirpt')}`);
  await expect(page.locator('#search-page')).toHaveAttribute('data-state', 'done');
  await expect(page.locator('#search-correction')).toContainText('search instead for <img src=x onerror=alert(1)> scirpt');
  await check('a corrected query');
});
