import { test as base, expect, type Page, type Response } from '@playwright/test';

/**
 * Every e2e test runs offline by construction: a request to any host but the local
 * server is aborted and recorded, and so is every console error and uncaught page error.
 * The test fails at the end if any happened. Under a `file://` base URL (the offline
 * edition) there is no local server, so every network request counts as foreign; files
 * read from disk are allowed. `network` lists every request that went over the network
 * (anything but `file:`, `data:` and `blob:`), and `responses` what came back, for tests
 * that measure it.
 */
export const test = base.extend<{
  sandbox: { foreign: string[]; errors: string[]; network: string[]; responses: Response[] };
}>({
  sandbox: [
    async ({ page, baseURL }, use) => {
      const local = new URL(baseURL!).host;
      const seen = { foreign: [] as string[], errors: [] as string[], network: [] as string[], responses: [] as Response[] };
      page.on('request', (request) => {
        if (!/^(?:file|data|blob):/.test(request.url())) seen.network.push(request.url());
      });
      page.on('response', (response) => seen.responses.push(response));
      await page.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.protocol === 'file:' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
        if (local && url.host === local) return route.continue();
        seen.foreign.push(url.href);
        return route.abort();
      });
      page.on('console', (message) => {
        if (message.type() === 'error') seen.errors.push(message.text());
      });
      page.on('pageerror', (error) => seen.errors.push(error.message));
      await use(seen);
      expect(seen.foreign, 'requests to other hosts').toEqual([]);
      expect(seen.errors, 'console and page errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Opens the search dialog with `/`, searches for `query` and moves onto the first result. */
export async function searchInDialog(page: Page, query: string) {
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search the catalog' });
  await dialog.getByRole('combobox').fill(query);
  await expect(dialog.getByRole('option').first()).toBeVisible();
  await dialog.getByRole('combobox').press('ArrowDown');
  return dialog;
}
