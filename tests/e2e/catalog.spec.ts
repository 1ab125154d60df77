import { expect, test } from './fixtures.ts';

test('home → theme → paper, with every link inside the site', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await page.getByRole('link', { name: 'Rectified flow & flow matching' }).first().click();
  await expect(page).toHaveURL(/\/themes\/rectified-flow\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Rectified flow/);

  const paper = page.getByRole('link', { name: 'Flow Straight and Fast: Learning to Generate and Transfer Data with Rectified Flow' });
  await paper.click();
  await expect(page).toHaveURL(/\/papers\/flow-straight-and-fast-[a-z0-9-]+\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Flow Straight and Fast: Learning to Generate and Transfer Data with Rectified Flow');
  await expect(page.getByText('We present rectified flow, a surprisingly simple approach', { exact: false })).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(/\/themes\/rectified-flow\/$/);
});

test('a shelf\'s address cut back to themes/ lists the shelves as the home page does, not a 404', async ({ page }) => {
  await page.goto('./');
  const home = await page.locator('ul.themes li').allInnerTexts();
  const response = await page.goto('themes/');
  expect(response!.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Themes');
  expect(await page.locator('ul.themes li').allInnerTexts()).toEqual(home);
  await page.getByRole('link', { name: 'Rectified flow & flow matching' }).click();
  await expect(page).toHaveURL(/\/themes\/rectified-flow\/$/);
});

test('the A–Z pages together list the whole catalog, each paper once', async ({ page, request }) => {
  const papers = (await (await request.get('papers.json')).json()) as { id: string; url: string }[];
  const listed: string[] = [];
  await page.goto('papers/');
  for (;;) {
    const hrefs = await page.locator('main section a[href*="/papers/"]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
    listed.push(...hrefs);
    const next = page.locator('nav.pagination a[rel="next"]');
    if ((await next.count()) === 0) break;
    await next.click();
  }
  expect(listed.toSorted()).toEqual(papers.map((p) => new URL(p.url).pathname).toSorted());
});

test('a long theme is paged, and every page links to the others', async ({ page }) => {
  await page.goto('themes/efficient-attention/');
  const first = await page.locator('main ol.prose > li').count();
  expect(first).toBe(40);
  await page.locator('nav.pagination a[rel="next"]').click();
  await expect(page).toHaveURL(/\/themes\/efficient-attention\/page\/2\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Efficient attention');
  await page.locator('nav.pagination a[rel="prev"]').click();
  await expect(page).toHaveURL(/\/themes\/efficient-attention\/$/);
});

test('papers.json urls are absolute and carry the base path', async ({ request, baseURL }) => {
  const papers = (await (await request.get('papers.json')).json()) as { id: string; url: string }[];
  const basePath = new URL(baseURL!).pathname;
  for (const paper of papers) expect(new URL(paper.url).pathname).toBe(`${basePath}papers/${paper.id}/`);
});

test('where the browser refuses the clipboard, a copy button says so, and asks nothing the page cannot give (RIS is not shown to select)', async ({ page, request }) => {
  await page.addInitScript(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
  });
  const [paper] = (await (await request.get('papers.json')).json()) as { id: string }[];
  await page.goto(`papers/${paper!.id}/`);
  const cite = page.getByRole('region', { name: 'Link and cite' });
  await cite.getByRole('button', { name: 'Copy RIS' }).click();
  await expect(cite.getByRole('status')).toHaveText('Copying is blocked here.');
});

test('a paper page\'s copy buttons copy its permalink, a Markdown link and the BibTeX it shows', async ({ page, context, request }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const [paper] = (await (await request.get('papers.json')).json()) as { id: string; url: string; title: string }[];
  await page.goto(`papers/${paper!.id}/`);
  const cite = page.getByRole('region', { name: 'Link and cite' });
  const status = cite.getByRole('status');
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

  await cite.getByRole('button', { name: 'Copy link' }).click();
  await expect(status).toHaveText('link copied.');
  expect(await clipboard()).toBe(paper!.url);

  await cite.getByRole('button', { name: 'Copy as Markdown link' }).click();
  await expect(status).toHaveText('as Markdown link copied.');
  expect(await clipboard()).toBe(`[${paper!.title.replace(/[\\[\]]/g, '\\$&')}](${paper!.url})`);

  await cite.getByRole('button', { name: 'Copy BibTeX' }).click();
  await expect(status).toHaveText('BibTeX copied.');
  const shown = (await cite.locator('pre').textContent())!;
  expect(shown).toContain(`url = {${paper!.url}}`);
  expect(await clipboard()).toBe(shown);
});
