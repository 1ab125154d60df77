import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/**
 * The catalog with a keyboard alone: from the home page to search (the header's Search
 * control with Tab and Enter, the `/` shortcut, and the home page's own search box), a
 * query typed, a result opened with the keyboard, and back with Alt+Left. Every control
 * reached with Tab shows where focus is. Run at `/` only.
 */

test.skip(({ baseURL }) => new URL(baseURL!).pathname !== '/', 'search.spec.ts covers the dialog under a base path');

/** Presses Tab until `target` has focus (at most `limit` times), checking each stop shows a focus ring. */
async function tabTo(page: Page, target: Locator, limit = 25) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return { tag: el.tagName, text: el.textContent?.trim().slice(0, 40), visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none' };
    });
    if (ring) expect(ring.visible, `focus ring on <${ring.tag}> "${ring.text}"`).toBe(true);
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`${target} was not reached with ${limit} Tabs`);
}

/**
 * Alt+Left, the browser's Back, to the page at `url`. Playwright's key presses reach the page
 * but not the browser's own shortcuts, so when Alt+Left does not navigate, Back is taken
 * through history, as the shortcut does.
 */
async function back(page: Page, url: string) {
  await page.keyboard.press('Alt+ArrowLeft');
  try {
    await expect(page).toHaveURL(url, { timeout: 500 });
  } catch {
    await page.goBack();
    await expect(page).toHaveURL(url);
  }
}

test('home → Search control (Tab, Enter) → query → result (arrows, Enter) → back', async ({ page }) => {
  await page.goto('./');
  const home = page.url();
  const trigger = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Search' });
  await tabTo(page, trigger);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Search the catalog' });
  const box = dialog.getByRole('combobox');
  await expect(box).toBeFocused();
  await page.keyboard.type('rectified flow');
  // The list is redrawn as each word arrives: wait for the whole query's results, not a prefix's.
  await expect(dialog.getByRole('status')).toContainText('“rectified flow”');
  await page.keyboard.press('ArrowDown');
  const chosen = (await dialog.getByRole('option').first().locator('.hit-title').textContent())!;
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/papers\/[a-z0-9-]+\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(chosen);
  await back(page, home);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Research papers, shelved by theme');
});

test('the / shortcut opens search anywhere; Esc clears the query, then closes', async ({ page }) => {
  await page.goto('papers/');
  const list = page.url();
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search the catalog' });
  const box = dialog.getByRole('combobox');
  await expect(box).toBeFocused();
  await page.keyboard.type('ctc');
  await expect(dialog.getByRole('option').first()).toBeVisible();
  // A search field's own Escape empties it first; the next one closes the dialog.
  await page.keyboard.press('Escape');
  await expect(box).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.keyboard.press('/');
  await expect(box).toBeFocused();
  await page.keyboard.type('ctc');
  await expect(box).toHaveValue('ctc');
  await expect(dialog.getByRole('option').first()).toBeVisible({ timeout: 10_000 });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/papers\/[a-z0-9-]+\/$/);
  await back(page, list);
});

test('home search box → results page → a result with Tab and Enter → back to the same results', async ({ page }) => {
  await page.goto('./');
  const box = page.getByRole('main').getByRole('searchbox', { name: 'Search titles and abstracts' });
  await tabTo(page, box);
  await page.keyboard.type('rectified flow');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/search\/\?q=rectified\+flow/);
  await expect(page.locator('#search-page')).toHaveAttribute('data-state', 'done');
  const results = page.url();

  const first = page.locator('#search-results > li').first().getByRole('link');
  const title = (await first.textContent())!.trim();
  await tabTo(page, first, 60);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

  await back(page, results);
  await expect(page.locator('#search-input')).toHaveValue('rectified flow');
  await expect(page.locator('#search-results > li').first().getByRole('link')).toHaveText(title);
});

test('the skip link is the first stop and moves focus past the header', async ({ page }) => {
  await page.goto('papers/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  await page.keyboard.press('Tab');
  // The next stop is inside <main>, not the header's links.
  expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
});

test("the dialog's list of matches is no Tab stop of its own, even when it scrolls: the box moves through it", async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 420 });
  await page.goto('./');
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search the catalog' });
  await page.keyboard.type('attention');
  await expect(dialog.getByRole('status')).toContainText('“attention”');
  const list = dialog.getByRole('listbox');
  // Chromium makes a box that scrolls a Tab stop: this one must scroll for the test to mean anything.
  expect(await list.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
  // From the box to "See all results", every stop on the way.
  const stops: string[] = [];
  for (let i = 0; i < 8 && !stops.some((stop) => stop.startsWith('See all')); i++) {
    await page.keyboard.press('Tab');
    stops.push(await page.evaluate(() => document.activeElement?.getAttribute('role') ?? document.activeElement?.textContent?.trim() ?? ''));
  }
  expect(stops.at(-1)).toMatch(/^See all \d+ results$/);
  expect(stops).not.toContain('listbox');
});
