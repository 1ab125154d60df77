/**
 * A whole fetch run, in process, with a fake clock and a stand-in for `fetch` that answers
 * recorded responses (the HTTP client's dealings with a real server are tested in
 * fetch-http.test.ts): `--new-only`, several specs in one run, and failures that leave
 * `content/sources/` as it was.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failureLine, FetchError } from '../../src/fetch/errors.ts';
import { runFetch, stoppedAt, type FetchRequest } from '../../src/fetch/run.ts';
import { DEFAULT_SETTINGS } from '../../src/fetch/settings.ts';
import { parseSpec } from '../../src/fetch/spec.ts';
import { contentPaths, type ContentPaths } from '../../src/lib/content-dir.ts';
import { fakeClock } from '../support/fake-clock.ts';
import { dailyPage, fetchFixture } from '../support/replay-server.ts';
import { copyProject, snapshotDir } from '../support/fixtures.ts';

const DAILY = '/api/daily_papers?date=2025-12-11&p=0&limit=50';
const IDS = '/api/query?id_list=2312.00752%2C2405.21060&max_results=2';
const LIBRARY = '/groups/4530458/items/top?format=json&itemType=-note&sort=dateAdded&direction=asc&start=0&limit=100';
const WORKS = '/works?search=state+space+models&page=1&per-page=100';
const CROSSREF_LSTM = '/works?filter=doi%3A10.1162%2Fneco.1997.9.8.1735&rows=1';

/** Where the stand-in pretends the services are; nothing listens there. */
const BASE = 'http://127.0.0.1:9';

/**
 * A project copy whose catalog has papers with these arXiv ids (and whatever `prepare` adds),
 * and a run of `request` against `routes` (a fixture's name, a status to answer with, or a body).
 */
function run(routes: Record<string, string | number | { body: string }>, request: Partial<FetchRequest> & Pick<FetchRequest, 'specs'>, knownIds: string[] = [], prepare: (paths: ContentPaths) => void = () => {}, moreEnv: NodeJS.ProcessEnv = {}) {
  const asked: string[] = [];
  const headers: Headers[] = [];
  const send = async (url: string | URL | Request, init?: RequestInit) => {
    const path = String(url).slice(BASE.length);
    asked.push(path);
    headers.push(new Headers(init?.headers));
    const route = routes[path];
    if (typeof route === 'number') return new Response('no', { status: route });
    if (typeof route === 'object') return new Response(route.body);
    return route === undefined ? new Response('not found', { status: 404 }) : new Response(new Uint8Array(fetchFixture(route)));
  };
  const root = copyProject();
  const paths = contentPaths(root);
  mkdirSync(paths.papers);
  for (const id of knownIds) writeFileSync(join(paths.papers, `paper-${id}.mdx`), `---\nid: "paper-${id.replace('.', '-')}"\narxivId: "${id}"\n---\n`);
  prepare(paths);
  const before = snapshotDir(paths.sources);
  const env = { SHELFMARK_HF_URL: BASE, SHELFMARK_ARXIV_URL: BASE, SHELFMARK_ZOTERO_URL: BASE, SHELFMARK_OPENALEX_URL: BASE, SHELFMARK_CROSSREF_URL: BASE, ...moreEnv };
  const result = runFetch({ newOnly: false, ...request }, { paths, env, clock: fakeClock(), log: () => {}, send: send as typeof fetch });
  return { result, before, sources: () => snapshotDir(paths.sources), asked, headers };
}

const specs = (...texts: string[]) => texts.map((text) => ({ text }));

describe('--new-only', () => {
  it('asks arXiv only for the ids the catalog lacks', async () => {
    const { result, asked } = run({ '/api/query?id_list=2405.21060&max_results=1': 'arxiv-2312.00752-2405.21060.xml' }, { specs: specs('arxiv:2312.00752,2405.21060'), newOnly: true }, ['2312.00752']);
    expect((await result).added.map((s) => s.file)).toEqual(['arxiv-2405.21060.xml']);
    expect(asked).toEqual(['/api/query?id_list=2405.21060&max_results=1']);
  });

  it('asks nothing when the catalog has every id', async () => {
    const { result, asked } = run({}, { specs: specs('arxiv:2312.00752'), newOnly: true }, ['2312.00752']);
    expect(await result).toEqual({ lines: ['arxiv:2312.00752: every paper is in the catalog already; nothing fetched'], added: [] });
    expect(asked).toEqual([]);
  });

  it('does not save a response whose papers the catalog all has, and saves one with a new paper whole', async () => {
    const known = ['2512.09021', '2512.08877', '2512.08402'];
    const { result, before, sources } = run({ [DAILY]: 'hf-daily-2025-12-11.json' }, { specs: specs('hf:daily:2025-12-11'), newOnly: true }, known);
    expect((await result).lines).toEqual(['hf:daily:2025-12-11: 3 papers, all in the catalog already; nothing saved']);
    expect(sources()).toEqual(before);
    const partly = run({ [DAILY]: 'hf-daily-2025-12-11.json' }, { specs: specs('hf:daily:2025-12-11'), newOnly: true }, known.slice(1));
    expect((await partly.result).lines).toEqual(['hf:daily:2025-12-11: 3 papers on 1 page, 1 new; saved hf-daily-2025-12-11.json']);
  });

  it('of several pages, saves only those with a new paper; each keeps its page number', async () => {
    const week = (page: number) => `/api/daily_papers?week=2025-W50&p=${page}&limit=50`;
    const known = Array.from({ length: 50 }, (_, i) => `2512.${String(i + 1).padStart(5, '0')}`);
    const { result, sources } = run({ [week(0)]: { body: dailyPage(50, 1) }, [week(1)]: { body: dailyPage(3, 51) } }, { specs: specs('hf:week:2025-W50'), newOnly: true }, known);
    expect((await result).lines).toEqual(['hf:week:2025-W50: 53 papers on 2 pages, 3 new; saved hf-week-2025-W50-p2.json']);
    expect(Object.keys(sources()).filter((file) => file.endsWith('.json'))).toEqual(['hf-week-2025-W50-p2.json']);
  });

  it('a paper file that does not read is named with its line', async () => {
    const broken = (paths: ContentPaths) => writeFileSync(join(paths.papers, 'broken.mdx'), '---\nid: "broken"\ntitle: [unclosed\n---\n');
    const { result } = run({}, { specs: specs('arxiv:2312.00752'), newOnly: true }, [], broken);
    await expect(result).rejects.toThrow(/^content\/papers\/broken\.mdx:\d+: .*; fix it \(or run npm run ingest\) before --new-only$/);
  });
});

describe('a Zotero library', () => {
  /** A catalog paper known only by what `fields` say (no arXiv id). */
  const paper = (name: string, fields: string) => (paths: ContentPaths) => writeFileSync(join(paths.papers, `${name}.mdx`), `---\nid: "${name}"\n${fields}\n---\n`);

  it('is saved as the API sent it, its key sent as a header and never written or printed', async () => {
    const key = 'P9NiFoyLeZu2bZNvvuQPDWsd';
    const { result, sources, headers, asked } = run({ [LIBRARY]: 'zotero-groups-4530458.json' }, { specs: specs('zotero:groups/4530458') }, [], () => {}, { ZOTERO_API_KEY: key });
    const { lines } = await result;
    // Two papers and a standalone note: a page of three entries, short of 100, is the last.
    expect(lines).toEqual(['zotero:groups/4530458: 2 papers on 1 page; saved zotero-groups-4530458.json']);
    expect(asked).toEqual([LIBRARY]);
    expect([headers[0]!.get('Authorization'), headers[0]!.get('Zotero-API-Version')]).toEqual([`Bearer ${key}`, '3']);
    const after = sources();
    expect(after['zotero-groups-4530458.json']).toBe(fetchFixture('zotero-groups-4530458.json').toString('latin1'));
    expect(after['sources.yaml']).toContain('label: "Zotero library: groups/4530458"');
    expect(Object.values(after).join('') + lines.join('')).not.toContain(key);
  });

  it('with --new-only, is not saved when the catalog has every paper, by DOI or by title as well as by arXiv id', async () => {
    const both = (paths: ContentPaths) => {
      paper('lstm', 'doi: "10.1162/NECO.1997.9.8.1735"')(paths);
      paper('transformer', 'title: "Attention is all you need."')(paths);
    };
    const known = run({ [LIBRARY]: 'zotero-groups-4530458.json' }, { specs: specs('zotero:groups/4530458'), newOnly: true }, [], both);
    expect((await known.result).lines).toEqual(['zotero:groups/4530458: 2 papers, all in the catalog already; nothing saved']);
    expect(known.sources()).toEqual(known.before);
    const one = run({ [LIBRARY]: 'zotero-groups-4530458.json' }, { specs: specs('zotero:groups/4530458'), newOnly: true }, ['1706.03762']);
    expect((await one.result).lines).toEqual(['zotero:groups/4530458: 2 papers on 1 page, 1 new; saved zotero-groups-4530458.json']);
    // A title alone is not enough where, as in the ingest, a DOI or the first author says the papers are two.
    const namesake = (paths: ContentPaths) => {
      paper('transformer', 'title: "Attention is all you need."')(paths);
      paper('lstm-other', 'title: "Long Short-Term Memory"\ndoi: "10.1000/another.lstm"')(paths);
      paper('lstm-third', 'title: "Long Short-Term Memory"\nauthors:\n  - "Ada Lovelace"')(paths);
    };
    const two = run({ [LIBRARY]: 'zotero-groups-4530458.json' }, { specs: specs('zotero:groups/4530458'), newOnly: true }, [], namesake);
    expect((await two.result).lines).toEqual(['zotero:groups/4530458: 2 papers on 1 page, 1 new; saved zotero-groups-4530458.json']);
  });

  it('that turns the fetch away says a private library needs a key', async () => {
    const { result } = run({ [LIBRARY]: 403 }, { specs: specs('zotero:groups/4530458') });
    await expect(result).rejects.toThrow(/^HTTP 403 from http:\/\/127\.0\.0\.1:9\/groups\/4530458\/items\/top\?.*: a private library needs an API key with read access to it in ZOTERO_API_KEY/);
  });
});

describe('OpenAlex works', () => {
  it('are saved as the API sent them, under the search\'s label, and read as the ingest reads them', async () => {
    const { result, sources, asked } = run({ [WORKS]: 'openalex-search-state-space-models.json' }, { specs: specs('openalex:search:"state space models"') });
    // Two works, short of a page of 100: the last page.
    expect((await result).lines).toEqual(['openalex:search:"state space models": 2 papers on 1 page; saved openalex-search-state-space-models.json']);
    expect(asked).toEqual([WORKS]);
    const after = sources();
    expect(after['openalex-search-state-space-models.json']).toBe(fetchFixture('openalex-search-state-space-models.json').toString('latin1'));
    expect(after['sources.yaml']).toContain('label: "OpenAlex search: state space models"');
  });

  it('a fetch stopped by what OpenAlex pages through says so, and not to raise --max-pages', () => {
    const spec = (text: string) => parseSpec(text, '2025-12-11');
    expect(stoppedAt(spec('openalex:search:x'), { ...DEFAULT_SETTINGS, maxPages: 150 })).toBe('stopped at the 10,000 results the service pages through; narrow the spec for the rest');
    expect(stoppedAt(spec('openalex:search:x'), DEFAULT_SETTINGS)).toBe('stopped at --max-pages 10; there are more');
    expect(stoppedAt(spec('hf:daily:2025-12-11'), { ...DEFAULT_SETTINGS, maxPages: 1_000 })).toBe('stopped at --max-pages 1000; there are more');
  });

  it('an arXiv query whose pages give fewer results than its feed counts says so on its line: the rest is to fetch later', async () => {
    const page0 = `/api/query?${new URLSearchParams({ search_query: 'ti:"rectified flow"', start: '0', max_results: '100', sortBy: 'submittedDate', sortOrder: 'descending' })}`;
    const body = fetchFixture('arxiv-query-rectified-flow.xml').toString('utf8').replace('<opensearch:totalResults>2<', '<opensearch:totalResults>250<');
    const { result } = run({ [page0]: { body } }, { specs: specs('arxiv:query:ti:"rectified flow"') });
    expect((await result).lines).toEqual([expect.stringMatching(/: 2 papers on 1 page; saved .* \(the service said it has 250 and its pages gave 2; fetch again later for the rest\)$/)]);
  });

  it('an empty answer in another service\'s shape is a wrong address, not a day with no papers; an empty list is one', async () => {
    const wrong = run({ [DAILY]: { body: '{"meta":{"count":0},"results":[]}' } }, { specs: specs('hf:daily:2025-12-11') });
    await expect(wrong.result).rejects.toThrow(/is not a Hugging Face Papers API response \(it reads as openalex\), so it was not saved/);
    expect(wrong.sources()).toEqual(wrong.before);
    const quiet = run({ [DAILY]: { body: '[]' } }, { specs: specs('hf:daily:2025-12-11') });
    expect((await quiet.result).lines.join('\n')).toMatch(/no papers/);
  });

  it('an answer in another service\'s shape is not saved, and the folder stays as it was', async () => {
    const error = run({ [WORKS]: 'hf-daily-2025-12-11.json' }, { specs: specs('openalex:search:"state space models"') });
    await expect(error.result).rejects.toThrow(/is not an OpenAlex API response \(it reads as hf-api\), so it was not saved/);
    expect(error.sources()).toEqual(error.before);
  });
});

describe('Crossref works', () => {
  it('are asked for by DOI in one request and saved as Crossref sent them, under the DOIs\' label', async () => {
    const { result, sources, asked } = run({ [CROSSREF_LSTM]: 'crossref-10-1162-neco-1997-9-8-1735.json' }, { specs: specs('crossref:https://doi.org/10.1162/neco.1997.9.8.1735') });
    expect((await result).lines).toEqual(['crossref:10.1162/neco.1997.9.8.1735: 1 paper on 1 page; saved crossref-10-1162-neco-1997-9-8-1735.json']);
    expect(asked).toEqual([CROSSREF_LSTM]);
    const after = sources();
    expect(after['crossref-10-1162-neco-1997-9-8-1735.json']).toBe(fetchFixture('crossref-10-1162-neco-1997-9-8-1735.json').toString('latin1'));
    expect(after['sources.yaml']).toContain('label: "Crossref: 10.1162/neco.1997.9.8.1735"');
  });
});

describe('Crossref DOIs and arXiv ids it has no paper for', () => {
  it('arXiv ids missing from the answer are named on the line', async () => {
    const asked = '/api/query?id_list=2312.00752%2C2405.21060%2C2401.99999&max_results=3';
    const { result } = run({ [asked]: 'arxiv-2312.00752-2405.21060.xml' }, { specs: specs('arxiv:2312.00752,2405.21060,2401.99999') });
    expect((await result).lines).toEqual([expect.stringMatching(/: 2 papers on 1 page; saved \S+; arXiv has no paper for 2401\.99999$/)]);
  });

  it('an old-style id asked for with its subject class is answered without it, and is not named as missing', async () => {
    const feed = fetchFixture('arxiv-2312.00752-2405.21060.xml').toString('utf8').replace('http://arxiv.org/abs/2312.00752v2', 'http://arxiv.org/abs/math/0309136v1');
    const asked = '/api/query?id_list=math.GT%2F0309136%2C2405.21060&max_results=2';
    const { result } = run({ [asked]: { body: feed } }, { specs: specs('arxiv:math.GT/0309136,2405.21060') });
    expect((await result).lines).toEqual([expect.stringMatching(/: 2 papers on 1 page; saved \S+$/)]);
  });

  it('are named on the line, not lost in silence', async () => {
    const asked = '/works?filter=doi%3A10.1162%2Fneco.1997.9.8.1735%2Cdoi%3A10.9999%2Fdoes-not-exist&rows=2';
    const { result } = run({ [asked]: 'crossref-10-1162-neco-1997-9-8-1735.json' }, { specs: specs('crossref:10.1162/neco.1997.9.8.1735 10.9999/does-not-exist') });
    expect((await result).lines).toEqual(['crossref:10.1162/neco.1997.9.8.1735,10.9999/does-not-exist: 1 paper on 1 page; saved crossref-10-1162-neco-1997-9-8-1735-10-9999-does-not-exist.json; Crossref has no paper for 10.9999/does-not-exist']);
  });
});

describe('a run of several specs', () => {
  it('saves every spec\'s responses together, and reports a line per spec', async () => {
    const { result, before, sources } = run({ [DAILY]: 'hf-daily-2025-12-11.json', [IDS]: 'arxiv-2312.00752-2405.21060.xml' }, { specs: specs('hf:daily:2025-12-11', 'arxiv:2312.00752,2405.21060') });
    expect((await result).lines).toEqual(['hf:daily:2025-12-11: 3 papers on 1 page; saved hf-daily-2025-12-11.json', 'arxiv:2312.00752,2405.21060: 2 papers on 1 page; saved arxiv-2312.00752-2405.21060.xml']);
    const after = sources();
    expect(Object.keys(after).filter((name) => !(name in before))).toEqual(['arxiv-2312.00752-2405.21060.xml', 'hf-daily-2025-12-11.json']);
    expect(after['hf-daily-2025-12-11.json']).toBe(fetchFixture('hf-daily-2025-12-11.json').toString('latin1'));
  });

  it('saves nothing when a later spec fails', async () => {
    const { result, before, sources } = run({ [DAILY]: 'hf-daily-2025-12-11.json', [IDS]: 'arxiv-error.xml' }, { specs: specs('hf:daily:2025-12-11', 'arxiv:2312.00752,2405.21060') });
    await expect(result).rejects.toThrow(/the arXiv API answered with an error/);
    expect(sources()).toEqual(before);
  });

  it('a bad spec read from a file is named by the file and line, before any request', async () => {
    const { result, asked } = run({}, { specs: [{ text: 'hf:daily:2025-12-11' }, { text: 'hf:daily:someday', where: 'content/refresh.txt:4' }] });
    await expect(result).rejects.toThrow(new FetchError('content/refresh.txt:4: "hf:daily:someday": "someday" is not a day; write YYYY-MM-DD, today or yesterday'));
    expect(asked).toEqual([]);
  });

  it('no spec at all is an error that says how to name one', async () => {
    const { result } = run({}, { specs: [] });
    await expect(result).rejects.toThrow(/^nothing to fetch/);
  });
});

describe('the line printed when a run fails', () => {
  it('is one line that says nothing was changed, with a server\'s control characters removed', () => {
    expect(failureLine(new FetchError('HTTP 400 from x: "\u001b[31mred\u0007"'), 'content/sources/')).toBe('fetch: HTTP 400 from x: "[31mred"; content/sources/ was not changed.');
    expect(failureLine(new Error('EACCES: permission denied\n    at writeFileSync (node:fs:1:1)'), 'content/sources/')).toBe('fetch: EACCES: permission denied; content/sources/ was not changed.');
    expect(failureLine(new FetchError('first\nsecond'), 'content/sources/')).toBe('fetch: first second; content/sources/ was not changed.');
  });
});
