import { test as base, expect } from '@playwright/test';

/**
 * Every e2e test runs offline by construction: a request to any host but the local
 * server is aborted and recorded, and so is every console error and uncaught page error.
 * The test fails at the end if any happened.
 */
export const test = base.extend<{ sandbox: { foreign: string[]; errors: string[] } }>({
  sandbox: [
    async ({ page, baseURL }, use) => {
      const local = new URL(baseURL!).host;
      const seen = { foreign: [] as string[], errors: [] as string[] };
      await page.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.host === local) return route.continue();
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
