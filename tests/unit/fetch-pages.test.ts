/**
 * Paging: how many requests a spec becomes, when it stops, and that every page is read
 * before it is kept. The HTTP client is a stand-in that answers from a table.
 */
import { describe, expect, it } from 'vitest';
import { FetchError } from '../../src/fetch/errors.ts';
import type { HttpClient } from '../../src/fetch/http.ts';
import { fetchPages, type FetchedPage } from '../../src/fetch/pages.ts';
import { DEFAULT_SETTINGS, type FetchSettings } from '../../src/fetch/settings.ts';
import { parseSpec, serviceOf } from '../../src/fetch/spec.ts';
import { DEFAULT_BASES, pageUrl } from '../../src/fetch/urls.ts';
import { dailyPage, fetchFixture } from '../support/replay-server.ts';

const settings: FetchSettings = { ...DEFAULT_SETTINGS, pageSize: { hf: 3, arxiv: 2, zotero: 3, openalex: 3, crossref: 3 }, maxPages: 4 };
const encode = (text: string) => new TextEncoder().encode(text);
/** What arXiv answers past the last result: a feed with no entries. */
const EMPTY_FEED = `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
  <id>https://arxiv.org/api/Qm3x8ZlP0aVt5bN1cR7yW2kE9sU</id>
  <title>arXiv Query: search_query=ti:"rectified flow"&amp;id_list=&amp;start=4&amp;max_results=2</title>
  <updated>2025-12-11T06:00:00Z</updated>
  <opensearch:itemsPerPage>2</opensearch:itemsPerPage>
  <opensearch:totalResults>4</opensearch:totalResults>
  <opensearch:startIndex>4</opensearch:startIndex>
</feed>
`;

/** A client that answers page `n` of `spec` with `answers[n]`, and records the URLs asked for. */
function pagedClient(specText: string, answers: (string | Uint8Array)[]) {
  const spec = parseSpec(specText, '2025-12-11');
  const urls = answers.map((_, n) => pageUrl(spec, n, settings.pageSize[serviceOf(spec)], DEFAULT_BASES));
  const asked: string[] = [];
  const http: HttpClient = {
    get: async (url) => {
      asked.push(url);
      const answer = answers[urls.indexOf(url)];
      if (answer === undefined) throw new Error(`unexpected request ${url}`);
      return typeof answer === 'string' ? encode(answer) : answer;
    },
  };
  return { fetch: () => fetchPages(spec, http, settings, DEFAULT_BASES), asked };
}

const arxivIds = (page: FetchedPage) => page.records.map((r) => r.arxivId);

/** A page of a Zotero library: items in the recorded shape, keyed `KEY00001`, … from `first`; `files` of them standalone attachments. */
function zoteroPage(count: number, first: number, files: number[] = []): string {
  const [paper, file] = JSON.parse(fetchFixture('zotero-groups-4530458.json').toString('utf8')) as { key: string; data: Record<string, unknown> }[];
  return JSON.stringify(
    Array.from({ length: count }, (_, i) => {
      const key = `KEY${String(first + i).padStart(5, '0')}`;
      const item = files.includes(first + i) ? file! : paper!;
      // No arXiv id, no DOI: a library's papers are told apart by their keys.
      return { ...item, key, data: { ...item.data, key, title: `Paper ${key}`, extra: '', url: '' } };
    }),
  );
}

/** A page of OpenAlex works: the recorded ones, ids `W1000001`, … from `first`, as many as `count`; `meta.count` says how many there are in all. */
function openAlexPage(count: number, first: number, total: number): string {
  const { results } = JSON.parse(fetchFixture('openalex-search-state-space-models.json').toString('utf8')) as { results: Record<string, unknown>[] };
  const works = Array.from({ length: count }, (_, i) => ({ ...results[1], id: `https://openalex.org/W${1_000_000 + first + i}`, doi: null, title: `Paper ${first + i}` }));
  return JSON.stringify({ meta: { count: total, page: null, per_page: 3 }, results: works });
}

describe('paging', () => {
  it('asks for pages until one has fewer papers than a page holds', async () => {
    const { fetch, asked } = pagedClient('hf:week:2025-W50', [dailyPage(3, 1), dailyPage(3, 4), dailyPage(1, 7)]);
    const { pages, more } = await fetch();
    expect(asked).toHaveLength(3);
    expect(pages.map(arxivIds)).toEqual([['2512.00001', '2512.00002', '2512.00003'], ['2512.00004', '2512.00005', '2512.00006'], ['2512.00007']]);
    expect(more).toBe(false);
  });

  it('an empty page past the last full one ends the paging and is not kept', async () => {
    const { fetch, asked } = pagedClient('hf:daily:2025-12-11', [dailyPage(3, 1), '[]']);
    const { pages, more } = await fetch();
    expect(asked).toHaveLength(2);
    expect(pages).toHaveLength(1);
    expect(more).toBe(false);
  });

  it('stops at the page limit and says there is more', async () => {
    const { fetch, asked } = pagedClient('hf:daily:2025-12-11', [1, 4, 7, 10, 13].map((first) => dailyPage(3, first)));
    const { pages, more } = await fetch();
    expect(asked).toHaveLength(4);
    expect(pages).toHaveLength(4);
    expect(more).toBe(true);
  });

  it('a page with no paper an earlier page lacked ends the paging: a service that ignores the page number', async () => {
    const { fetch, asked } = pagedClient('hf:daily:2025-12-11', [dailyPage(3, 1), dailyPage(3, 1), dailyPage(3, 1)]);
    const { pages, more } = await fetch();
    expect(asked).toHaveLength(2);
    expect(pages).toHaveLength(1);
    expect(more).toBe(false);
  });

  it('a Zotero library is paged by its entries, notes and attachments counted, so a full page with a note is not the last', async () => {
    const { fetch, asked } = pagedClient('zotero:groups/4530458', [zoteroPage(3, 1, [2]), zoteroPage(3, 4, [4, 5, 6]), zoteroPage(2, 7), '[]']);
    const { pages, more } = await fetch();
    expect(asked).toHaveLength(3);
    // The page of attachments alone holds nothing for the catalog, and the paging goes on past it.
    expect(pages.map((p) => p.records.map((r) => r.key))).toEqual([['KEY00001', 'KEY00003'], ['KEY00007', 'KEY00008']]);
    expect(more).toBe(false);
  });

  it('papers with no arXiv id are told apart by their keys: a second page of them is not taken for the first again', async () => {
    const { fetch, asked } = pagedClient('zotero:users/475425', [zoteroPage(3, 1), zoteroPage(3, 4), '[]']);
    expect((await fetch()).pages).toHaveLength(2);
    expect(asked).toHaveLength(3);
    const again = pagedClient('zotero:users/475425', [zoteroPage(3, 1), zoteroPage(3, 1), zoteroPage(3, 1)]);
    expect((await again.fetch()).pages).toHaveLength(1);
    expect(again.asked).toHaveLength(2);
  });

  it('OpenAlex works are paged the same way: a page past the last is empty, and works with no arXiv id are told apart by their ids', async () => {
    const { fetch, asked } = pagedClient('openalex:filter:publication_year:2024', [openAlexPage(3, 1, 6), openAlexPage(3, 4, 6), openAlexPage(0, 7, 6)]);
    const { pages, more } = await fetch();
    expect(asked).toEqual([1, 2, 3].map((n) => `https://api.openalex.org/works?filter=publication_year%3A2024&sort=publication_date%3Adesc&page=${n}&per-page=3`));
    expect(pages.map((p) => p.records.map((r) => r.key))).toEqual([['W1000001', 'W1000002', 'W1000003'], ['W1000004', 'W1000005', 'W1000006']]);
    expect(more).toBe(false);
  });

  it('a service that pages through only so many results (OpenAlex: 10,000 works) is paged up to them, and the fetch says there is more', async () => {
    const capped: FetchSettings = { ...settings, mostPaged: { openalex: 6 } };
    const spec = parseSpec('openalex:filter:publication_year:2024', '2025-12-11');
    const asked: string[] = [];
    const http: HttpClient = { get: async (url) => (asked.push(url), encode(openAlexPage(3, asked.length * 3 - 2, 30))) };
    const { pages, more } = await fetchPages(spec, http, capped, DEFAULT_BASES);
    // Two pages of three reach the sixth work; a third would be past what the service pages through.
    expect([asked.length, pages.length, more]).toEqual([2, 2, true]);
  });

  it('a page with a work left out for want of a title is still a full page, and the paging goes on', async () => {
    const untitled = (first: number) => {
      const page = JSON.parse(openAlexPage(3, first, 7)) as { results: Record<string, unknown>[] };
      page.results[1] = { ...page.results[1], title: null, display_name: null };
      return JSON.stringify(page);
    };
    const { fetch, asked } = pagedClient('openalex:search:"state space"', [untitled(1), openAlexPage(3, 4, 7), openAlexPage(1, 7, 7)]);
    const { pages } = await fetch();
    expect(asked).toHaveLength(3);
    expect(pages.map((p) => p.records.length)).toEqual([2, 3, 1]);
  });

  it('no papers at all is no pages', async () => {
    const { fetch } = pagedClient('hf:daily:2025-12-13', ['[]']);
    expect(await fetch()).toEqual({ pages: [], more: false });
  });

  it('a search and an id list are one request, however many papers come back', async () => {
    const search = pagedClient('hf:search:"flow matching"', [dailyPage(3, 1)]);
    expect((await search.fetch()).pages).toHaveLength(1);
    expect(search.asked).toHaveLength(1);
    const ids = pagedClient('arxiv:2312.00752,2405.21060', [fetchFixture('arxiv-2312.00752-2405.21060.xml')]);
    expect((await ids.fetch()).pages.map(arxivIds)).toEqual([['2312.00752', '2405.21060']]);
    expect(ids.asked).toHaveLength(1);
  });

  it('an arXiv query is paged the same way, and its pages are kept as the bytes received', async () => {
    const first = fetchFixture('arxiv-query-rectified-flow.xml');
    const { fetch, asked } = pagedClient('arxiv:query:ti:"rectified flow"', [first, fetchFixture('arxiv-2312.00752-2405.21060.xml'), EMPTY_FEED]);
    const { pages } = await fetch();
    expect(asked).toHaveLength(3);
    expect(pages.map(arxivIds)).toEqual([['2512.09021', '2209.03003'], ['2312.00752', '2405.21060']]);
    expect(Buffer.from(pages[0]!.bytes).equals(first)).toBe(true);
  });

  it('an arXiv page that comes back empty before the results its feed counts is said to be short, not taken for the end', async () => {
    const first = fetchFixture('arxiv-query-rectified-flow.xml').toString('utf8').replace('<opensearch:totalResults>2<', '<opensearch:totalResults>250<');
    const short = await pagedClient('arxiv:query:ti:"rectified flow"', [first, EMPTY_FEED]).fetch();
    expect([short.pages.length, short.more, short.short]).toEqual([1, false, { total: 250, got: 2 }]);
    // Its own count reached, the query is whole.
    const whole = await pagedClient('arxiv:query:ti:"rectified flow"', [fetchFixture('arxiv-query-rectified-flow.xml'), EMPTY_FEED]).fetch();
    expect(whole.short).toBeUndefined();
  });
});

describe('a page that does not read fails the whole spec', () => {
  const cases: [string, string, (string | Uint8Array)[], RegExp][] = [
    ['truncated JSON', 'hf:daily:2025-12-11', [dailyPage(3, 1), dailyPage(3, 4).slice(0, 500)], /not valid JSON/],
    ['the arXiv error feed', 'arxiv:2312.00752,2405.21060', [fetchFixture('arxiv-error.xml')], /the arXiv API answered with an error: incorrect id format/],
    ['an HTML page', 'hf:daily:2025-12-11', [fetchFixture('error-page.html')], /HTML page/],
    ['an arXiv feed where Hugging Face JSON was asked for', 'hf:daily:2025-12-11', [fetchFixture('arxiv-2312.00752-2405.21060.xml')], /is not a Hugging Face Papers API response \(it reads as arxiv-atom\)/],
    ['a Hugging Face error object', 'hf:search:mamba', ['{"error":"Invalid query"}'], /error response, not papers: "Invalid query"/],
    ['an empty body, named as one rather than as a file of unknown format', 'arxiv:2312.00752', [''], /: the body is empty$/],
  ];
  for (const [what, spec, answers, message] of cases) {
    it(what, async () => {
      const { fetch } = pagedClient(spec, answers);
      const error = await fetch().then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(FetchError);
      expect((error as Error).message).toMatch(/^the response does not read, so it was not saved: |is not a Hugging Face/);
      expect((error as Error).message).toMatch(message);
    });
  }
});
