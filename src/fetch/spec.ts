/**
 * What `npm run fetch` is asked for, from the short texts people write on the command line
 * and in `content/refresh.txt`:
 *   hf:daily:2025-12-11 (or hf:daily:today, hf:daily:yesterday, in UTC)
 *   hf:week:2025-W50
 *   hf:search:"flow matching"
 *   hf:collection:lab/ssm-reading-6650a0b1c2d3 (or the collection's URL)
 *   arxiv:2312.00752,2405.21060
 *   arxiv:query:"ti:rectified flow"
 *   zotero:groups/4530458 (or zotero:users/…, either with /collections/KEY, or the group's URL)
 *   openalex:search:"state space models"
 *   openalex:filter:authorships.author.id:A5023888391,publication_year:2024
 *   crossref:10.1162/neco.1997.9.8.1735[,DOI…]
 *   crossref:query:"long short-term memory"
 * Quotes around a search are optional (a shell has usually removed them already).
 */
import { arxivId, arxivNumberProblem, doiKey, wholeDoi } from '../lib/ids.ts';
import { isoDate } from '../schemas/paper.ts';
import { addDays } from '../lib/calendar.ts';
import { FetchError } from './errors.ts';

/** The services fetched from. */
export type Service = 'hf' | 'arxiv' | 'zotero' | 'openalex' | 'crossref';

/** One request for papers, as typed data. */
export type FetchSpec =
  /** The Hugging Face daily papers of one day. */
  | { source: 'hf-daily'; date: string }
  /** The Hugging Face daily papers of one ISO week. */
  | { source: 'hf-week'; week: string }
  /** A Hugging Face Papers search. */
  | { source: 'hf-search'; query: string }
  /** A Hugging Face collection, by its `namespace/slug` (titles and ids only: its papers' abstracts are fetched from arXiv after it). */
  | { source: 'hf-collection'; slug: string }
  /** arXiv papers by id, without versions; for a collection's papers, the collection they came from. */
  | { source: 'arxiv-ids'; ids: string[]; collection?: string }
  /** An arXiv API `search_query`, newest submissions first. */
  | { source: 'arxiv-query'; query: string }
  /** A Zotero library or one of its collections, by its Web API path: `groups/4530458`, `users/475425/collections/ABCD2345`. */
  | { source: 'zotero'; library: string }
  /** An OpenAlex works search, most relevant first. */
  | { source: 'openalex-search'; query: string }
  /** OpenAlex works by a `filter` expression (`key:value`, comma-joined), newest first. */
  | { source: 'openalex-filter'; filter: string }
  /** Crossref works by DOI, in one request. */
  | { source: 'crossref-dois'; dois: string[] }
  /** A Crossref works search, most relevant first. */
  | { source: 'crossref-query'; query: string };

/** Ids one spec may name: arXiv answers them in one request, and a longer URL risks HTTP 414. */
export const MAX_IDS = 100;

const SHAPES = 'hf:daily:YYYY-MM-DD (or today, yesterday), hf:week:YYYY-Www, hf:search:"words", hf:collection:NAMESPACE/SLUG, arxiv:ID[,ID…], arxiv:query:"query", zotero:groups/ID or zotero:users/ID[/collections/KEY], openalex:search:"words", openalex:filter:KEY:VALUE[,KEY:VALUE…], crossref:DOI[,DOI…], crossref:query:"words"';

/** Parses one spec; `today` (UTC, `YYYY-MM-DD`) resolves the date words. Throws `FetchError`. */
export function parseSpec(text: string, today: string): FetchSpec {
  const spec = text.trim();
  const [, service = '', rest = ''] = /^([a-z]+):(.*)$/s.exec(spec) ?? [];
  if (service === 'hf') {
    const [, kind = '', value = ''] = /^([a-z]+):(.*)$/s.exec(rest) ?? [];
    if (kind === 'daily') return { source: 'hf-daily', date: dayOf(value.trim(), today, spec) };
    if (kind === 'week') return { source: 'hf-week', week: weekOf(value.trim(), spec) };
    if (kind === 'search') return { source: 'hf-search', query: queryOf(value, spec) };
    if (kind === 'collection') return { source: 'hf-collection', slug: collectionOf(value.trim(), spec) };
  } else if (service === 'arxiv') {
    if (rest.startsWith('query:')) return { source: 'arxiv-query', query: queryOf(rest.slice('query:'.length), spec) };
    return { source: 'arxiv-ids', ids: idsOf(rest, spec) };
  } else if (service === 'zotero') {
    return { source: 'zotero', library: libraryOf(rest.trim(), spec) };
  } else if (service === 'openalex') {
    if (rest.startsWith('search:')) return { source: 'openalex-search', query: queryOf(rest.slice('search:'.length), spec) };
    if (rest.startsWith('filter:')) return { source: 'openalex-filter', filter: filterOf(rest.slice('filter:'.length).trim(), spec) };
  } else if (service === 'crossref') {
    if (rest.startsWith('query:')) return { source: 'crossref-query', query: queryOf(rest.slice('query:'.length), spec) };
    return { source: 'crossref-dois', dois: doisOf(rest, spec) };
  }
  throw new FetchError(`"${spec}" is not a spec: expected ${SHAPES}`);
}

/** The spec as a person would type it, for messages. */
export function specText(spec: FetchSpec): string {
  switch (spec.source) {
    case 'hf-daily':
      return `hf:daily:${spec.date}`;
    case 'hf-week':
      return `hf:week:${spec.week}`;
    case 'hf-search':
      return `hf:search:"${spec.query}"`;
    case 'hf-collection':
      return `hf:collection:${spec.slug}`;
    case 'arxiv-ids':
      return `arxiv:${spec.ids.join(',')}`;
    case 'arxiv-query':
      return `arxiv:query:"${spec.query}"`;
    case 'zotero':
      return `zotero:${spec.library}`;
    case 'openalex-search':
      return `openalex:search:"${spec.query}"`;
    case 'openalex-filter':
      return `openalex:filter:${spec.filter}`;
    case 'crossref-dois':
      return `crossref:${spec.dois.join(',')}`;
    case 'crossref-query':
      return `crossref:query:"${spec.query}"`;
  }
}

/** The service a spec is fetched from. */
export function serviceOf(spec: FetchSpec): Service {
  if (spec.source === 'zotero') return 'zotero';
  if (spec.source.startsWith('openalex-')) return 'openalex';
  if (spec.source.startsWith('crossref-')) return 'crossref';
  return spec.source.startsWith('hf-') ? 'hf' : 'arxiv';
}

/**
 * The specs of a file such as `content/refresh.txt`, each with its line number: one spec a
 * line; blank lines and lines starting with `#` are skipped (a `#` later on a line is part of
 * the spec, as in a search for "C#").
 */
export function specLines(text: string): { text: string; line: number }[] {
  return text
    .split(/\r?\n/)
    .map((line, index) => ({ text: line.trim(), line: index + 1 }))
    .filter((entry) => entry.text !== '' && !entry.text.startsWith('#'));
}

function dayOf(value: string, today: string, spec: string): string {
  if (value === 'today') return today;
  if (value === 'yesterday') return addDays(today, -1);
  // The schema's rule, which also refuses days that do not exist, like 2025-02-30.
  if (isoDate.safeParse(value).success) return value;
  throw new FetchError(`"${spec}": "${value}" is not a day; write YYYY-MM-DD, today or yesterday`);
}

function weekOf(value: string, spec: string): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(value);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= isoWeeksIn(Number(m[1]))) return value;
  throw new FetchError(`"${spec}": "${value}" is not an ISO week; write YYYY-Www, as in 2025-W50`);
}

/** 52, or 53 for an ISO year that starts or ends on a Thursday (ISO 8601): 2025-W53 does not exist, 2026-W53 does. */
function isoWeeksIn(year: number): number {
  const thursday = (month: number, day: number) => new Date(Date.UTC(year, month, day)).getUTCDay() === 4;
  return thursday(0, 1) || thursday(11, 31) ? 53 : 52;
}

/**
 * A search's words, without quotes around the whole: `"flow matching"`, and `"ti:"rectified
 * flow""` as a shell leaves it. A search that starts with a quoted phrase of its own and goes
 * on (`"elmo" AND "sesame street"`) is not wrapped, and keeps its quotes.
 */
function queryOf(value: string, spec: string): string {
  let query = value.trim();
  if (query.length >= 2 && query.startsWith('"') && query.endsWith('"') && !/^"[^"]*"\s/.test(query)) query = query.slice(1, -1).trim();
  if (query) return query;
  throw new FetchError(`"${spec}" searches for nothing; write the words after the colon`);
}

/**
 * A collection's `namespace/slug` (the slug ends in the collection's id), as written or taken
 * from its page's URL, `https://huggingface.co/collections/namespace/slug`.
 */
function collectionOf(value: string, spec: string): string {
  const slug = value.replace(/^https?:\/\/(?:www\.)?huggingface\.co\/collections\//i, '').replace(/[?#].*$/s, '').replace(/\/+$/, '');
  // Dots alone (`..`) would name another path of the API, not a collection.
  if (/^[\w.-]+\/[\w.-]+$/.test(slug) && !slug.split('/').some((part) => /^\.+$/.test(part))) return slug;
  throw new FetchError(`"${spec}": "${value}" is not a collection; write its namespace and slug as its URL shows them, as in hf:collection:lab/ssm-reading-6650a0b1c2d3`);
}

/**
 * A Zotero library's Web API path, as written (`groups/4530458`, `users/475425`, either with
 * `/collections/KEY`) or taken from a group's page, `https://www.zotero.org/groups/4530458/name`
 * (with `/collections/KEY`, or `/library`). A personal library's page names its owner, not the
 * user ID the API asks for, so it is not taken.
 */
function libraryOf(value: string, spec: string): string {
  const page = /^https?:\/\/(?:www\.)?zotero\.org\/groups\/(\d+)(?:\/[^/?#]+)?(?:\/library\/?|\/collections\/([A-Z0-9]{8})(?:\/.*)?)?\/?(?:[?#].*)?$/is.exec(value);
  if (page) return `groups/${page[1]}${page[2] ? `/collections/${page[2].toUpperCase()}` : ''}`;
  const path = /^(groups|users)\/(\d+)(?:\/collections\/([A-Z0-9]{8}))?\/?$/i.exec(value);
  if (path) return `${path[1]!.toLowerCase()}/${path[2]}${path[3] ? `/collections/${path[3].toUpperCase()}` : ''}`;
  throw new FetchError(`"${spec}": "${value}" is not a Zotero library; write groups/ID or users/ID (your user ID is at zotero.org/settings/keys), with /collections/KEY for one collection, as in zotero:groups/4530458/collections/ABCD2345`);
}

/**
 * An OpenAlex `filter`: `key:value` pairs, comma-joined, each key a dotted field name
 * (`authorships.author.id:A5023888391`, `concepts.id:C154945302|C119857082`,
 * `from_publication_date:2024-01-01`). Only its shape is checked; OpenAlex answers a key it does
 * not know with an error, which the command reports.
 */
function filterOf(value: string, spec: string): string {
  if (/^[a-z_.]+:[^,]+(?:,[a-z_.]+:[^,]+)*$/i.test(value)) return value;
  throw new FetchError(`"${spec}": "${value}" is not an OpenAlex filter; write KEY:VALUE pairs joined by commas, as in openalex:filter:authorships.author.id:A5023888391,publication_year:2024`);
}

/** The arXiv specs that fetch the papers `ids` of `collection`, at most `MAX_IDS` a request, in order. */
export function collectionIdSpecs(collection: string, ids: readonly string[]): FetchSpec[] {
  const specs: FetchSpec[] = [];
  for (let i = 0; i < ids.length; i += MAX_IDS) specs.push({ source: 'arxiv-ids', ids: ids.slice(i, i + MAX_IDS), collection });
  return specs;
}

/** DOIs, each a whole DOI as people paste one (`wholeDoi`), apart by commas or spaces, without repeats: at most `MAX_IDS`. */
function doisOf(value: string, spec: string): string[] {
  const dois: string[] = [];
  for (const raw of value.replace(/\bdoi:\s+/gi, 'doi:').split(/[,\s]+/).filter(Boolean)) {
    const found = wholeDoi(raw);
    if (!found) throw new FetchError(`"${spec}": "${raw}" is not a DOI (such as 10.1162/neco.1997.9.8.1735)`);
    if (!dois.some((d) => doiKey(d) === doiKey(found))) dois.push(found);
  }
  if (dois.length === 0) throw new FetchError(`"${spec}" names no DOI; write crossref:10.1162/neco.1997.9.8.1735 or crossref:query:"…"`);
  if (dois.length > MAX_IDS) throw new FetchError(`"${spec}" names ${dois.length} DOIs; at most ${MAX_IDS} fit in one request, so split them into several specs`);
  return dois;
}

function idsOf(value: string, spec: string): string[] {
  const ids: string[] = [];
  for (const raw of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    const id = arxivId(raw);
    if (!id) throw new FetchError(`"${spec}": "${raw}" is not an arXiv id (such as 2312.00752 or hep-ex/0307015)`);
    const slip = arxivNumberProblem(id);
    if (slip) throw new FetchError(`"${spec}": "${raw}" is not an arXiv id: ${slip}`);
    if (!ids.includes(id)) ids.push(id);
  }
  if (ids.length === 0) throw new FetchError(`"${spec}" names no arXiv id; write arxiv:2312.00752 or arxiv:query:"…"`);
  if (ids.length > MAX_IDS) throw new FetchError(`"${spec}" names ${ids.length} arXiv ids; at most ${MAX_IDS} fit in one request, so split them into several specs`);
  return ids;
}
