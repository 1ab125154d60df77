/**
 * All the pages of a spec's results, up to a stated number: a page with fewer entries than
 * asked for is the last, an empty page (past the end) is dropped, and so is a page with no
 * paper that an earlier page did not have (a service that ignores the page number would
 * otherwise answer the same page until the limit). A spec that still has full pages at the
 * limit, `--max-pages` or the most a service pages through (`mostPaged`), stops there and
 * says so. Every page is read before it is kept,
 * so one bad page fails the whole spec.
 */
import type { SourceRecord } from '../ingest/sources/record.ts';
import type { HttpClient } from './http.ts';
import { pageLimit, type FetchSettings } from './settings.ts';
import { serviceOf, type FetchSpec, type Service } from './spec.ts';
import { isPaged, pageUrl } from './urls.ts';
import { readResponse } from './validate.ts';

/** One response, kept as its bytes, with its papers as read. */
export interface FetchedPage {
  bytes: Uint8Array;
  records: SourceRecord[];
}

export interface Fetched {
  /** The pages with papers, in order; none when the service had no papers. */
  pages: FetchedPage[];
  /** Whether the page limit stopped the fetch while pages were still full. */
  more: boolean;
  /**
   * The results the service said the query has, and the entries its pages gave, when a page came
   * back short or empty before them all (arXiv answers an empty page now and then).
   */
  short?: { total: number; got: number } | undefined;
}

/** Fetches and reads a spec's pages, one request at a time; throws `FetchError`. */
export async function fetchPages(spec: FetchSpec, http: HttpClient, settings: FetchSettings, bases: Record<Service, string>): Promise<Fetched> {
  const service = serviceOf(spec);
  const size = settings.pageSize[service];
  const limit = pageLimit(settings, service).pages;
  const pages: FetchedPage[] = [];
  const seen = new Set<string>();
  let full = 0;
  let got = 0;
  let total: number | undefined;
  const shortOf = () => (total !== undefined && got < total ? { total, got } : undefined);
  for (let page = 0; page < limit; page++) {
    const url = pageUrl(spec, page, size, bases);
    const bytes = await http.get(url, service);
    const read = readResponse(spec, url, bytes);
    const { records, entries } = read;
    total ??= read.total;
    const keys = records.map(paperKey);
    if (entries === 0) return { pages, more: false, short: shortOf() };
    if (page > 0 && records.length > 0 && keys.every((key) => seen.has(key))) break;
    got += entries;
    for (const key of keys) seen.add(key);
    // A page of a library's standalone attachments alone has nothing for the catalog, but the pages after it may.
    if (records.length > 0) pages.push({ bytes, records });
    if (!isPaged(spec) || entries < size) return { pages, more: false, short: isPaged(spec) ? shortOf() : undefined };
    full++;
  }
  return { pages, more: full === limit };
}

/** What tells a response's papers apart: the service's own key (an item's), else its arXiv id, else its title. */
export function paperKey(record: SourceRecord): string {
  return record.key ?? record.arxivId ?? record.title;
}
