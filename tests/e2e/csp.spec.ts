import type { Page } from '@playwright/test';
import { expect, searchInDialog, test } from './fixtures.ts';

/**
 * The Content-Security-Policy every page carries (Astro's `security.csp`, see
 * astro.config.mjs): only the site's own scripts run, and with it every page, the search
 * page (Pagefind: its script, its WebAssembly, its index) and the search dialog work with
 * no violation at all. The policy is also shown to bite: an inline script or an inline
 * event handler added to a page does not run.
 */

declare global {
  interface Window {
    cspViolations: string[];
    cspProbe?: number;
  }
}

/** Records every CSP violation on the page from before its first script runs. */
async function watch(page: Page) {
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations.push(`${e.effectiveDirective}: ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
}
const violations = (page: Page) => page.evaluate(() => window.cspViolations);

/** The policy of the page, directive name → sources. */
async function policy(page: Page): Promise<Map<string, string[]>> {
  const content = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
  expect(content, 'the page has a CSP <meta>').toBeTruthy();
  return new Map(
    content!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

test.beforeEach(async ({ page }) => watch(page));

test('the policy allows the site\'s own scripts and Pagefind\'s WebAssembly, and nothing inline', async ({ page }) => {
  await page.goto('./');
  const csp = await policy(page);
  expect(csp.get('default-src')).toEqual(["'self'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'self'"]);
  const scripts = csp.get('script-src')!;
  expect(scripts.filter((s) => !s.startsWith("'sha256-"))).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  expect(csp.get('style-src')!.filter((s) => !s.startsWith("'sha256-"))).toEqual(["'self'"]);
  // The <meta> comes before every script and style it governs.
  const before = await page.evaluate(() => {
    const children = [...document.head.children];
    const meta = children.findIndex((el) => el.getAttribute('http-equiv')?.toLowerCase() === 'content-security-policy');
    const governed = children.findIndex((el) => el.matches('script, style, link[rel~="stylesheet"], link[rel="modulepreload"]'));
    return governed === -1 || meta < governed;
  });
  expect(before).toBe(true);
});

for (const path of ['./', 'themes/rectified-flow/', 'themes/unsorted/', 'papers/', '404.html']) {
  test(`no violation on ${path}`, async ({ page, baseURL }) => {
    test.skip(new URL(baseURL!).pathname !== '/', 'the pages are the same under a base path; Pagefind and the dialog are checked there too');
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    expect(await violations(page)).toEqual([]);
  });
}

test('no violation on a paper page, copying its citation', async ({ page, request }) => {
  const [paper] = (await (await request.get('papers.json')).json()) as { id: string }[];
  await page.goto(`papers/${paper!.id}/`);
  await page.getByRole('button', { name: 'Copy BibTeX' }).click();
  await expect(page.getByRole('status').filter({ hasText: /copied|blocked/ })).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('no violation while Pagefind loads its WebAssembly and index and shows results', async ({ page }) => {
  const wasm: string[] = [];
  page.on('response', (r) => {
    if (/\/pagefind\/(?:wasm\.|.*\.pf_)/.test(r.url())) wasm.push(r.url());
  });
  await page.goto('search/?q=rectified+flow');
  await expect(page.locator('#search-page')).toHaveAttribute('data-state', 'done');
  await expect(page.locator('#search-results > li').first()).toBeVisible();
  expect(wasm.some((u) => /wasm\./.test(u)), 'Pagefind fetched its WebAssembly').toBe(true);
  expect(await violations(page)).toEqual([]);
});

test('no violation in the search dialog', async ({ page }) => {
  await page.goto('papers/');
  await searchInDialog(page, 'attention');
  expect(await violations(page)).toEqual([]);
});

test('an inline script or event handler put into a page does not run', async ({ page, sandbox }) => {
  await page.goto('./');
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.cspProbe = 1';
    document.body.append(script);
    const button = document.createElement('button');
    button.setAttribute('onclick', 'window.cspProbe = 2');
    document.body.append(button);
    button.click();
    await new Promise((resolve) => setTimeout(resolve, 100));
    return window.cspProbe ?? null;
  });
  expect(ran).toBeNull();
  const seen = await violations(page);
  expect(seen.some((v) => v.startsWith('script-src-elem') || v.startsWith('script-src'))).toBe(true);
  expect(seen.some((v) => v.startsWith('script-src-attr') || v.startsWith('script-src'))).toBe(true);
  // Chromium reports each refusal on the console too; those are this test's own doing.
  const refusals = sandbox.errors.filter((e) => /Content Security Policy/.test(e));
  expect(refusals.length).toBeGreaterThanOrEqual(2);
  sandbox.errors.splice(0, sandbox.errors.length, ...sandbox.errors.filter((e) => !refusals.includes(e)));
});
