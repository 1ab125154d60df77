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

test('all papers page lists the whole catalog', async ({ page, request }) => {
  const papers = (await (await request.get('papers.json')).json()) as { id: string; url: string }[];
  await page.goto('papers/');
  await expect(page.locator('main a[href*="/papers/"]')).toHaveCount(papers.length);
});

test('papers.json urls are absolute and carry the base path', async ({ request, baseURL }) => {
  const papers = (await (await request.get('papers.json')).json()) as { id: string; url: string }[];
  const basePath = new URL(baseURL!).pathname;
  for (const paper of papers) expect(new URL(paper.url).pathname).toBe(`${basePath}papers/${paper.id}/`);
});
