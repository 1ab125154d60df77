/**
 * The URL of every request the fetch command makes, and what goes with it, in one place. The
 * services' addresses can be changed with `SHELFMARK_HF_URL`, `SHELFMARK_ARXIV_URL`,
 * `SHELFMARK_ZOTERO_URL`, `SHELFMARK_OPENALEX_URL` and `SHELFMARK_CROSSREF_URL`, which is how
 * tests point them at a local server.
 *
 * - Hugging Face: `/api/daily_papers?date=` or `?week=`, paged by `p` (from 0) and `limit`;
 *   `/api/papers/search?q=`, one page (parameters as `huggingface_hub`'s `HfApi` sends them);
 *   `/api/collections/{namespace}/{slug}`, one response with every item.
 * - arXiv: `/api/query` with `id_list=` (every id in one request) or `search_query=`, paged by
 *   `start` and `max_results`, newest submissions first (arXiv API user manual, 3.1).
 * - OpenAlex: `/works?search=` (most relevant first) or `?filter=` (newest first), paged by
 *   `page` (from 1) and `per-page` (OpenAlex API, "Paging"), up to its 10,000th work
 *   (`mostPaged` in settings.ts).
 * - Crossref: `/works?filter=doi:…,doi:…` (every DOI in one request), or `/works?query=`
 *   (most relevant first) paged by `offset` and `rows`, up to its 10,000th work (Crossref
 *   REST API, "Pagination").
 * - Zotero: `/{groups|users}/{id}[/collections/{key}]/items/top` in the API's own JSON, paged
 *   by `start` and `limit`, oldest addition first, so that an item added between two requests
 *   joins the last page instead of pushing one along, and without standalone notes (`itemType=-note`),
 *   which are a library's private text, not papers, and would be committed with the response
 *   (Web API v3, "Basics" and "Read Requests").
 */
import { FetchError } from './errors.ts';
import type { FetchSpec, Service } from './spec.ts';

/** Where each service is, unless the environment says otherwise. */
export const DEFAULT_BASES: Readonly<Record<Service, string>> = {
  hf: 'https://huggingface.co',
  arxiv: 'https://export.arxiv.org',
  zotero: 'https://api.zotero.org',
  openalex: 'https://api.openalex.org',
  crossref: 'https://api.crossref.org',
};

const ENV_NAMES: Readonly<Record<Service, string>> = { hf: 'SHELFMARK_HF_URL', arxiv: 'SHELFMARK_ARXIV_URL', zotero: 'SHELFMARK_ZOTERO_URL', openalex: 'SHELFMARK_OPENALEX_URL', crossref: 'SHELFMARK_CROSSREF_URL' };

/** Where a Zotero API key is read from: it is sent as a header, never in a URL, so it is neither printed nor saved. */
export const ZOTERO_KEY_ENV = 'ZOTERO_API_KEY';

/** Each service's base URL, from the environment or the defaults; throws `FetchError` for one that is not http(s). */
export function serviceBases(env: NodeJS.ProcessEnv): Record<Service, string> {
  const base = (service: Service) => {
    const value = env[ENV_NAMES[service]] || DEFAULT_BASES[service];
    if (!/^https?:\/\/[^/?#\s]+(?:\/[^?#\s]*)?$/.test(value)) throw new FetchError(`${ENV_NAMES[service]} is "${value}", not an http(s) URL`);
    return value.replace(/\/+$/, '');
  };
  return { hf: base('hf'), arxiv: base('arxiv'), zotero: base('zotero'), openalex: base('openalex'), crossref: base('crossref') };
}

/**
 * The headers each service gets besides `User-Agent`: Zotero's API version, and the key a
 * private library needs, when `ZOTERO_API_KEY` is set (a public group needs none). The key goes
 * as `Authorization: Bearer`, one of the API's three ways, the one `fetch` leaves out of a
 * redirect to another host; and never in clear text, except to this machine. Throws `FetchError`.
 */
export function serviceHeaders(env: NodeJS.ProcessEnv, bases: Record<Service, string>): Record<Service, Record<string, string>> {
  const key = env[ZOTERO_KEY_ENV]?.trim();
  if (key && !bases.zotero.startsWith('https://') && !isLoopback(bases.zotero)) {
    throw new FetchError(`${ZOTERO_KEY_ENV} is set, and SHELFMARK_ZOTERO_URL is ${bases.zotero}, which is not https: the key would cross the network in clear text`);
  }
  // Zotero's keys are letters and digits. Another character (a control, a zero-width space pasted
  // with the key) cannot go in a header: the request failed before it was sent, blaming the server.
  if (key && !/^[\x21-\x7e]+$/.test(key)) throw new FetchError(`${ZOTERO_KEY_ENV} has a character no HTTP header can carry (a space or an invisible one pasted with it?); copy the key again from zotero.org/settings/keys`);
  return { hf: {}, arxiv: {}, zotero: { 'Zotero-API-Version': '3', ...(key ? { Authorization: `Bearer ${key}` } : {}) }, openalex: {}, crossref: {} };
}

/** Whether a URL points at this machine (127.0.0.1, ::1 or localhost). */
export function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** Whether a spec's results come in pages; the others are one request. */
export function isPaged(spec: FetchSpec): boolean {
  return spec.source === 'hf-daily' || spec.source === 'hf-week' || spec.source === 'arxiv-query' || spec.source === 'zotero' || spec.source.startsWith('openalex-') || spec.source === 'crossref-query';
}

/** The URL of page `page` (from 0) of a spec's results, `pageSize` papers a page. */
export function pageUrl(spec: FetchSpec, page: number, pageSize: number, bases: Record<Service, string>): string {
  switch (spec.source) {
    case 'hf-daily':
      return `${bases.hf}/api/daily_papers?${new URLSearchParams({ date: spec.date, p: String(page), limit: String(pageSize) })}`;
    case 'hf-week':
      return `${bases.hf}/api/daily_papers?${new URLSearchParams({ week: spec.week, p: String(page), limit: String(pageSize) })}`;
    case 'hf-search':
      return `${bases.hf}/api/papers/search?${new URLSearchParams({ q: spec.query })}`;
    case 'hf-collection':
      return `${bases.hf}/api/collections/${spec.slug.split('/').map(encodeURIComponent).join('/')}`;
    case 'arxiv-ids':
      return `${bases.arxiv}/api/query?${new URLSearchParams({ id_list: spec.ids.join(','), max_results: String(spec.ids.length) })}`;
    case 'arxiv-query':
      return `${bases.arxiv}/api/query?${new URLSearchParams({ search_query: spec.query, start: String(page * pageSize), max_results: String(pageSize), sortBy: 'submittedDate', sortOrder: 'descending' })}`;
    case 'zotero':
      return `${bases.zotero}/${spec.library}/items/top?${new URLSearchParams({ format: 'json', itemType: '-note', sort: 'dateAdded', direction: 'asc', start: String(page * pageSize), limit: String(pageSize) })}`;
    case 'openalex-search':
      return `${bases.openalex}/works?${new URLSearchParams({ search: spec.query, page: String(page + 1), 'per-page': String(pageSize) })}`;
    case 'openalex-filter':
      return `${bases.openalex}/works?${new URLSearchParams({ filter: spec.filter, sort: 'publication_date:desc', page: String(page + 1), 'per-page': String(pageSize) })}`;
    case 'crossref-dois':
      return `${bases.crossref}/works?${new URLSearchParams({ filter: spec.dois.map((d) => `doi:${d}`).join(','), rows: String(spec.dois.length) })}`;
    case 'crossref-query':
      return `${bases.crossref}/works?${new URLSearchParams({ query: spec.query, offset: String(page * pageSize), rows: String(pageSize) })}`;
  }
}
