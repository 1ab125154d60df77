import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const results = '#search-results > li';
const RECTIFIED_FLOW_PAPER = 'Flow Straight and Fast: Learning to Generate and Transfer Data with Rectified Flow';

/** The number the results page's live region announces. */
async function announced(page: Page): Promise<number> {
  const text = (await page.locator('#search-status').textContent()) ?? '';
  return Number(text.match(/\d+/)?.[0] ?? NaN);
}

/** Waits until the results page has finished a search. */
async function settled(page: Page) {
  await expect(page.locator('#search-page')).toHaveAttribute('data-state', 'done');
}

async function titles(page: Page): Promise<string[]> {
  return page.locator(`${results} h2`).allTextContents();
}

test('a ?q= link runs the search on load and puts rectified flow papers first', async ({ page }) => {
  await page.goto('search/?q=rectified+flow');
  await expect(page.locator('#search-input')).toHaveValue('rectified flow');
  await settled(page);
  const top = (await titles(page)).slice(0, 10);
  // Title matches outrank abstract-only ones: the first ten have both words in the title.
  expect(top.every((t) => /rectifi/i.test(t) && /flow/i.test(t)), top.join(' | ')).toBe(true);
  expect(await titles(page)).toContain(RECTIFIED_FLOW_PAPER);
  // Matched words are marked in titles and excerpts.
  await expect(page.locator(`${results} h2 mark`).first()).toHaveText(/rectified|flow/i);
  await expect(page.locator(`${results} .excerpt mark`).first()).toBeVisible();
  await expect(page.locator('#search-status')).toHaveAttribute('role', 'status');
});

test('the search box on the home page leads to results', async ({ page }) => {
  await page.goto('./');
  const box = page.getByRole('searchbox', { name: 'Search titles and abstracts' });
  await box.fill('connectionist temporal classification');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/search\/\?q=connectionist\+temporal\+classification/);
  await settled(page);
  await expect(page.locator(`${results} h2`).filter({ hasText: /CTC/ }).first()).toBeVisible();
});

test('with a theme that has no match, the page says so', async ({ page }) => {
  // With the current theme rules no rectified flow paper is about efficient attention.
  await page.goto('search/?q=rectified+flow&theme=efficient-attention');
  await settled(page);
  await expect(page.locator('#search-status')).toHaveText('No papers match “rectified flow” in Efficient attention.');
  await expect(page.locator(results)).toHaveCount(0);
  // The theme's own count says what it would give; others say what adding them would give.
  await expect(page.locator('#search-themes input[value="rectified-flow"]').locator('xpath=..').locator('[data-count]')).not.toHaveText('0');
});

test('facets, sort, URL, reload and back/forward', async ({ page }) => {
  // "sparse" rather than "rectified flow": no rectified-flow paper is also efficient attention, and
  // the order can only change if some of the narrowed results (one page of them) carry a date.
  await page.goto('search/?q=sparse');
  await settled(page);
  const all = await announced(page);
  const relevanceOrder = await titles(page);
  expect(all).toBeGreaterThan(0);

  // Theme facet: counts shown, narrows, pushed to the URL.
  const theme = page.locator('#search-themes input[value="efficient-attention"]');
  const themeCount = Number(await theme.locator('xpath=..').locator('[data-count]').textContent());
  expect(themeCount).toBeGreaterThan(0);
  await theme.check();
  await expect(page).toHaveURL(/[?&]q=sparse&theme=efficient-attention$/);
  await settled(page);
  await expect.poll(() => announced(page)).toBe(themeCount);
  expect(themeCount).toBeLessThan(all);
  const narrowed = await titles(page);

  // Sort by newest listing: dated papers first, so the order changes.
  await page.getByLabel('Sort by').selectOption('newest');
  await expect(page).toHaveURL(/theme=efficient-attention&sort=newest$/);
  await settled(page);
  const newest = await titles(page);
  expect(newest).not.toEqual(narrowed);
  expect(new Set(newest)).toEqual(new Set(narrowed));
  await expect(page.locator(`${results} .facts`).first()).toContainText('Listed');

  // Reload restores everything from the URL.
  await page.reload();
  await settled(page);
  await expect(page.locator('#search-input')).toHaveValue('sparse');
  await expect(theme).toBeChecked();
  await expect(page.locator('#search-sort')).toHaveValue('newest');
  expect(await titles(page)).toEqual(newest);

  // Back: relevance again; back again: no theme; forward: the theme again.
  await page.goBack();
  await expect(page).toHaveURL(/theme=efficient-attention$/);
  await expect(page.locator('#search-sort')).toHaveValue('relevance');
  await settled(page);
  expect(await titles(page)).toEqual(narrowed);
  await page.goBack();
  await expect(page).toHaveURL(/\?q=sparse$/);
  await expect(theme).not.toBeChecked();
  await expect.poll(() => announced(page)).toBe(all);
  expect(await titles(page)).toEqual(relevanceOrder);
  await page.goForward();
  await expect(theme).toBeChecked();
  await expect.poll(() => announced(page)).toBe(themeCount);
});

test('year and source facets narrow too, with counts that say by how much', async ({ page }) => {
  await page.goto('search/?q=transformer');
  await settled(page);
  const all = await announced(page);
  const year = page.locator('#search-years input[value="2024"]');
  const yearCount = Number(await year.locator('xpath=..').locator('[data-count]').textContent());
  expect(yearCount).toBeGreaterThan(0);
  await year.check();
  await expect(page).toHaveURL(/year=2024/);
  await expect.poll(() => announced(page)).toBe(yearCount);
  expect(yearCount).toBeLessThan(all);

  await page.locator('#search-years input[value=""]').check();
  const source = page.locator('#search-sources input[name="source"]:not([value=""])').first();
  const sourceCount = Number(await source.locator('xpath=..').locator('[data-count]').textContent());
  expect(sourceCount).toBeGreaterThan(0);
  await source.check();
  await expect(page).toHaveURL(/source=/);
  await expect.poll(() => announced(page)).toBe(sourceCount);
  expect(sourceCount).toBeLessThan(all);

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect.poll(() => announced(page)).toBe(all);
  await expect(page).toHaveURL(/\?q=transformer$/);
});

test('typing replaces the URL instead of piling up history', async ({ page }) => {
  await page.goto('search/');
  await settled(page);
  const input = page.locator('#search-input');
  await input.pressSequentially('rectified flow', { delay: 20 });
  await expect(page).toHaveURL(/\?q=rectified\+flow$/);
  await settled(page);
  expect(await announced(page)).toBeGreaterThan(0);
  expect(await page.evaluate(() => history.length)).toBe(2);
});

test('the dialog opens with /, searches, moves with arrows and opens a result with Enter', async ({ page }) => {
  await page.goto('papers/');
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search the catalog' });
  await expect(dialog).toBeVisible();
  const box = dialog.getByRole('combobox', { name: 'Search titles and abstracts' });
  await expect(box).toBeFocused();
  await box.fill('rectified flow');
  const options = dialog.getByRole('option');
  await expect(options.first()).toBeVisible();
  const top = await dialog.locator('.hit-title').allTextContents();
  expect(top.slice(0, 5).every((t) => /rectifi/i.test(t) && /flow/i.test(t)), top.join(' | ')).toBe(true);
  await expect(dialog.locator('.hit-title mark').first()).toBeVisible();
  await expect(dialog.getByRole('status')).toContainText(/\d+ papers match “rectified flow”/);

  await box.press('ArrowDown');
  await box.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await options.nth(1).getAttribute('id'))!);
  await box.press('ArrowUp');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  const chosen = (await dialog.locator('.hit-title').first().textContent())!;
  await box.press('Enter');
  await expect(page).toHaveURL(/\/papers\/[a-z0-9-]+\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(chosen);
});

test('Ctrl+K opens the dialog, Esc closes it and focus returns; the button works too', async ({ page }) => {
  await page.goto('./');
  const trigger = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Search' });
  await expect(trigger).toHaveAttribute('aria-keyshortcuts', /Control\+K/);
  await expect(trigger.locator('kbd')).toHaveText('/');
  const dialog = page.getByRole('dialog', { name: 'Search the catalog' });

  await trigger.focus();
  await page.keyboard.press('Control+k');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();

  await trigger.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(trigger).toBeFocused();

  // `/` typed into a text field is just a character.
  const box = page.getByRole('searchbox', { name: 'Search titles and abstracts' });
  await box.fill('');
  await box.press('/');
  await expect(box).toHaveValue('/');
  await expect(dialog).toBeHidden();
});

test('"See all results" leads from the dialog to the results page for the same query', async ({ page }) => {
  await page.goto('themes/rectified-flow/');
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Search the catalog' });
  await dialog.getByRole('combobox').fill('rectified flow');
  await expect(dialog.getByRole('option').first()).toBeVisible();
  await dialog.getByRole('link', { name: /See all \d+ results/ }).click();
  await expect(page).toHaveURL(/\/search\/\?q=rectified\+flow$/);
  await settled(page);
  expect(await titles(page)).toContain(RECTIFIED_FLOW_PAPER);

  // Enter without a chosen result goes to the results page as well.
  await page.goto('./');
  await page.keyboard.press('/');
  await dialog.getByRole('combobox').fill('ctc');
  await expect(dialog.getByRole('option').first()).toBeVisible();
  await dialog.getByRole('combobox').press('Enter');
  await expect(page).toHaveURL(/\/search\/\?q=ctc$/);
});

test('reading pages carry one small inline script and load no script until search opens', async ({ page, request, sandbox }) => {
  const [paper] = (await (await request.get('papers.json')).json()) as { id: string }[];
  for (const path of ['./', 'themes/rectified-flow/', 'papers/', `papers/${paper!.id}/`]) {
    const before = sandbox.network.length;
    await page.goto(path);
    const scripts = await page.locator('script').evaluateAll((all) => all.map((s) => ({ src: s.getAttribute('src'), bytes: new Blob([s.textContent ?? '']).size })));
    expect(scripts, path).toHaveLength(1);
    expect(scripts[0]!.src, path).toBeNull();
    expect(scripts[0]!.bytes, path).toBeLessThan(2048);
    await page.waitForLoadState('networkidle');
    expect(sandbox.network.slice(before).filter((url) => /\.m?js(?:\?|$)|\/pagefind\//.test(url)), path).toEqual([]);
  }
});

test('reading pages ship no search code; the first search loads it, and what it costs', async ({ page, sandbox }, info) => {
  await page.goto('papers/');
  await page.waitForLoadState('networkidle');
  expect(sandbox.network.filter((url) => /pagefind|classic|search-index/.test(url))).toEqual([]);

  const before = sandbox.responses.length;
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search the catalog' });
  await dialog.getByRole('combobox').fill('rectified flow');
  await expect(dialog.getByRole('option')).toHaveCount(8);
  await page.waitForLoadState('networkidle');
  const search = sandbox.responses.slice(before);
  expect(search.some((r) => r.url().includes('pagefind/pagefind.js'))).toBe(true);
  expect(search.some((r) => r.url().includes('search-index.js'))).toBe(false);

  let bytes = 0;
  const rows: string[] = [];
  for (const response of search) {
    const size = (await response.body()).length;
    bytes += size;
    rows.push(`${new URL(response.url()).pathname.replace(/^.*\/(pagefind|_astro)\//, '$1/')} ${size}`);
  }
  info.annotations.push({ type: 'bytes for one search', description: `${bytes} bytes in ${search.length} responses: ${rows.join(', ')}` });
  console.log(`[${info.project.name}] one dialog search: ${bytes} bytes in ${search.length} responses\n  ${rows.join('\n  ')}`);
});

test('the results page offers the offline edition', async ({ page, request }) => {
  await page.goto('search/');
  const link = page.getByRole('main').getByRole('link', { name: 'Download for offline reading' });
  await expect(link).toBeVisible();
  const response = await request.get((await link.getAttribute('href'))!);
  expect(response.ok()).toBe(true);
  expect((await response.body()).subarray(0, 2).toString()).toBe('PK');
  // Its search index is its own: the hosted site searches with Pagefind.
  expect((await request.get('search-index.js')).status()).toBe(404);
  // The footer offers it too, a sentence of its own.
  await expect(page.locator('footer')).toContainText('in an RSS feed. Download for offline reading: unzip it');
});

test('a word that no paper has and nothing corrects finds nothing, not the papers of some prefix of it', async ({ page }) => {
  // Pagefind alone would fall back to ever shorter prefixes: "qwertyuiop" would find "quantization".
  await page.goto('search/?q=qwertyuiop');
  await settled(page);
  await expect(page.locator('#search-status')).toHaveText('No papers match “qwertyuiop”.');
  expect(await titles(page)).toEqual([]);
});

test('on the narrowest phone (280 px) the results page fits the screen, its Search button in view', async ({ page }) => {
  await page.setViewportSize({ width: 280, height: 700 });
  await page.goto('search/?q=attention');
  await settled(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(280);
  const button = await page.locator('#search-page').getByRole('button', { name: 'Search', exact: true }).boundingBox();
  expect(button!.x + button!.width).toBeLessThanOrEqual(280);
});

test('a query with a typo is corrected, says so, finds the paper, and can be searched as typed', async ({ page }) => {
  await page.goto('search/?q=flow+straihgt+fast');
  await settled(page);
  const correction = page.locator('#search-correction');
  await expect(correction).toBeVisible();
  await expect(correction).toHaveText('Showing results for flow straight fast — search instead for flow straihgt fast');
  expect((await titles(page))[0]).toBe(RECTIFIED_FLOW_PAPER);
  // The live region says the count for the corrected query, and that it was corrected.
  await expect(page.locator('#search-status')).toHaveText(/^\d+ papers? match(es)? “flow straight fast”\. Corrected from “flow straihgt fast”\.$/);
  await expect(page.locator(`${results} h2 mark`).filter({ hasText: 'Straight' }).first()).toBeVisible();

  await correction.getByRole('link', { name: 'flow straihgt fast' }).click();
  await expect(page).toHaveURL(/\?q=flow\+straihgt\+fast&verbatim=1$/);
  await settled(page);
  await expect(correction).toBeHidden();
  await expect(page.locator('#search-status')).toHaveText('No papers match “flow straihgt fast”.');
  // Reload keeps it verbatim; back goes to the corrected search.
  await page.reload();
  await settled(page);
  await expect(page.locator('#search-status')).toHaveText('No papers match “flow straihgt fast”.');
  await page.goBack();
  await settled(page);
  await expect(correction).toBeVisible();
});

test('a hyphenated query finds what its words apart find', async ({ page }) => {
  await page.goto('search/?q=state+space+models');
  await settled(page);
  const apart = await announced(page);
  expect(apart).toBeGreaterThan(5);
  await page.goto('search/?q=state-space+models');
  await expect(page.locator('#search-input')).toHaveValue('state-space models');
  await settled(page);
  expect(await announced(page)).toBe(apart);
});

test('symbols in a query are spaces: "<flow>" and "c++ code" find what "flow" and "c code" find', async ({ page }) => {
  for (const [plain, typed] of [
    ['flow', '<flow>'],
    ['c code', 'c++ code'],
  ]) {
    await page.goto(`search/?q=${encodeURIComponent(plain)}`);
    await settled(page);
    const found = await announced(page);
    expect(found, plain).toBeGreaterThan(5);
    await page.goto(`search/?q=${encodeURIComponent(typed)}`);
    await settled(page);
    expect(await announced(page), typed).toBe(found);
  }
});

test('a later part of a joined name in mixed case finds its paper: "ViT" finds the one that says only "CNN-ViT"', async ({ page }) => {
  await page.goto('search/?q=ViT+single+board+computers');
  await settled(page);
  expect((await titles(page)).some((title) => title.startsWith('SBCFormer:'))).toBe(true);
});

test('a name joined with a digit (ImageNet-1K) finds the papers that have it, written either way', async ({ page }) => {
  await page.goto('search/?q=ImageNet-1K');
  await settled(page);
  const whole = await announced(page);
  expect(whole).toBeGreaterThan(5);
  await expect(page.locator(`${results} mark`).filter({ hasText: /^ImageNet$/i }).first()).toBeVisible();
  await page.goto('search/?q=imagenet1k');
  await settled(page);
  expect(await announced(page)).toBe(whole);
});

test('the results shown and where the page was, are there again after a reload', async ({ page }) => {
  await page.goto('search/?q=attention');
  await settled(page);
  await page.locator('#search-more').click();
  await expect(page.locator(`${results}`)).toHaveCount(40);
  await page.locator(`${results}`).nth(35).scrollIntoViewIfNeeded();
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(0);
  // The page keeps where it is a moment after the reader stops scrolling.
  await page.waitForTimeout(500);
  await page.reload();
  await settled(page);
  await expect(page.locator(`${results}`)).toHaveCount(40);
  // At once: not by the site's smooth scrolling, which took two seconds to go down 40 results.
  expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
  // Another query starts at the top, with one page of results.
  await page.locator('#search-input').fill('rectified flow');
  await page.locator('#search-input').press('Enter');
  await settled(page);
  await expect(page.locator(`${results}`)).toHaveCount(20);
});

test('the paper a query names comes first: the one whose title is the name before its colon', async ({ page }) => {
  for (const [query, title] of [
    ['Conformer', 'Conformer: Convolution-augmented Transformer for Speech Recognition'],
    ['mamba', 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces'],
    ['Informer', 'Informer: Beyond Efficient Transformer for Long Sequence Time-Series Forecasting'],
  ]) {
    await page.goto(`search/?q=${query}`);
    await settled(page);
    expect((await titles(page))[0], query).toBe(title);
  }
});

test('a query the catalog has every word of is searched as typed', async ({ page }) => {
  await page.goto('search/?q=rectified+flow');
  await settled(page);
  await expect(page.locator('#search-correction')).toBeHidden();
  await expect(page.locator('#search-status')).not.toContainText('Corrected');
});

test('the dialog corrects a typo too, and searches as typed on request', async ({ page }) => {
  await page.goto('papers/');
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search the catalog' });
  await dialog.getByRole('combobox').fill('rectifeid flow');
  await expect(dialog.getByRole('status')).toContainText(/papers match “rectified flow”.*Corrected from “rectifeid flow”/);
  await expect(dialog.locator('#search-dialog-correction')).toHaveText('Showing results for rectified flow — search instead for rectifeid flow');
  await expect(dialog.locator('.hit-title').first()).toHaveText(/rectified flow/i);
  await dialog.locator('#search-dialog-correction').getByRole('button', { name: 'rectifeid flow' }).click();
  await expect(dialog.getByRole('status')).toHaveText(/match(es)? “rectifeid flow”\.$/);
  await expect(dialog.locator('#search-dialog-correction')).toBeHidden();
  await expect(dialog.getByRole('combobox')).toBeFocused();
});

test('a pasted abstract finds its paper first, and the status quotes only its first words', async ({ page, request }) => {
  const papers = (await (await request.get('papers.json')).json()) as { title: string; abstract: string }[];
  const paper = papers.find((p) => p.title === RECTIFIED_FLOW_PAPER)!;
  await page.goto(`search/?q=${encodeURIComponent(paper.abstract)}`);
  await settled(page);
  expect((await titles(page))[0]).toBe(RECTIFIED_FLOW_PAPER);
  const status = (await page.locator('#search-status').textContent())!;
  expect(status.length).toBeLessThan(120);
  expect(status).toMatch(/^\d+ papers? match(es)? “[^”]+…”\.$/);
  expect(status).toContain(`“${paper.abstract.split(' ').slice(0, 3).join(' ')} `);
});

test('find similar: a pasted abstract finds its own paper first, and says how many it found', async ({ page, request }) => {
  const papers = (await (await request.get('papers.json')).json()) as { title: string; abstract: string }[];
  const paper = papers.find((p) => p.title === RECTIFIED_FLOW_PAPER)!;
  await page.goto('search/');
  const section = page.getByRole('region', { name: 'Find similar papers' });
  await section.getByLabel(/Paste an abstract/).fill(paper.abstract);
  await section.getByRole('button', { name: 'Find similar' }).click();
  await expect(section.getByRole('status')).toHaveText('The 10 papers closest to the text you gave.');
  const found = section.locator('#similar-results > li');
  await expect(found).toHaveCount(10);
  await expect(found.first().locator('h3')).toHaveText(RECTIFIED_FLOW_PAPER);
  // With the terms that make it close: the paper's own telling words.
  await expect(found.first().locator('.facts')).toHaveText(/^Shares: [\w -]+(, [\w -]+){0,2}$/);
  await found.first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(RECTIFIED_FLOW_PAPER);
});

test('"More like this" on a paper page lists the papers closest to it, itself left out', async ({ page }) => {
  await page.goto('themes/rectified-flow/');
  await page.getByRole('link', { name: RECTIFIED_FLOW_PAPER }).first().click();
  const related = await page.getByRole('region', { name: 'Related papers' }).locator('ol > li > a').allTextContents();
  await page.getByRole('link', { name: 'More like this' }).click();
  await expect(page).toHaveURL(/\/search\/\?like=papers%2F[^&#]+#similar$/);
  const section = page.getByRole('region', { name: 'Find similar papers' });
  await expect(section.getByRole('status')).toHaveText(`The 10 papers closest to “${RECTIFIED_FLOW_PAPER}”.`);
  const titlesFound = await section.locator('#similar-results h3').allTextContents();
  expect(titlesFound).not.toContain(RECTIFIED_FLOW_PAPER);
  // Same space as the related list: its papers are among the closest ten (weights are rounded, so near ties may swap).
  expect(titlesFound).toEqual(expect.arrayContaining(related));
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the search page offers no controls that would do nothing, and says first where to browse instead', async ({ page, request }) => {
    await page.goto('search/');
    await expect(page.getByRole('heading', { name: 'Search', level: 1 })).toBeVisible();
    await expect(page.getByRole('search')).toBeHidden();
    await expect(page.getByRole('region', { name: 'Find similar papers' })).toBeHidden();
    // Chromium with scripts turned off by Playwright still parses <noscript> as if they ran, so the notice is read from the HTML.
    const html = await (await request.get('search/')).text();
    const notice = html.indexOf('<noscript>');
    expect(notice).toBeGreaterThan(-1);
    expect(notice).toBeLessThan(html.indexOf('id="search-page"'));
    expect(html.slice(notice, html.indexOf('</noscript>'))).toMatch(/needs JavaScript[\s\S]*all papers A–Z/);
  });
});
