import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { expect, test } from './fixtures.ts';

/**
 * The offline edition (dist-offline/ and dist-base-offline/), opened from disk with file://
 * as someone who unzipped it would: every link must lead to a file, and search must work
 * without Pagefind, which cannot load there. The fixture fails the test on any console error,
 * and each test checks that nothing at all went over the network.
 */

/** Every file under `dir`, relative to it, with `/`. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();

test('it holds what a reader needs from disk and nothing else, and the zip holds the same', async ({ baseURL }) => {
  const folder = fileURLToPath(baseURL!);
  const files = filesUnder(folder);
  expect(files).toEqual(expect.arrayContaining(['index.html', 'search/index.html', 'search-index.js', 'favicon.svg']));
  expect(files.filter((f) => f.startsWith('_astro/') && f.endsWith('.css')).length).toBeGreaterThan(0);
  // Pages, their styles and scripts, the favicon: no Pagefind, preview cards, feeds, sitemaps or papers.json.
  expect(files.filter((f) => !/\.(?:html|css|js|svg)$/.test(f) || /^(?:pagefind|cards)\//.test(f))).toEqual([]);

  // The zip the hosted site offers sits in the site the edition was made from (dist-offline/ ← dist/).
  const zip = unzipSync(readFileSync(join(folder.replace(/[\\/]$/, '').replace(/-offline$/, ''), 'shelfmark-offline.zip')));
  const entries = Object.keys(zip).filter((name) => !name.endsWith('/'));
  expect(entries.map((name) => name.replace(/^shelfmark-offline\//, '')).sort()).toEqual(files);
});

test('home → theme → paper → back, all from disk', async ({ page, sandbox }) => {
  await page.goto('index.html');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Styles load from disk too.
  expect(await page.evaluate(() => getComputedStyle(document.body).display)).toBe('flex');

  await page.getByRole('link', { name: 'Rectified flow & flow matching' }).first().click();
  await expect(page).toHaveURL(/\/themes\/rectified-flow\/index\.html$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Rectified flow/);

  const title = 'Flow Straight and Fast: Learning to Generate and Transfer Data with Rectified Flow';
  await page.getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(/\/papers\/flow-straight-and-fast-[a-z0-9-]+\/index\.html$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

  await page.goBack();
  await expect(page).toHaveURL(/\/themes\/rectified-flow\/index\.html$/);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'All papers' }).click();
  await expect(page).toHaveURL(/\/papers\/index\.html$/);
  expect(sandbox.network).toEqual([]);
});

test('the search dialog works from disk, on the offline index', async ({ page, sandbox }) => {
  await page.goto('themes/rectified-flow/index.html');
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search the catalog' });
  const box = dialog.getByRole('combobox', { name: 'Search titles and abstracts' });
  await box.fill('rectified flow');
  const options = dialog.getByRole('option');
  await expect(options.first()).toBeVisible();
  const top = await dialog.locator('.hit-title').allTextContents();
  expect(top.slice(0, 5).every((t) => /rectifi/i.test(t) && /flow/i.test(t)), top.join(' | ')).toBe(true);
  await expect(dialog.locator('.hit-excerpt mark').first()).toBeVisible();

  await box.press('ArrowDown');
  const chosen = (await dialog.locator('.hit-title').first().textContent())!;
  await box.press('Enter');
  await expect(page).toHaveURL(/\/papers\/[a-z0-9-]+\/index\.html$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(chosen);
  expect(sandbox.network).toEqual([]);
});

test('the results page works from disk: query, theme facet, sort, URL, back', async ({ page, sandbox }) => {
  await page.goto('search/index.html?q=flow');
  const form = page.locator('#search-page');
  await expect(form).toHaveAttribute('data-state', 'done');
  await expect(form).toHaveAttribute('data-engine', 'offline');
  const status = page.locator('#search-status');
  const count = async () => Number(((await status.textContent()) ?? '').match(/\d+/)?.[0]);
  const all = await count();
  expect(all).toBeGreaterThan(0);
  await expect(page.locator('#search-results > li h2').first()).toHaveText(/flow/i);

  await page.locator('#search-themes input[value="efficient-attention"]').check();
  await expect(page).toHaveURL(/search\/index\.html\?q=flow&theme=efficient-attention$/);
  await expect.poll(count).toBeLessThan(all);
  await page.getByLabel('Sort by').selectOption('newest');
  await expect(page).toHaveURL(/sort=newest$/);

  await page.goBack();
  await page.goBack();
  await expect(page.locator('#search-themes input[value="efficient-attention"]')).not.toBeChecked();
  await expect.poll(count).toBe(all);

  // A result leads to its page on disk; there is no download link in the download itself.
  await expect(page.getByRole('link', { name: 'Download for offline reading' })).toHaveCount(0);
  await page.locator('#search-results > li h2 a').first().click();
  await expect(page).toHaveURL(/\/papers\/[a-z0-9-]+\/index\.html$/);
  expect(sandbox.network).toEqual([]);
});

test('from disk, an inflection finds what Pagefind finds by its stem, and is marked: "distilled" finds "Distillation"', async ({ page, sandbox }) => {
  await page.goto('search/index.html?q=distilled');
  const form = page.locator('#search-page');
  await expect(form).toHaveAttribute('data-state', 'done');
  await expect(form).toHaveAttribute('data-engine', 'offline');
  await expect(page.locator('#search-correction')).toBeHidden();
  await expect(page.locator('#search-results > li h2 mark').filter({ hasText: /^distillation$/i }).first()).toBeVisible();
  expect(sandbox.network).toEqual([]);
});

test('from disk, a typo is corrected and finds the paper; find similar works too', async ({ page, sandbox }) => {
  const title = 'Flow Straight and Fast: Learning to Generate and Transfer Data with Rectified Flow';
  await page.goto('search/index.html?q=flow+straihgt+fast');
  const form = page.locator('#search-page');
  await expect(form).toHaveAttribute('data-state', 'done');
  await expect(form).toHaveAttribute('data-engine', 'offline');
  await expect(page.locator('#search-correction')).toHaveText('Showing results for flow straight fast — search instead for flow straihgt fast');
  await expect(page.locator('#search-results > li h2').first()).toHaveText(title);

  const section = page.getByRole('region', { name: 'Find similar papers' });
  await section.getByLabel(/Paste an abstract/).fill(
    'We present rectified flow, a simple approach to learning neural ODE models that transport between two empirically observed distributions along straight paths.',
  );
  await section.getByRole('button', { name: 'Find similar' }).click();
  await expect(section.getByRole('status')).toHaveText('The 10 papers closest to the text you gave.');
  await expect(section.locator('#similar-results h3').first()).toHaveText(title);
  await section.locator('#similar-results a').first().click();
  await expect(page).toHaveURL(/\/papers\/flow-straight-and-fast-[a-z0-9-]+\/index\.html$/);
  expect(sandbox.network).toEqual([]);
});
