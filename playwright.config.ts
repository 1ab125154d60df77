import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './tests/support/chromium.ts';

/**
 * End-to-end tests run against the built site, served twice: at `/` and under a base
 * path, as on GitHub Pages. Playwright cannot download its own browser here, so they
 * drive Debian's Chromium.
 */
if (!existsSync(CHROMIUM)) {
  throw new Error(`No Chromium at ${CHROMIUM}. Install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`);
}

export const BASE_PATH = '/shelfmark/';

/** Two previews on consecutive ports; `E2E_PORT` moves them so two checkouts can test at once. */
const port = Number(process.env.E2E_PORT || 4321);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  // The search dialog's code loads on first use; on a two-core machine shared with other work
  // (load average 12 seen here) that took over Playwright's default 5 s, failing keyboard tests
  // that pass when re-run. Waits end as soon as the page is ready, so a longer bound costs nothing.
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? 'list' : 'line',
  use: {
    launchOptions: {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
  },
  projects: [
    { name: 'root', use: { baseURL: `http://127.0.0.1:${port}/` }, testIgnore: /offline\.spec\.ts$/ },
    { name: 'base-path', use: { baseURL: `http://127.0.0.1:${port + 1}${BASE_PATH}` }, testIgnore: /offline\.spec\.ts$/ },
    // The offline editions of both builds, opened from disk as someone who unzipped one would: no server at all.
    { name: 'offline', use: { baseURL: `${pathToFileURL(resolve('dist-offline')).href}/` }, testMatch: /offline\.spec\.ts$/ },
    { name: 'offline-base-path', use: { baseURL: `${pathToFileURL(resolve('dist-base-offline')).href}/` }, testMatch: /offline\.spec\.ts$/ },
  ],
  webServer: [
    { command: `astro preview --ignore-lock --host 127.0.0.1 --port ${port}`, url: `http://127.0.0.1:${port}/`, reuseExistingServer: false },
    {
      command: `astro preview --ignore-lock --host 127.0.0.1 --port ${port + 1}`,
      url: `http://127.0.0.1:${port + 1}${BASE_PATH}`,
      env: { BASE_PATH, OUT_DIR: 'dist-base', SITE_URL: 'https://example.github.io' },
      reuseExistingServer: false,
    },
  ],
});
