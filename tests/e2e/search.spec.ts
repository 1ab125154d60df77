import { expect, test } from './fixtures.ts';

const results = '#search-results > li';

test('a ?q= link runs the search on load and finds the rectified flow papers', async ({ page }) => {
  await page.goto('search/?q=rectified+flow');
  await expect(page.locator('#search-input')).toHaveValue('rectified flow');
  await expect(page.locator(results).first()).toBeVisible();
  const titles = await page.locator(`${results} h2`).allTextContents();
  expect(titles.slice(0, 5).every((t) => /rectif|flow/i.test(t)), titles.slice(0, 5).join(' | ')).toBe(true);
  expect(titles).toContain('Flow Straight and Fast: Learning to Generate and Transfer Data with Rectified Flow');
});

test('the search box on the home page leads to results', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('searchbox').first().fill('connectionist temporal classification');
  await page.getByRole('searchbox').first().press('Enter');
  await expect(page).toHaveURL(/\/search\/\?q=connectionist\+temporal\+classification/);
  await expect(page.locator(`${results} h2`).first()).toBeVisible();
  await expect(page.locator(`${results} h2`).filter({ hasText: /CTC/ }).first()).toBeVisible();
});

test('the theme filter narrows the results and is kept in the URL', async ({ page }) => {
  await page.goto('search/?q=transformer');
  await expect(page.locator(results).first()).toBeVisible();
  const all = Number((await page.locator('#search-status').textContent())!.match(/\d+/)![0]);

  await page.locator('#search-themes input[value="ctc-asr"]').check();
  await expect(page).toHaveURL(/theme=ctc-asr/);
  await expect.poll(async () => Number((await page.locator('#search-status').textContent())!.match(/\d+/)?.[0] ?? NaN)).toBeLessThan(all);
  const narrowed = Number((await page.locator('#search-status').textContent())!.match(/\d+/)![0]);
  expect(narrowed).toBeGreaterThan(0);

  await page.reload();
  await expect(page.locator('#search-themes input[value="ctc-asr"]')).toBeChecked();
});
