/**
 * `node scripts/fetch.ts` as people and the refresh workflow run it, against the replay
 * server, in throwaway copies of the fixture project: what it saves, that `npm run ingest`
 * reads it, and that every failure — 429, 5xx, a stalled answer, truncated JSON, arXiv's
 * error feed, an HTML page, a 404 — exits 1 with one line and leaves `content/sources/`
 * byte for byte as it was. The tests run concurrently: most of their time is spent waiting
 * (back-off, timeouts), not working.
 */
import { execFile } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dailyPage, fetchFixture, startReplayServer, type Reply } from '../support/replay-server.ts';
import { fixtureProject, runIngest, snapshotDir, temporaryFolders } from '../support/fixtures.ts';
import { repoRoot } from '../support/repo.ts';

const DAILY = '/api/daily_papers?date=2025-12-11&p=0&limit=50';
const IDS = '/api/query?id_list=2312.00752%2C2405.21060&max_results=2';
const SEARCH = '/api/papers/search?q=flow+matching';
const COLLECTION = '/api/collections/lab/ssm-reading-6650a0b1c2d3e4f5a6b7c8d9';
const LIBRARY = '/groups/4530458/items/top?format=json&itemType=-note&sort=dateAdded&direction=asc&start=0&limit=100';
const week = (page: number) => `/api/daily_papers?week=2025-W50&p=${page}&limit=50`;

const projectFolder = temporaryFolders('shelfmark-fetch-');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Paths the server was asked for, in order. */
  asked: string[];
  /** `content/sources/` before and after. */
  before: Record<string, string>;
  after: Record<string, string>;
  root: string;
}

/** A fresh copy of the fixture project (or `root`), and the fetch CLI run in it against a replay server with `routes`. */
async function fetchCli(routes: Record<string, Reply | Reply[]>, args: string[], root = copyOfFixtureProject()): Promise<Run> {
  const server = await startReplayServer(routes);
  const sources = join(root, 'content/sources');
  const before = snapshotDir(sources);
  // arXiv's three seconds are shortened for this local server only; the command refuses it for any other.
  const env = { ...process.env, SHELFMARK_HF_URL: server.url, SHELFMARK_ARXIV_URL: server.url, SHELFMARK_ZOTERO_URL: server.url, SHELFMARK_TEST_ARXIV_INTERVAL_MS: '50' };
  const { status, stdout, stderr } = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [join(repoRoot, 'scripts/fetch.ts'), ...args], { cwd: root, env, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
  await server.close();
  return { status, stdout, stderr, asked: server.requests.map((r) => r.url), before, after: snapshotDir(sources), root };
}

function copyOfFixtureProject(): string {
  const root = projectFolder();
  cpSync(fixtureProject, root, { recursive: true });
  return root;
}

/** The entries of the project's `sources.yaml`. */
const manifestOf = (root: string) => (parse(readFileSync(join(root, 'content/sources/sources.yaml'), 'utf8')) as { listings: { file: string; label: string; captured?: string }[] }).listings;
/** Stack-trace frames ("    at fn (file:1:2)") in a program's output. */
const stackFrames = (output: string) => output.split('\n').filter((line) => /^\s+at\s/.test(line));
const ANY_DAY = expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/);

describe.concurrent('npm run fetch', () => {
  it('saves each response as received with its sources.yaml entry, and the ingest reads them', async ({ expect }) => {
    const run = await fetchCli({ [DAILY]: { fixture: 'hf-daily-2025-12-11.json' }, [IDS]: { fixture: 'arxiv-2312.00752-2405.21060.xml' } }, ['hf:daily:2025-12-11', 'arxiv:2312.00752,2405.21060']);
    expect(run.stderr).not.toMatch(/^fetch:/m);
    expect(run.status).toBe(0);
    expect(run.asked).toEqual([DAILY, IDS]);
    expect(run.stdout).toBe(
      [
        'hf:daily:2025-12-11: 3 papers on 1 page; saved hf-daily-2025-12-11.json',
        'arxiv:2312.00752,2405.21060: 2 papers on 1 page; saved arxiv-2312.00752-2405.21060.xml',
        'added 2 file(s) to content/sources/ and sources.yaml; run `npm run ingest` to put their papers in the catalog.',
        '',
      ].join('\n'),
    );
    expect(Buffer.from(run.after['hf-daily-2025-12-11.json']!, 'latin1').equals(fetchFixture('hf-daily-2025-12-11.json'))).toBe(true);
    expect(Buffer.from(run.after['arxiv-2312.00752-2405.21060.xml']!, 'latin1').equals(fetchFixture('arxiv-2312.00752-2405.21060.xml'))).toBe(true);
    expect(manifestOf(run.root).slice(-2)).toEqual([
      { file: 'hf-daily-2025-12-11.json', label: 'Hugging Face Daily Papers', captured: ANY_DAY },
      { file: 'arxiv-2312.00752-2405.21060.xml', label: 'arXiv: 2312.00752, 2405.21060', captured: ANY_DAY },
    ]);
    // The manifest's comment survives.
    expect(run.after['sources.yaml']!.startsWith(run.before['sources.yaml']!)).toBe(true);

    const ingest = runIngest(run.root);
    expect(ingest.stderr).toBe('');
    expect(ingest.status).toBe(0);
    expect(ingest.stdout).toMatch(/sources read:\s+4\n/);
    expect(readFileSync(join(run.root, 'content/papers/mamba-linear-time-sequence-modeling-with-selective-state-spaces.mdx'), 'utf8')).toContain('arxivId: "2312.00752"');

    // The same answers again: nothing new to save.
    const again = await fetchCli({ [DAILY]: { fixture: 'hf-daily-2025-12-11.json' }, [IDS]: { fixture: 'arxiv-2312.00752-2405.21060.xml' } }, ['hf:daily:2025-12-11', 'arxiv:2312.00752,2405.21060'], run.root);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('hf:daily:2025-12-11: 3 papers on 1 page; the same bytes are saved already; nothing saved');
    expect(again.after).toEqual(again.before);
  });

  it('a collection is saved, then its papers from arXiv, whose abstracts and authors the ingest joins to it', async ({ expect }) => {
    const routes = { [COLLECTION]: { fixture: 'hf-collection-lab-ssm-reading.json' }, [IDS]: { fixture: 'arxiv-2312.00752-2405.21060.xml' } };
    const run = await fetchCli(routes, ['hf:collection:https://huggingface.co/collections/lab/ssm-reading-6650a0b1c2d3e4f5a6b7c8d9']);
    expect(run.status).toBe(0);
    expect(run.asked).toEqual([COLLECTION, IDS]);
    expect(run.stdout).toContain('hf:collection:lab/ssm-reading-6650a0b1c2d3e4f5a6b7c8d9: 2 papers on 1 page; saved hf-collection-lab-ssm-reading-6650a0b1c2d3e4f5a6b7c8d9.json\narxiv:2312.00752,2405.21060: 2 papers on 1 page; saved arxiv-2312.00752-2405.21060.xml\n');
    expect(manifestOf(run.root).slice(-2).map((entry) => entry.label)).toEqual(['Hugging Face collection: lab/ssm-reading-6650a0b1c2d3e4f5a6b7c8d9', 'Hugging Face collection: lab/ssm-reading-6650a0b1c2d3e4f5a6b7c8d9']);

    const ingest = runIngest(run.root);
    expect([ingest.status, ingest.stderr]).toEqual([0, '']);
    const mamba2 = readFileSync(join(run.root, 'content/papers/transformers-are-ssms-generalized-models-and-efficient-algorithms-through.mdx'), 'utf8');
    expect(mamba2).toMatch(/^abstract: "\S/m);
    expect(mamba2).toMatch(/^authors:\n  - "Tri Dao"/m);
    expect(mamba2).toContain('listing: "hf-collection-lab-ssm-reading-6650a0b1c2d3e4f5a6b7c8d9.json"');

    // Under --new-only, papers the catalog has are not asked of arXiv again.
    const again = await fetchCli(routes, ['hf:collection:lab/ssm-reading-6650a0b1c2d3e4f5a6b7c8d9', '--new-only'], run.root);
    expect(again.asked).toEqual([COLLECTION]);
    expect(again.after).toEqual(again.before);
  });

  it('a Zotero group library, given by its page\'s URL, is saved as the API sent it, and the ingest reads its papers and joins them to the listings\' papers', async ({ expect }) => {
    const run = await fetchCli({ [LIBRARY]: { fixture: 'zotero-groups-4530458.json' } }, ['zotero:https://www.zotero.org/groups/4530458/sequence_models_reading_group/library']);
    expect(run.stderr).not.toMatch(/^fetch:/m);
    expect(run.status).toBe(0);
    expect(run.asked).toEqual([LIBRARY]);
    expect(run.stdout).toContain('zotero:groups/4530458: 2 papers on 1 page; saved zotero-groups-4530458.json\n');
    expect(manifestOf(run.root).at(-1)).toEqual({ file: 'zotero-groups-4530458.json', label: 'Zotero library: groups/4530458', captured: ANY_DAY });

    const ingest = runIngest(run.root);
    expect([ingest.status, ingest.stderr]).toEqual([0, '']);
    const lstm = readFileSync(join(run.root, 'content/papers/long-short-term-memory.mdx'), 'utf8');
    expect(lstm).toContain('doi: "10.1162/neco.1997.9.8.1735"');
    expect(lstm).toMatch(/^authors:\n  - "Sepp Hochreiter"\n  - "Jürgen Schmidhuber"/m);
    // The project's listings have this paper without an arXiv id or names; the library's item joins them by title and abstract.
    const transformer = readFileSync(join(run.root, 'content/papers/attention-is-all-you-need.mdx'), 'utf8');
    expect(transformer).toContain('arxivId: "1706.03762"');
    expect(transformer).toContain('listing: "zotero-groups-4530458.json"');
  });

  it('pages through a week, saving -p1, -p2, -p3 with an entry each', async ({ expect }) => {
    const run = await fetchCli({ [week(0)]: { body: dailyPage(50, 1) }, [week(1)]: { body: dailyPage(50, 51) }, [week(2)]: { body: dailyPage(3, 101) } }, ['hf:week:2025-W50']);
    expect(run.status).toBe(0);
    expect(run.asked).toEqual([week(0), week(1), week(2)]);
    expect(run.stdout).toContain('hf:week:2025-W50: 103 papers on 3 pages; saved hf-week-2025-W50-p1.json, hf-week-2025-W50-p2.json, hf-week-2025-W50-p3.json');
    expect(manifestOf(run.root).slice(-3).map((entry) => entry.file)).toEqual(['hf-week-2025-W50-p1.json', 'hf-week-2025-W50-p2.json', 'hf-week-2025-W50-p3.json']);
  });

  it('waits out a 429 (Retry-After: 1) and a 500, then saves what follows', async ({ expect }) => {
    const run = await fetchCli({ [DAILY]: [{ status: 429, headers: { 'Retry-After': '1' } }, { fixture: 'hf-daily-2025-12-11.json' }], [IDS]: [{ status: 500 }, { fixture: 'arxiv-2312.00752-2405.21060.xml' }] }, ['hf:daily:2025-12-11', 'arxiv:2312.00752,2405.21060']);
    expect(run.status).toBe(0);
    expect(run.asked).toEqual([DAILY, DAILY, IDS, IDS]);
    expect(run.stderr).toMatch(/^HTTP 429 Too Many Requests from http:\/\/127\.0\.0\.1:\d+\/api\/daily_papers\?\S+; trying again in 1 s$/m);
    expect(run.stderr).toMatch(/^HTTP 500 Internal Server Error from \S+; trying again in 1 s$/m);
    expect(Object.keys(run.after).filter((name) => !(name in run.before))).toEqual(['arxiv-2312.00752-2405.21060.xml', 'hf-daily-2025-12-11.json']);
  });

  it('reads its specs from a file, as the refresh workflow does', async ({ expect }) => {
    const root = copyOfFixtureProject();
    writeFileSync(join(root, 'content/refresh.txt'), '# the daily refresh\nhf:daily:2025-12-11\n\nhf:search:"flow matching"\n');
    const run = await fetchCli({ [DAILY]: { fixture: 'hf-daily-2025-12-11.json' }, [SEARCH]: { fixture: 'hf-search-flow-matching.json' } }, ['--from', 'content/refresh.txt', '--new-only'], root);
    expect(run.status).toBe(0);
    expect(run.asked).toEqual([DAILY, SEARCH]);
    expect(run.stdout).toContain('hf:daily:2025-12-11: 3 papers on 1 page, 3 new; saved hf-daily-2025-12-11.json\n');
    expect(run.stdout).toContain('hf:search:"flow matching": 2 papers on 1 page, 2 new; saved hf-search-flow-matching.json\n');
  });

  it('a spec in the file that is not one is named by file and line, before any request', async ({ expect }) => {
    const root = copyOfFixtureProject();
    writeFileSync(join(root, 'content/refresh.txt'), 'hf:daily:yesterday\nhf:weekly:2025-W50\n');
    const run = await fetchCli({}, ['--from', 'content/refresh.txt'], root);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^fetch: content\/refresh\.txt:2: "hf:weekly:2025-W50" is not a spec: .*; content\/sources\/ was not changed\.\n$/);
    expect(run.asked).toEqual([]);
  });

  it('a --max-pages or --timeout not written in decimal digits is refused before any request', async ({ expect }) => {
    for (const [flag, value] of [['--max-pages', '0x3'], ['--max-pages', '1e1'], ['--timeout', '0x1E'], ['--timeout', ' 30']]) {
      const run = await fetchCli({}, ['hf:daily:2025-12-11', flag!, value!]);
      expect(run.status, value).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`^fetch: ${flag} must be .*; content/sources/ was not changed\\.\n$`));
      expect(run.asked).toEqual([]);
    }
  });
});

describe.concurrent('when fetching fails, content/sources/ is unchanged and the exit code is 1', () => {
  const failures: [string, Record<string, Reply | Reply[]>, string[], RegExp][] = [
    ['429 every time (Retry-After: 1)', { [DAILY]: { status: 429, headers: { 'Retry-After': '1' } } }, ['hf:daily:2025-12-11'], /^HTTP 429 Too Many Requests from \S+ \(tried 4 times\)$/],
    ['500 every time', { [IDS]: { status: 500 } }, ['arxiv:2312.00752,2405.21060'], /^HTTP 500 Internal Server Error from \S+ \(tried 4 times\)$/],
    ['an answer that stalls past --timeout', { [DAILY]: { fixture: 'hf-daily-2025-12-11.json', stallAfter: 200 } }, ['hf:daily:2025-12-11', '--timeout', '0.5'], /^no complete answer within 0\.5 s from \S+ \(tried 4 times\)$/],
    ['truncated JSON', { [DAILY]: { fixture: 'hf-daily-2025-12-11.json', truncate: 3000 } }, ['hf:daily:2025-12-11'], /^the response does not read, so it was not saved: http:\/\/127\.0\.0\.1:\d+\/api\/daily_papers\?\S+:1: error: this is not valid JSON/],
    ['arXiv\'s error feed', { [IDS]: { fixture: 'arxiv-error.xml' } }, ['arxiv:2312.00752,2405.21060'], /^the response does not read, so it was not saved: \S+:\d+: error: the arXiv API answered with an error: incorrect id format for 2312\.00752,2405\.21060/],
    ['an HTML page', { [DAILY]: { fixture: 'error-page.html' } }, ['hf:daily:2025-12-11'], /HTML page/],
    ['a 404', {}, ['hf:daily:2025-12-11'], /^HTTP 404 Not Found from \S+$/],
    ['a later page that fails after a good first one', { [week(0)]: { body: dailyPage(50, 1) }, [week(1)]: { fixture: 'hf-daily-2025-12-11.json', truncate: 10 } }, ['hf:week:2025-W50'], /not valid JSON/],
    ['a later spec that fails after a good first one', { [DAILY]: { fixture: 'hf-daily-2025-12-11.json' }, [IDS]: { fixture: 'arxiv-error.xml' } }, ['hf:daily:2025-12-11', 'arxiv:2312.00752,2405.21060'], /the arXiv API answered with an error/],
  ];
  for (const [what, routes, args, message] of failures) {
    it(what, async ({ expect }) => {
      const run = await fetchCli(routes, args);
      expect(run.status).toBe(1);
      expect(run.after).toEqual(run.before);
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines.filter((line) => line.startsWith('fetch:'))).toEqual([lines.at(-1)]);
      const [, said] = /^fetch: (.*); content\/sources\/ was not changed\.$/.exec(lines.at(-1)!) ?? [];
      expect(said).toMatch(message);
      expect(stackFrames(run.stderr + run.stdout)).toEqual([]);
      expect(run.stdout).toBe('');
    });
  }
});
