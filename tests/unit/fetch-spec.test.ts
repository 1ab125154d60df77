/**
 * What `npm run fetch` can be asked for, and the requests each ask becomes: spec texts, the
 * URLs they are fetched from, and the limits a run works within.
 */
import { describe, expect, it } from 'vitest';
import { FetchError } from '../../src/fetch/errors.ts';
import { DEFAULT_SETTINGS, fetchSettings } from '../../src/fetch/settings.ts';
import { collectionIdSpecs, MAX_IDS, parseSpec, specLines, specText } from '../../src/fetch/spec.ts';
import { DEFAULT_BASES, isLoopback, pageUrl, serviceBases, serviceHeaders } from '../../src/fetch/urls.ts';

const TODAY = '2025-12-11';
const parse = (text: string) => parseSpec(text, TODAY);
/** The message of the `FetchError` that `run` throws; fails the test when it throws none. */
function failure(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(FetchError);
    return (e as Error).message;
  }
  throw new Error('expected a FetchError');
}

describe('spec texts', () => {
  it('name a day, a week or a search of Hugging Face, or arXiv ids or an arXiv query', () => {
    expect(parse('hf:daily:2025-12-11')).toEqual({ source: 'hf-daily', date: '2025-12-11' });
    expect(parse('hf:week:2025-W50')).toEqual({ source: 'hf-week', week: '2025-W50' });
    expect(parse('hf:search:"flow matching"')).toEqual({ source: 'hf-search', query: 'flow matching' });
    expect(parse('arxiv:2312.00752,2405.21060')).toEqual({ source: 'arxiv-ids', ids: ['2312.00752', '2405.21060'] });
    expect(parse('arxiv:query:"ti:rectified flow"')).toEqual({ source: 'arxiv-query', query: 'ti:rectified flow' });
  });

  it('a Hugging Face collection is named by its namespace and slug, or by its page\'s URL', () => {
    expect(parse('hf:collection:lab/ssm-reading-6650a0b1c2d3')).toEqual({ source: 'hf-collection', slug: 'lab/ssm-reading-6650a0b1c2d3' });
    expect(parse('hf:collection:https://huggingface.co/collections/lab/ssm-reading-6650a0b1c2d3/?sort=position#top')).toEqual(parse('hf:collection:lab/ssm-reading-6650a0b1c2d3'));
    for (const bad of ['ssm-reading', 'lab/ssm/extra', 'lab/..', 'https://huggingface.co/papers/2405.21060', '']) {
      expect(failure(() => parse(`hf:collection:${bad}`)), bad).toContain('is not a collection');
    }
  });

  it('a Zotero library is a group\'s or a user\'s, whole or one collection, by its Web API path or the group\'s page', () => {
    expect(parse('zotero:groups/4530458')).toEqual({ source: 'zotero', library: 'groups/4530458' });
    expect(parse('zotero: users/475425/collections/abcd2345/')).toEqual({ source: 'zotero', library: 'users/475425/collections/ABCD2345' });
    expect(parse('zotero:https://www.zotero.org/groups/4530458/sequence_models/library')).toEqual(parse('zotero:groups/4530458'));
    expect(parse('zotero:https://www.zotero.org/groups/4530458/sequence_models/collections/ABCD2345/items/Q7ZK3M2A?sort=title')).toEqual(parse('zotero:groups/4530458/collections/ABCD2345'));
    expect(parse('zotero:https://zotero.org/groups/4530458/collections/ABCD2345')).toEqual(parse('zotero:groups/4530458/collections/ABCD2345'));
    // A personal library's page names its owner, not the user ID the API needs; an item is not a library.
    for (const bad of ['https://www.zotero.org/someone/library', 'groups/reading', 'groups/4530458/items/Q7ZK3M2A', 'groups/4530458/collections/ABC', 'groups/../users/1', '']) {
      expect(failure(() => parse(`zotero:${bad}`)), bad).toContain('is not a Zotero library; write groups/ID or users/ID');
    }
  });

  it('OpenAlex works are a search or a filter; a filter is KEY:VALUE pairs joined by commas', () => {
    expect(parse('openalex:search:"state space models"')).toEqual({ source: 'openalex-search', query: 'state space models' });
    expect(parse('openalex:filter: authorships.author.id:A5023888391,publication_year:2024 ')).toEqual({ source: 'openalex-filter', filter: 'authorships.author.id:A5023888391,publication_year:2024' });
    expect(parse('openalex:filter:title.search:state space|mamba')).toEqual({ source: 'openalex-filter', filter: 'title.search:state space|mamba' });
    for (const bad of ['', 'mamba', 'publication_year:2024,', ',publication_year:2024', 'publication_year:']) {
      expect(failure(() => parse(`openalex:filter:${bad}`)), bad).toContain('is not an OpenAlex filter');
    }
    expect(failure(() => parse('openalex:search:')), 'empty search').toContain('searches for nothing');
    expect(failure(() => parse('openalex:W2064675550'))).toContain('is not a spec');
  });

  it('Crossref works are DOIs, written any way a DOI is, or a search', () => {
    expect(parse('crossref: https://doi.org/10.1162/neco.1997.9.8.1735 , doi:10.1162/NECO.1997.9.8.1735,10.5555/3295222.3295349')).toEqual({ source: 'crossref-dois', dois: ['10.1162/neco.1997.9.8.1735', '10.5555/3295222.3295349'] });
    expect(parse('crossref:query:"long short-term memory"')).toEqual({ source: 'crossref-query', query: 'long short-term memory' });
    expect(failure(() => parse('crossref:not-a-doi'))).toContain('"not-a-doi" is not a DOI');
    // Spaces part DOIs as commas do; a link is a DOI only when it is doi.org's, and its percent-encoding is undone.
    expect(parse('crossref:doi: 10.1038/nature14539 10.1162/neco.1997.9.8.1735')).toEqual({ source: 'crossref-dois', dois: ['10.1038/nature14539', '10.1162/neco.1997.9.8.1735'] });
    expect(parse('crossref:https://doi.org/10.1002/%28SICI%291097-4571%28199806%2949%3A8%3C693%3A%3AAID-ASI4%3E3.0.CO%3B2-O')).toEqual({ source: 'crossref-dois', dois: ['10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O'] });
    for (const bad of ['10.1162/x and more', 'https://example.com/?to=10.1038/x', 'prefix10.1038/x']) expect(failure(() => parse(`crossref:${bad}`)), bad).toContain('is not a DOI');
    expect(failure(() => parse('crossref:'))).toContain('names no DOI');
  });

  it('quotes around a search are optional, and quotes inside it are the query\'s own', () => {
    expect(parse('hf:search:flow matching')).toEqual(parse('hf:search:"flow matching"'));
    expect(parse('arxiv:query:ti:"rectified flow" AND cat:cs.LG')).toEqual({ source: 'arxiv-query', query: 'ti:"rectified flow" AND cat:cs.LG' });
    expect(parse('arxiv:query:"ti:"rectified flow""')).toEqual({ source: 'arxiv-query', query: 'ti:"rectified flow"' });
    // A search that starts with a quoted phrase of its own is not wrapped in quotes.
    expect(parse('openalex:search:"elmo" AND "sesame street"')).toEqual({ source: 'openalex-search', query: '"elmo" AND "sesame street"' });
  });

  it('today and yesterday are UTC days, yesterday across a month and a year', () => {
    expect(parse('hf:daily:today')).toEqual({ source: 'hf-daily', date: TODAY });
    expect(parse('hf:daily:yesterday')).toEqual({ source: 'hf-daily', date: '2025-12-10' });
    expect(parseSpec('hf:daily:yesterday', '2026-01-01')).toEqual({ source: 'hf-daily', date: '2025-12-31' });
  });

  it('arXiv ids are written in any form an id is, and lose their version and repeats', () => {
    expect(parse('arxiv: arXiv:2312.00752v2 , https://arxiv.org/abs/hep-ex/0307015v1,2312.00752')).toEqual({ source: 'arxiv-ids', ids: ['2312.00752', 'hep-ex/0307015'] });
  });

  it('a spec of no known shape names the shapes there are', () => {
    for (const text of ['hf:dialy:2025-12-11', 'hf:2025-12-11', 'semantic-scholar:attention', '2312.00752', 'HF:daily:2025-12-11']) {
      expect(failure(() => parse(text)), text).toMatch(/is not a spec: expected hf:daily:YYYY-MM-DD .*arxiv:query:"query", zotero:groups\/ID or zotero:users\/ID\[\/collections\/KEY\], openalex:search:"words", openalex:filter:KEY:VALUE\[,KEY:VALUE…\], crossref:DOI\[,DOI…\], crossref:query:"words"$/);
    }
  });

  it('a day that does not exist, a week out of range, an empty search and a bad id are each named', () => {
    expect(failure(() => parse('hf:daily:2025-02-30'))).toContain('"2025-02-30" is not a day');
    expect(failure(() => parse('hf:daily:11-12-2025'))).toContain('is not a day');
    expect(failure(() => parse('hf:week:2025-W54'))).toContain('is not an ISO week');
    expect(failure(() => parse('hf:week:2025-50'))).toContain('is not an ISO week');
    expect(failure(() => parse('hf:search:""'))).toContain('searches for nothing');
    expect(failure(() => parse('arxiv:query:'))).toContain('searches for nothing');
    expect(failure(() => parse('arxiv:2312.00752,1234'))).toContain('"1234" is not an arXiv id');
    expect(failure(() => parse('arxiv:2312.0075'))).toContain('"2312.0075" is not an arXiv id: papers of 2312 have 5 digits after the dot');
    expect(failure(() => parse('arxiv:1412.00752'))).toContain('papers of 1412 have 4 digits after the dot');
    expect(failure(() => parse('arxiv:2313.00752'))).toContain('13 is no month');
    expect(parse('arxiv:1412.6980,0704.0001,2501.00001v2')).toMatchObject({ ids: ['1412.6980', '0704.0001', '2501.00001'] });
    expect(failure(() => parse('arxiv:,'))).toContain('names no arXiv id');
  });

  it('week 53 is a week only in the ISO years that have one', () => {
    expect(failure(() => parse('hf:week:2025-W53'))).toContain('"2025-W53" is not an ISO week');
    expect(parse('hf:week:2026-W53')).toEqual({ source: 'hf-week', week: '2026-W53' });
    expect(parse('hf:week:2020-W53')).toEqual({ source: 'hf-week', week: '2020-W53' });
  });

  it(`more than ${MAX_IDS} ids are refused: they would not fit one request`, () => {
    const ids = Array.from({ length: MAX_IDS + 1 }, (_, i) => `2401.${String(10000 + i)}`);
    expect(parse(`arxiv:${ids.slice(0, MAX_IDS).join(',')}`)).toMatchObject({ ids: ids.slice(0, MAX_IDS) });
    expect(failure(() => parse(`arxiv:${ids.join(',')}`))).toContain('split them into several specs');
  });

  it(`a collection's papers are asked of arXiv ${MAX_IDS} ids a request, in their order`, () => {
    const ids = Array.from({ length: 2 * MAX_IDS + 1 }, (_, i) => `2401.${String(10000 + i)}`);
    const collection = 'lab/ssm-reading-6650a0';
    expect(collectionIdSpecs(collection, ids)).toEqual([
      { source: 'arxiv-ids', ids: ids.slice(0, MAX_IDS), collection },
      { source: 'arxiv-ids', ids: ids.slice(MAX_IDS, 2 * MAX_IDS), collection },
      { source: 'arxiv-ids', ids: ids.slice(2 * MAX_IDS), collection },
    ]);
    expect(collectionIdSpecs(collection, [])).toEqual([]);
  });

  it('each spec is shown as it would be typed', () => {
    for (const text of ['hf:daily:2025-12-11', 'hf:week:2025-W50', 'hf:search:"flow matching"', 'hf:collection:lab/ssm-reading-6650a0', 'arxiv:2312.00752,2405.21060', 'arxiv:query:"ti:rectified flow"', 'zotero:groups/4530458/collections/ABCD2345', 'openalex:search:"state space models"', 'openalex:filter:publication_year:2024', 'crossref:10.1162/neco.1997.9.8.1735,10.5555/3295222.3295349', 'crossref:query:"long short-term memory"']) {
      expect(specText(parse(text))).toBe(text);
    }
  });

  it('a file of specs has one a line; blank lines and # comments are skipped, a # inside a spec is kept', () => {
    expect(specLines('# the daily refresh\n\nhf:daily:yesterday\r\n  # indented comment\nhf:search:"C# compilers"\n')).toEqual([
      { text: 'hf:daily:yesterday', line: 3 },
      { text: 'hf:search:"C# compilers"', line: 5 },
    ]);
  });
});

describe('request URLs', () => {
  const bases = serviceBases({});
  const url = (text: string, page = 0, size = 50) => pageUrl(parse(text), page, size, bases);

  it('Hugging Face days and weeks are pages of /api/daily_papers, counted from 0', () => {
    expect(url('hf:daily:2025-12-11')).toBe('https://huggingface.co/api/daily_papers?date=2025-12-11&p=0&limit=50');
    expect(url('hf:week:2025-W50', 2)).toBe('https://huggingface.co/api/daily_papers?week=2025-W50&p=2&limit=50');
  });

  it('a Hugging Face search is one request to /api/papers/search', () => {
    expect(url('hf:search:"flow matching"')).toBe('https://huggingface.co/api/papers/search?q=flow+matching');
  });

  it('a Hugging Face collection is one request to /api/collections/{namespace}/{slug}', () => {
    expect(url('hf:collection:lab/ssm-reading-6650a0')).toBe('https://huggingface.co/api/collections/lab/ssm-reading-6650a0');
  });

  it('arXiv ids are one id_list request for all of them; a query is paged by start, newest first', () => {
    expect(url('arxiv:2312.00752,hep-ex/0307015')).toBe('https://export.arxiv.org/api/query?id_list=2312.00752%2Chep-ex%2F0307015&max_results=2');
    expect(url('arxiv:query:ti:"rectified flow"', 2, 100)).toBe('https://export.arxiv.org/api/query?search_query=ti%3A%22rectified+flow%22&start=200&max_results=100&sortBy=submittedDate&sortOrder=descending');
  });

  it('a Zotero library is paged by start and limit, its top-level items oldest addition first, without standalone notes, in the API\'s own JSON', () => {
    expect(url('zotero:groups/4530458', 0, 100)).toBe('https://api.zotero.org/groups/4530458/items/top?format=json&itemType=-note&sort=dateAdded&direction=asc&start=0&limit=100');
    expect(url('zotero:users/475425/collections/ABCD2345', 2, 100)).toBe('https://api.zotero.org/users/475425/collections/ABCD2345/items/top?format=json&itemType=-note&sort=dateAdded&direction=asc&start=200&limit=100');
  });

  it('OpenAlex works are paged by page (from 1) and per-page: a search most relevant first, a filter newest first', () => {
    expect(url('openalex:search:"state space models"', 0, 100)).toBe('https://api.openalex.org/works?search=state+space+models&page=1&per-page=100');
    expect(url('openalex:filter:authorships.author.id:A5023888391,publication_year:2024', 2, 100)).toBe('https://api.openalex.org/works?filter=authorships.author.id%3AA5023888391%2Cpublication_year%3A2024&sort=publication_date%3Adesc&page=3&per-page=100');
  });

  it('Crossref DOIs are one filter request for all of them; a search is paged by offset and rows', () => {
    expect(url('crossref:10.1162/neco.1997.9.8.1735,10.5555/3295222.3295349')).toBe('https://api.crossref.org/works?filter=doi%3A10.1162%2Fneco.1997.9.8.1735%2Cdoi%3A10.5555%2F3295222.3295349&rows=2');
    expect(url('crossref:query:"long short-term memory"', 2, 100)).toBe('https://api.crossref.org/works?query=long+short-term+memory&offset=200&rows=100');
  });

  it('Zotero is told the API version, and a key from ZOTERO_API_KEY goes in a header, never in a URL', () => {
    const bases = serviceBases({});
    expect(serviceHeaders({}, bases)).toEqual({ hf: {}, arxiv: {}, zotero: { 'Zotero-API-Version': '3' }, openalex: {}, crossref: {} });
    // Authorization, which fetch drops on a redirect to another host, as it would not a header of the API's own.
    expect(serviceHeaders({ ZOTERO_API_KEY: ' P9NiFoyLeZu2bZNvvuQPDWsd \n' }, bases).zotero).toEqual({ 'Zotero-API-Version': '3', Authorization: 'Bearer P9NiFoyLeZu2bZNvvuQPDWsd' });
    // Never in clear text, but to this machine.
    const http = serviceBases({ SHELFMARK_ZOTERO_URL: 'http://zotero.example' });
    expect(failure(() => serviceHeaders({ ZOTERO_API_KEY: 'k' }, http))).toContain('not https');
    expect(serviceHeaders({}, http).zotero).toEqual({ 'Zotero-API-Version': '3' });
    expect(serviceHeaders({ ZOTERO_API_KEY: 'k' }, serviceBases({ SHELFMARK_ZOTERO_URL: 'http://127.0.0.1:9' })).zotero.Authorization).toBe('Bearer k');
  });

  it('a key with a character no header can carry is refused before any request, saying so, and not printed', () => {
    for (const key of ['P9NiFoy\u0001LeZu2b', 'P9NiFoy\u200bLeZu2b', 'P9NiFoy LeZu2b']) {
      const said = failure(() => serviceHeaders({ ZOTERO_API_KEY: key }, serviceBases({})));
      expect(said).toContain('ZOTERO_API_KEY has a character no HTTP header can carry');
      expect(said).not.toContain('LeZu2b');
    }
  });

  it('the services\' addresses come from the environment when it names them', () => {
    expect(serviceBases({})).toEqual(DEFAULT_BASES);
    expect(serviceBases({ SHELFMARK_HF_URL: 'http://127.0.0.1:9/', SHELFMARK_ARXIV_URL: 'http://localhost:8/arxiv', SHELFMARK_ZOTERO_URL: 'http://127.0.0.1:7', SHELFMARK_OPENALEX_URL: 'http://127.0.0.1:6', SHELFMARK_CROSSREF_URL: 'http://127.0.0.1:5' })).toEqual({ hf: 'http://127.0.0.1:9', arxiv: 'http://localhost:8/arxiv', zotero: 'http://127.0.0.1:7', openalex: 'http://127.0.0.1:6', crossref: 'http://127.0.0.1:5' });
    expect(failure(() => serviceBases({ SHELFMARK_ARXIV_URL: 'export.arxiv.org' }))).toContain('SHELFMARK_ARXIV_URL');
    expect(failure(() => serviceBases({ SHELFMARK_HF_URL: 'file:///etc/passwd' }))).toContain('not an http(s) URL');
  });

  it('only 127.x.x.x, ::1 and localhost are this machine', () => {
    for (const base of ['http://127.0.0.1:4000', 'http://127.1.2.3', 'http://localhost:1', 'http://[::1]:8080']) expect(isLoopback(base), base).toBe(true);
    for (const base of ['https://export.arxiv.org', 'http://127.0.0.1.example.com', 'http://10.0.0.1', 'http://localhost.example.org']) expect(isLoopback(base), base).toBe(false);
  });
});

describe('the limits of a run', () => {
  it('by default: 50 Hugging Face, 100 arXiv, Zotero, OpenAlex or Crossref papers a page, 10 pages, 30 s per attempt, 3 retries after 1, 2, 4 s, arXiv 3 s apart, 50 MB', () => {
    expect(fetchSettings({}, {}, DEFAULT_BASES.arxiv)).toEqual({
      pageSize: { hf: 50, arxiv: 100, zotero: 100, openalex: 100, crossref: 100 },
      maxPages: 10,
      timeoutMs: 30_000,
      backoffMs: [1_000, 2_000, 4_000],
      retryAfterCapMs: 120_000,
      intervalMs: { hf: 0, arxiv: 3_000, zotero: 0, openalex: 0, crossref: 0 },
      maxBytes: 52_428_800,
      mostPaged: { openalex: 10_000, crossref: 10_000 },
    });
  });

  it('--max-pages and --timeout change the page limit and the timeout; nonsense values are refused', () => {
    expect(fetchSettings({ maxPages: 2, timeoutSeconds: 0.5 }, {}, DEFAULT_BASES.arxiv)).toMatchObject({ maxPages: 2, timeoutMs: 500 });
    expect(failure(() => fetchSettings({ maxPages: 0 }, {}, DEFAULT_BASES.arxiv))).toContain('--max-pages');
    expect(failure(() => fetchSettings({ maxPages: 1.5 }, {}, DEFAULT_BASES.arxiv))).toContain('--max-pages');
    expect(failure(() => fetchSettings({ timeoutSeconds: Number.NaN }, {}, DEFAULT_BASES.arxiv))).toContain('--timeout');
    expect(failure(() => fetchSettings({ timeoutSeconds: -1 }, {}, DEFAULT_BASES.arxiv))).toContain('--timeout');
  });

  it('a --timeout Node cannot time (under 1 ms, or over 24 days) is refused, not run as a timeout of 0 or 1 ms', () => {
    expect(failure(() => fetchSettings({ timeoutSeconds: 0.0001 }, {}, DEFAULT_BASES.arxiv))).toContain('--timeout');
    expect(failure(() => fetchSettings({ timeoutSeconds: 3_000_000 }, {}, DEFAULT_BASES.arxiv))).toContain('--timeout');
    expect(fetchSettings({ timeoutSeconds: 0.001 }, {}, DEFAULT_BASES.arxiv).timeoutMs).toBe(1);
    expect(fetchSettings({ timeoutSeconds: 2_147_483 }, {}, DEFAULT_BASES.arxiv).timeoutMs).toBe(2_147_483_000);
  });

  it('a test may shorten arXiv\'s interval for a server on this machine, never for another', () => {
    const env = { SHELFMARK_TEST_ARXIV_INTERVAL_MS: '20' };
    expect(fetchSettings({}, env, 'http://127.0.0.1:4000').intervalMs).toEqual({ hf: 0, arxiv: 20, zotero: 0, openalex: 0, crossref: 0 });
    expect(failure(() => fetchSettings({}, env, DEFAULT_BASES.arxiv))).toContain('arXiv asks for three seconds');
    expect(failure(() => fetchSettings({}, { SHELFMARK_TEST_ARXIV_INTERVAL_MS: 'soon' }, 'http://127.0.0.1:4000'))).toContain('whole number');
    expect(DEFAULT_SETTINGS.intervalMs.arxiv).toBe(3_000);
  });
});
