/**
 * All the pages of a spec's results, up to a stated number: a page with fewer papers than
 * asked for is the last, an empty page (past the end) is dropped, and so is a page with no
 * paper that an earlier page did not have (a service that ignores the page number would
 * otherwise answer the same page until the limit). A spec that still has full pages at the
 * limit stops there and says so. Every page is read before it is kept,
 * so one bad page fails the whole spec.
 */
import type { HttpClient } from './http.ts';
import type { FetchSettings } from './settings.ts';
import { serviceOf, type FetchSpec, type Service } from './spec.ts';
import { isPaged, pageUrl } from './urls.ts';
import { readResponse } from './validate.ts';

/** One response, kept as its bytes, with the arXiv ids of its papers. */
export interface FetchedPage {
  bytes: Uint8Array;
  arxivIds: string[];
}

export interface Fetched {
  /** The pages with papers, in order; none when the service had no papers. */
  pages: FetchedPage[];
  /** Whether the page limit stopped the fetch while pages were still full. */
  more: boolean;
}

/** Fetches and reads a spec's pages, one request at a time; throws `FetchError`. */
export async function fetchPages(spec: FetchSpec, http: HttpClient, settings: FetchSettings, bases: Record<Service, string>): Promise<Fetched> {
  const service = serviceOf(spec);
  const size = settings.pageSize[service];
  const pages: FetchedPage[] = [];
  const seen = new Set<string>();
  for (let page = 0; page < settings.maxPages; page++) {
    const url = pageUrl(spec, page, size, bases);
    const bytes = await http.get(url, service);
    const records = readResponse(spec, url, bytes);
    const arxivIds = records.flatMap((r) => (r.arxivId ? [r.arxivId] : []));
    if (records.length === 0 || (page > 0 && arxivIds.every((id) => seen.has(id)))) break;
    for (const id of arxivIds) seen.add(id);
    pages.push({ bytes, arxivIds });
    if (!isPaged(spec) || records.length < size) return { pages, more: false };
  }
  return { pages, more: pages.length === settings.maxPages };
}
