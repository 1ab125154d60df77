/**
 * `npm run lighthouse` — Lighthouse scores for the built site (run `npm run build` first):
 * home, a theme page, a paper page and the search page, in Debian's Chromium, with
 * Lighthouse's default mobile throttling. Prints a table; exits 1 when a page misses
 * performance ≥ 0.95 or accessibility, best practices or SEO = 1.
 */
import { spawn } from 'node:child_process';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { readOptions } from '../src/lib/cli.ts';
import { CHROMIUM } from '../tests/support/chromium.ts';

const USAGE = `npm run lighthouse

Lighthouse scores for the built site (run \`npm run build\` first): home, a theme page, a paper
page and the search page, in Chromium with mobile throttling. Exits 1 when a page misses
performance 0.95 or accessibility, best practices or SEO 1.

  --help    print this`;

readOptions('lighthouse', USAGE, {});

const PORT = 4330;
const pages = ['', 'themes/rectified-flow/', 'papers/mamba-linear-time-sequence-modeling-with-selective-state-spaces/', 'search/?q=rectified+flow'];
const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const floor = { performance: 0.95, accessibility: 1, 'best-practices': 1, seo: 1 };

const server = spawn('astro', ['preview', '--ignore-lock', '--host', '127.0.0.1', '--port', String(PORT)], { stdio: 'ignore' });
const chrome = await launch({
  chromePath: CHROMIUM,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
let failed = false;
try {
  await waitForServer(`http://127.0.0.1:${PORT}/`);
  console.log(`${'page'.padEnd(40)} ${categories.map((c) => c.padStart(16)).join('')}`);
  for (const path of pages) {
    const result = await lighthouse(`http://127.0.0.1:${PORT}/${path}`, { port: chrome.port, onlyCategories: [...categories], output: 'json', logLevel: 'error' });
    const scores = categories.map((c) => result!.lhr.categories[c]!.score ?? 0);
    failed ||= categories.some((c, i) => scores[i]! < floor[c]);
    console.log(`${`/${path}`.slice(0, 40).padEnd(40)} ${scores.map((s) => s.toFixed(2).padStart(16)).join('')}`);
    for (const c of categories.filter((c) => (result!.lhr.categories[c]!.score ?? 0) < floor[c])) {
      const misses = result!.lhr.categories[c]!.auditRefs.filter((ref) => (result!.lhr.audits[ref.id]?.score ?? 1) < 1 && ref.weight > 0);
      for (const ref of misses) console.log(`    ${c}: ${result!.lhr.audits[ref.id]!.title}`);
    }
  }
} finally {
  chrome.kill();
  server.kill();
}
process.exitCode = failed ? 1 : 0;

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`lighthouse: no server at ${url}`);
}
