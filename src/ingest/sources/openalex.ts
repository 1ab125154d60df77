/**
 * OpenAlex API responses (`.json`), saved as returned:
 * - `/works/{id}` (an OpenAlex id, `doi:…`, `https://doi.org/…`): one work;
 * - `/works?filter=…` or `?search=…`: a page, `{ meta, results: [works] }`.
 * A work carries its `id` (`https://openalex.org/W…`), `title`, `authorships[].author.display_name`,
 * `abstract_inverted_index` (the abstract as its words, each with its positions: OpenAlex sends
 * no plain text), `publication_date`, `doi`, `type`, `biblio` and its `primary_location`, whose
 * `source` names the journal, conference or repository. A `select=` leaves out what it was not
 * asked for; the record says nothing of what is missing.
 */
import { error, warning, type Diagnostic } from '../diagnostics.ts';
import { arxivId, doi, isPreprintServer } from '../../lib/ids.ts';
import { dateFromParts, emptyRecord, markupText, partialDate, venueWith, type SourceRead, type SourceRecord } from './record.ts';
import type { Venue } from '../../schemas/paper.ts';
import { elementLines, isObject, keyedElementLines, str, type JsonObject } from './json.ts';
import { own } from '../../lib/own.ts';

/** A work's id: `W` and digits, as a URL (`https://openalex.org/W2741809807`), as the API always sends it. */
const WORK_ID = /^https:\/\/openalex\.org\/(W\d+)$/i;

/**
 * A work as the API sends it: its `id` is always there, whatever `select=` asked for. An
 * autocomplete suggestion has a work's id too, and says it is a suggestion (`entity_type`).
 */
const isOpenAlexWork = (value: unknown): value is JsonObject => isObject(value) && typeof value.id === 'string' && WORK_ID.test(value.id) && !('entity_type' in value);

/** Fields only an OpenAlex work has: a file of items with an OpenAlex id and none of them is something else (a CSL item may carry such an id). */
const WORK_FIELDS = ['display_name', 'authorships', 'primary_location', 'abstract_inverted_index', 'publication_year', 'ids', 'biblio'];

/** A work standing alone or first in a list: an OpenAlex work with fields of its own. */
export const looksLikeOpenAlexWork = (value: unknown): value is JsonObject => isOpenAlexWork(value) && WORK_FIELDS.some((field) => field in value);

/**
 * A page of a list: `meta` with the `count` of all matches, and `results`. A page of authors,
 * sources or institutions is one too; its items are then no works, and say so at their lines.
 */
export const isOpenAlexPage = (value: unknown): value is JsonObject & { results: unknown[] } =>
  isObject(value) && isObject(value.meta) && 'count' in value.meta && Array.isArray(value.results);

/** Reads a page, a single work, or a list of works. */
export function readOpenAlex(path: string, text: string, response: unknown[] | JsonObject): SourceRead {
  const diagnostics: Diagnostic[] = [];
  const records: SourceRecord[] = [];
  const page = !Array.isArray(response) && isOpenAlexPage(response);
  const works = Array.isArray(response) ? response : page ? response.results : [response];
  const starts = page ? keyedElementLines(text, 'results') : elementLines(text);
  if (page && works.length === 0 && Array.isArray(response.group_by) && response.group_by.length > 0) {
    return { records, diagnostics: [error(path, 1, 'this is an OpenAlex group_by response, counts of works and no works; save a response of /works without group_by')] };
  }
  works.forEach((work, index) => {
    const line = starts[index] ?? 1;
    if (!isOpenAlexWork(work)) {
      const id = isObject(work) ? str(work.id) : null;
      const what = isObject(work) && 'entity_type' in work ? 'an autocomplete suggestion, not a work' : `not an OpenAlex work${id ? ` (${id})` : ''}`;
      diagnostics.push(error(path, line, `entry ${index + 1} is ${what}; save a response of /works`));
      return;
    }
    const key = WORK_ID.exec(work.id as string)![1]!;
    const title = markupText(str(work.title) ?? str(work.display_name) ?? '');
    // OpenAlex has works it knows no title of, and its response cannot be mended: the work is left out, and said so.
    if (!title) diagnostics.push(warning(path, line, `entry ${key} has no title in OpenAlex, so it is left out`));
    else records.push(toRecord(work, key, line, title));
  });
  return { records, diagnostics, entries: works.length };
}

function toRecord(work: JsonObject, key: string, line: number, title: string): SourceRecord {
  const record = emptyRecord(line, key, title);
  const primary = isObject(work.primary_location) ? work.primary_location : {};
  const locations = [primary, ...(Array.isArray(work.locations) ? work.locations.filter(isObject) : [])];
  record.doi = doi(str(work.doi));
  // OpenAlex names no arXiv id; its arXiv location's address does (an arXiv DOI, too, once cleaned).
  record.arxivId = locations.map((at) => arxivId(str(at.landing_page_url)) ?? arxivId(str(at.pdf_url))).find(Boolean) ?? null;
  record.abstract = abstractOf(work.abstract_inverted_index);
  const authorships = Array.isArray(work.authorships) ? work.authorships.filter(isObject) : [];
  record.authors = authorships.map((a) => (isObject(a.author) ? str(a.author.display_name) : null) ?? str(a.raw_author_name)).flatMap((name) => (name ? [name.trim()] : []));
  // A list's works carry their first 100 authorships, and say when there were more.
  record.moreAuthors = work.is_authors_truncated === true;
  // A date OpenAlex knows only the year of, it writes as January 1st.
  const date = str(work.publication_date)?.replace(/^(\d{4})-01-01$/, '$1');
  record.published = partialDate(date) ?? dateFromParts(work.publication_year);
  record.venue = venueOf(work, primary, authorships);
  const pdf = str(primary.pdf_url) ?? (isObject(work.best_oa_location) ? str(work.best_oa_location.pdf_url) : null);
  if (pdf && /^https?:\/\//i.test(pdf)) record.links.pdf = pdf;
  return record;
}

/**
 * The abstract from its inverted index: each word placed at its positions, in order, spaced
 * (OpenAlex keeps punctuation with its word). Sorted rather than laid into an array by
 * position, so a hostile position (1e9) costs nothing; a position two words share keeps both.
 */
function abstractOf(index: unknown): string | null {
  if (!isObject(index)) return null;
  const placed: [number, string][] = [];
  for (const [word, positions] of Object.entries(index)) {
    if (!Array.isArray(positions)) continue;
    for (const at of positions) if (Number.isSafeInteger(at) && (at as number) >= 0) placed.push([at as number, word]);
  }
  placed.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return placed.length > 0 ? markupText(placed.map(([, word]) => word).join(' ')) || null : null;
}

/** Work types that are cited by who issued them: the publisher of a book or report, the university of a thesis. */
const ISSUED: Record<string, Venue['kind']> = { book: 'book', dissertation: 'thesis', report: 'report' };

/**
 * Where the work was published, from its primary location's source and its own `type`. A
 * repository (arXiv, bioRxiv, Zenodo) is where a preprint was posted: no venue.
 */
function venueOf(work: JsonObject, primary: JsonObject, authorships: JsonObject[]): Venue | null {
  const source = isObject(primary.source) ? primary.source : {};
  const type = str(work.type);
  const biblio = isObject(work.biblio) ? work.biblio : {};
  const page = (value: unknown) => (typeof value === 'number' ? String(value) : str(value));
  const [first, last] = [page(biblio.first_page), page(biblio.last_page)];
  const details = { volume: biblio.volume, issue: biblio.issue, pages: first && last && last !== first ? `${first}-${last}` : first };
  const issued = type ? own(ISSUED, type) : undefined;
  if (issued) {
    // A thesis names its university among its author's institutions; a book or report, its
    // publisher as the source's host, unless the source is a repository, whose host (Cornell
    // for arXiv, CERN for Zenodo) only keeps the file.
    const university = issued === 'thesis' ? authorships.flatMap((a) => (Array.isArray(a.institutions) ? a.institutions.filter(isObject) : [])).map((i) => str(i.display_name)).find(Boolean) : null;
    const host = source.type === 'repository' ? null : (str(source.host_organization_name) ?? str(source.display_name));
    const issuer = university ?? host;
    return issuer ? venueWith({ name: issuer.trim(), kind: issued }, details) : null;
  }
  const name = markupText(str(source.display_name) ?? '');
  if (!name || source.type === 'repository' || isPreprintServer(name)) return null;
  const kind: Venue['kind'] = type === 'book-chapter' ? 'chapter' : source.type === 'journal' ? 'journal' : source.type === 'conference' ? 'proceedings' : 'other';
  return venueWith({ name, kind }, details);
}
