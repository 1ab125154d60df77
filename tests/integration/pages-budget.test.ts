/**
 * A 30,000-paper catalog fits GitHub Pages (1 GB artifact, 100 MB a file), proved on a smaller one
 * built in the same configuration: the bench's synthetic corpus (scripts/bench-corpus.ts) of
 * PAPERS papers, built as a large catalog with its search index and data export in as many parts
 * as 30,000 papers have (three of each), then held by the deploy's own check
 * (src/build/pages-limits.ts) to the limits divided by 30,000 / PAPERS.
 *
 * Why dividing is sound: what the site holds per paper (its page, its share of the lists, the
 * search index and the export) grows at most in step with the catalog, while what it holds once
 * (styles, scripts, theme cards, Pagefind's own files) does not grow at all; so a site of 30,000
 * papers weighs at most 30,000 / PAPERS times this one, and its largest file at most that many
 * times this one's largest. Built the way a catalog that is not large is built, the same corpus
 * fails: its offline zip and per-paper cards alone project past both limits.
 * `npm run bench -- --papers 30000` measures the real thing (README, "Scale").
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeCorpus } from '../../scripts/bench-corpus.ts';
import { checkPagesLimits, describeVerdict, listSite, PAGES_LIMITS } from '../../src/build/pages-limits.ts';
import { repoRoot } from '../support/repo.ts';
import { projectCopy } from '../support/site-build.ts';

const TARGET = 30_000;
const PAPERS = 600;
const SCALE = TARGET / PAPERS;
/** At 30,000 papers a large catalog's search index is two parts of 15,000 and its export three of 10,000 (src/lib/large-catalog.ts); here in the same proportion. */
const SEARCH_PART = String(PAPERS / 2);
const DATA_PART = String(PAPERS / 3);

const corpus = mkdtempSync(join(tmpdir(), 'shelfmark-budget-corpus-'));
let copy: { root: string; content: string };
afterAll(() => {
  rmSync(corpus, { recursive: true, force: true });
  if (copy) rmSync(copy.root, { recursive: true, force: true });
});

function build(outDir: string, env: Record<string, string>): { status: number | null; output: string } {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['SKIP_CARDS', 'NODE_OPTIONS', 'OFFLINE_DIR', 'CARDS_CACHE_DIR', 'PAGES_CHECK', 'LARGE_CATALOG', 'SEARCH_PART_PAPERS', 'DATA_PART_PAPERS', 'BASE_PATH', 'SITE_URL']) delete base[name];
  Object.assign(base, {
    CONTENT_DIR: copy.content,
    OUT_DIR: outDir,
    PATH: `${join(repoRoot, 'node_modules/.bin')}:${process.env.PATH}`,
    ...env,
  });
  const result = spawnSync(process.execPath, ['scripts/build.ts'], { cwd: copy.root, env: base, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The built site's verdict against the Pages limits scaled down by SCALE. */
const scaledVerdict = (outDir: string) =>
  checkPagesLimits(listSite(join(copy.root, outDir)), { artifactBytes: PAGES_LIMITS.artifactBytes / SCALE, fileBytes: PAGES_LIMITS.fileBytes / SCALE });

beforeAll(() => {
  writeCorpus(corpus, PAPERS);
  copy = projectCopy(join(corpus, 'content'));
});

it(`a catalog of ${TARGET.toLocaleString('en-US')} papers, built as a large one, fits GitHub Pages`, () => {
  const large = build('dist', { LARGE_CATALOG: '1', SEARCH_PART_PAPERS: SEARCH_PART, DATA_PART_PAPERS: DATA_PART, BASE_PATH: '/catalog/', SITE_URL: 'https://example.github.io' });
  expect(large.status, large.output).toBe(0);
  const verdict = scaledVerdict('dist');
  expect(verdict.ok, describeVerdict(verdict, 'dist')).toBe(true);
  // Some room to spare: a projected artifact near the limit would be one corpus quirk from failing.
  expect(verdict.artifactBytes * SCALE).toBeLessThan(0.95 * PAGES_LIMITS.artifactBytes);
});

it('would not fit built as a small catalog: the check above can fail', () => {
  const small = build('dist-small', { PAGES_CHECK: 'warn' });
  expect(small.status, small.output).toBe(0);
  const verdict = scaledVerdict('dist-small');
  expect(verdict.ok).toBe(false);
  expect(verdict.oversized.map((f) => f.path)).toContain('shelfmark-offline.zip');
});
