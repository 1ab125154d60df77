/**
 * The configuration for large catalogs (src/lib/large-catalog.ts), which keeps a 30,000-paper site
 * within GitHub Pages' limits and its build within 3.5 GB, applies as a whole: the small fixture
 * catalog is built with LARGE_CATALOG=1, so that it counts as large, cards included, with one
 * paper given notes, and its search index in parts of one paper each; searching it in Chromium gives
 * what the same catalog's index in one piece gives. And the Pages check (src/build/pages-limits.ts)
 * passes that site and fails one that is over, from the command line the deploy workflow runs.
 * Building 30,000 papers takes minutes; `npm run bench -- --papers 30000` measures that one
 * (README, "Scale").
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { site } from '../../src/site.ts';
import { CHROMIUM } from '../support/chromium.ts';
import { repoRoot } from '../support/repo.ts';
import { filesUnder, pageAt, projectCopy } from '../support/site-build.ts';
import { serveStatic } from '../support/static-server.ts';

const RELEASE_URL = 'https://github.com/owner/repo/releases/download/offline-edition/shelfmark-offline.zip';
const copy = projectCopy(join(repoRoot, 'tests/fixtures/project/content'));
afterAll(() => rmSync(copy.root, { recursive: true, force: true }));
const dist = join(copy.root, 'dist');

/** Runs `node <args>` in the copy, as the large-catalog build does; returns its exit code and what it printed. */
function run(args: string[], extra: Record<string, string> = {}): { status: number | null; output: string } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['SKIP_CARDS', 'NODE_OPTIONS', 'OFFLINE_DIR', 'CARDS_CACHE_DIR', 'PAGES_CHECK']) delete env[name];
  Object.assign(env, {
    CONTENT_DIR: copy.content,
    OUT_DIR: 'dist',
    LARGE_CATALOG: '1',
    OFFLINE_ZIP_URL: RELEASE_URL,
    PATH: `${join(repoRoot, 'node_modules/.bin')}:${process.env.PATH}`,
    ...extra,
  });
  const result = spawnSync(process.execPath, args, { cwd: copy.root, env, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

let ids: string[] = [];
let noted = '';
let buildOutput = '';

beforeAll(() => {
  const ingest = run(['scripts/ingest.ts']);
  expect(ingest.status, ingest.output).toBe(0);
  ids = readdirSync(join(copy.content, 'papers')).filter((name) => name.endsWith('.mdx')).map((name) => name.slice(0, -'.mdx'.length)).sort();
  noted = ids[0]!;
  appendFileSync(join(copy.content, 'papers', `${noted}.mdx`), '\nA maintainer read this one closely.\n');
  const build = run(['scripts/build.ts'], { SEARCH_PART_PAPERS: '1', DATA_PART_PAPERS: '2' });
  expect(build.status, build.output).toBe(0);
  buildOutput = build.output;
  // The same catalog with its index in one piece, to search beside it.
  const whole = run(['scripts/build.ts'], { OUT_DIR: 'dist-whole', SKIP_CARDS: '1' });
  expect(whole.status, whole.output).toBe(0);
});

describe('a large catalog', () => {
  it('publishes the offline zip beside the site, for the deploy to release, and links to the release', () => {
    expect(existsSync(join(dist, 'shelfmark-offline.zip'))).toBe(false);
    const zip = readFileSync(join(copy.root, 'dist-release', 'shelfmark-offline.zip'));
    expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    for (const page of ['', 'search/']) {
      expect(pageAt(dist, page)).toContain(`<a href="${RELEASE_URL}" rel="noopener noreferrer" download>Download for offline reading</a>`);
    }
  });

  it("gives paper pages their first theme's card, and says so, but keeps the card of a paper with notes", () => {
    const cards = filesUnder(join(dist, 'cards'));
    expect(cards.filter((file) => file.startsWith('papers/'))).toEqual([`papers/${noted}.png`]);
    const cardOf = (page: string) => /<meta property="og:image" content="[^"]*\/(cards\/[^"]+)"/.exec(page)![1]!;
    const shared = ids.filter((id) => id !== noted).map((id) => ({ page: pageAt(dist, `papers/${id}/`), card: cardOf(pageAt(dist, `papers/${id}/`)) }));
    expect(shared.some(({ card }) => card.startsWith('cards/themes/'))).toBe(true);
    const altOf = (page: string) => /<meta property="og:image:alt" content="([^"]*)"/.exec(page)![1]!;
    for (const { page, card } of shared) {
      expect(cards).toContain(card.slice('cards/'.length));
      if (card === 'cards/site.png') {
        expect(page).toContain('Links to this paper preview with the card of the whole catalog: a catalog this large has a preview card per theme');
        expect(altOf(page)).toBe(site.name);
      } else {
        expect(card).toMatch(/^cards\/themes\/[a-z0-9-]+\.png$/);
        // The card's alt text says what the card shows: the theme, not this paper.
        const theme = /Links to this paper preview with the card of its theme, ([^:]+): a catalog this large has a preview card per theme/.exec(page)?.[1];
        expect(theme).toBeDefined();
        expect(altOf(page)).toBe(theme);
      }
    }
    const own = pageAt(dist, `papers/${noted}/`);
    expect(own).toContain(`/cards/papers/${noted}.png"`);
    expect(own).not.toContain('Links to this paper preview with');
  });

  it('splits papers.json into parts of DATA_PART_PAPERS papers, which papers.json lists and which together hold every paper once, in id order', () => {
    const whole = JSON.parse(readFileSync(join(copy.root, 'dist-whole', 'papers.json'), 'utf8')) as { id: string }[];
    const index = JSON.parse(readFileSync(join(dist, 'papers.json'), 'utf8')) as { papers: number; parts: { url: string; papers: number; first: string; last: string }[] };
    expect(index.papers).toBe(ids.length);
    expect(index.parts).toHaveLength(Math.ceil(ids.length / 2));
    const rows: { id: string }[] = [];
    for (const [i, part] of index.parts.entries()) {
      expect(part.url).toMatch(new RegExp(`/papers-${i + 1}\\.json$`));
      const held = JSON.parse(readFileSync(join(dist, `papers-${i + 1}.json`), 'utf8')) as { id: string }[];
      expect(held.length).toBe(part.papers);
      expect(held.length).toBeLessThanOrEqual(2);
      expect([held[0]!.id, held.at(-1)!.id]).toEqual([part.first, part.last]);
      rows.push(...held);
    }
    // The rows are those of the whole export, unchanged.
    expect(rows).toEqual(whole);
    expect(existsSync(join(copy.root, 'dist-whole', 'papers-1.json'))).toBe(false);
  });

  it('ends the build by holding the site to the Pages limits', () => {
    expect(buildOutput).toMatch(/pages: dist\/ fits GitHub Pages: [\d,]+ files/);
  });
});

describe("a large catalog's search index in parts", () => {
  it('is written in parts of one paper, and the pages say how many', () => {
    const parts = ids.length;
    expect(parts).toBeGreaterThan(2);
    expect(pageAt(dist, '')).toContain(`data-search-parts="${parts}"`);
    for (let part = 2; part <= parts; part++) expect(existsSync(join(dist, `pagefind/part-${part}/pagefind-entry.json`))).toBe(true);
    expect(existsSync(join(dist, `pagefind/part-${parts + 1}`))).toBe(false);
    expect(pageAt(join(copy.root, 'dist-whole'), '')).not.toContain('data-search-parts');
  });

  it('finds, counts and sorts in Chromium as the index in one piece does', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM });
    const servers = await Promise.all([serveStatic(dist), serveStatic(join(copy.root, 'dist-whole'))]);
    try {
      /**
       * What the results page shows for `query`: the status line, each result's title and facts,
       * and the theme counts, the search's own once asked for; and how many filter index files
       * Pagefind fetched before they were asked for.
       */
      const results = async (server: { url: string }, query: string) => {
        const page = await browser.newPage();
        let filterFiles = 0;
        page.on('request', (request) => void (request.url().endsWith('.pf_filter') && filterFiles++));
        await page.goto(`${server.url}search/?${query}`);
        await page.locator('#search-page[data-state="done"]').waitFor();
        const beforeAsked = { filterFiles, note: await page.locator('#search-count-state').textContent() };
        await page.getByRole('button', { name: "Count this search's matches" }).click();
        await page.locator('#search-count-state', { hasText: 'Counts are for this search.' }).waitFor();
        await page.locator('#search-page[data-state="done"]').waitFor();
        const shown = {
          status: await page.locator('#search-status').textContent(),
          titles: await page.locator('#search-results > li h2').allTextContents(),
          facts: await page.locator('#search-results > li .facts').allTextContents(),
          themes: await page.locator('#search-themes [data-count]').allTextContents(),
          beforeAsked,
        };
        await page.close();
        return shown;
      };
      for (const query of ['q=attention', 'q=transformer&sort=newest', 'q=models&sort=upvotes', 'q=attention&sort=newest&theme=efficient-attention']) {
        const [inParts, whole] = [await results(servers[0], query), await results(servers[1], query)];
        expect(inParts.status, query).toBe(whole.status);
        expect(inParts.titles.length, query).toBeGreaterThan(0);
        // The first page is full: every match up to a page of 20, sorted or not.
        const matched = Number(/^([\d,]+) pap/.exec(whole.status ?? '')?.[1]?.replace(/,/g, ''));
        expect(whole.titles.length, query).toBe(Math.min(matched, 20));
        expect(new Set(inParts.titles), query).toEqual(new Set(whole.titles));
        expect(inParts.themes, query).toEqual(whole.themes);
        // A large catalog counts a search's matches only when asked (src/browser/search/page.ts):
        // until then a search without facets loads no filter index but each part's words record,
        // and a sorted one its order's filter (src/lib/sort-orders.ts), from each part.
        expect(inParts.beforeAsked.note, query).toBe('Counts are for the whole catalog.');
        const sorted = query.includes('sort=') ? 1 : 0;
        if (!query.includes('theme=')) expect(inParts.beforeAsked.filterFiles, query).toBe(ids.length * (1 + sorted));
        if (!query.includes('theme=')) expect(whole.beforeAsked.filterFiles, query).toBe(sorted);
        // Sorted: the same dates and upvotes in the same order (papers that tie may swap).
        if (query.includes('sort=')) expect(inParts.facts, query).toEqual(whole.facts);
      }
    } finally {
      await Promise.all(servers.map((server) => server.close()));
      await browser.close();
    }
  });
});

describe('npm run pages:check', () => {
  it('passes the built site', () => {
    const check = run(['scripts/pages-limits.ts', 'dist']);
    expect(check.status).toBe(0);
    expect(check.output).toMatch(/^pages: dist\/ fits GitHub Pages: /);
  });

  it('fails a site with a file over 100 MB, naming it, without a stack trace', () => {
    const site = join(copy.root, 'too-big');
    mkdirSync(site, { recursive: true });
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>x</title>');
    // A sparse file: 101 MB to stat and to tar, no disk.
    const fd = openSync(join(site, 'papers.json'), 'w');
    ftruncateSync(fd, 101_000_000);
    closeSync(fd);
    const check = run(['scripts/pages-limits.ts', 'too-big']);
    expect(check.status).toBe(1);
    expect(check.output).toContain('pages: too-big/ is too large for GitHub Pages');
    expect(check.output).toContain('One file is over the 100.0 MB a file may have:\n  papers.json (101.0 MB)');
    expect(check.output).not.toMatch(/^\s+at /m);
  });

  it('fails a site whose artifact is over 1 GB though every file is within 100 MB', () => {
    const site = join(copy.root, 'too-much');
    mkdirSync(site, { recursive: true });
    for (let i = 0; i < 11; i++) {
      const fd = openSync(join(site, `part-${i}.bin`), 'w');
      ftruncateSync(fd, 95_000_000);
      closeSync(fd);
    }
    const check = run(['scripts/pages-limits.ts', 'too-much']);
    expect(check.status).toBe(1);
    expect(check.output).toMatch(/The artifact is [\d.]+ MB over\. The largest files:\n {2}part-/);
  });
});
