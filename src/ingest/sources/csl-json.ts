/**
 * CSL-JSON (`.json`): Zotero's "CSL JSON" and Better CSL JSON exports, an array of items
 * (`citation-style-language/schema`, `csl-data.json`), or the Zotero Web API's
 * `format=csljson` response, which wraps that array as `{"items": […]}`. Only `id` and `type`
 * are required by the schema; a paper also needs a title.
 */
import { error, warning, type Diagnostic } from '../diagnostics.ts';
import { arxivId, arxivIdInVenue, doi, isPreprintServer } from '../../lib/ids.ts';
import { dateFromParts, emptyRecord, linkKind, partialDate, setAuthors, stripRichText, venueWith, type DateProblem, type StatedName, type SourceRead, type SourceRecord } from './record.ts';
import { elementLines, isObject, keyedElementLines, str, type JsonObject } from './json.ts';
import type { Venue } from '../../schemas/paper.ts';
import { own } from '../../lib/own.ts';
import { MONTH_NAME, monthNumber } from '../dates.ts';
import { joinName } from '../../lib/authors.ts';

/** Whether `item` has the shape of a CSL item. */
export const isCslItem = (item: unknown): boolean => isObject(item) && typeof item.type === 'string' && (typeof item.id === 'string' || typeof item.id === 'number');

/** Whether `data` is the Zotero Web API's CSL-JSON: an object of `items` alone, CSL items. */
export const isCslResponse = (data: unknown): data is { items: unknown[] } =>
  isObject(data) && Object.keys(data).length === 1 && Array.isArray(data.items) && (data.items.length === 0 || isCslItem(data.items[0]));

export function readCslJson(path: string, text: string, data: unknown[] | { items: unknown[] }): SourceRead {
  const diagnostics: Diagnostic[] = [];
  const records: SourceRecord[] = [];
  const [items, starts] = Array.isArray(data) ? [data, elementLines(text)] : [data.items, keyedElementLines(text, 'items')];
  const firstWithId = new Map<string, number>();
  items.forEach((item, index) => {
    const name = isObject(item) && (typeof item.id === 'string' || typeof item.id === 'number') ? `entry ${String(item.id)}` : `entry ${index + 1}`;
    if (!isCslItem(item)) {
      diagnostics.push(error(path, starts[index] ?? 0, `${name} is not a CSL item (it needs "id" and "type"); fix or remove it`));
      return;
    }
    const line = starts[index] ?? 1;
    const record = cslRecord(item as JsonObject, line, (message) => diagnostics.push(warning(path, line, `${name}: ${message}`)));
    const title = (item as JsonObject).title;
    const id = String((item as JsonObject).id);
    const first = firstWithId.get(id);
    if (first === undefined) firstWithId.set(id, record.line);
    else diagnostics.push(sharedId(path, id, record.line, first));
    if (title !== undefined && title !== null && typeof title !== 'string') {
      diagnostics.push(error(path, record.line, `${name} has a title that is not text (${jsonKind(title)}); write the title as one string`));
      return;
    }
    if (!record.title) {
      diagnostics.push(error(path, record.line, `${name} has no title; add one or remove the entry`));
      return;
    }
    records.push(record);
  });
  return { records, diagnostics };
}

/**
 * A CSL id names one item, and a citation points at it by that id. Items are papers by their
 * title, arXiv id or DOI, not their id, so both are still read, and become one paper only if
 * those say they are one.
 */
function sharedId(path: string, id: string, line: number, first: number): Diagnostic {
  return warning(path, line, `entry ${id}: the entry at line ${first} has this id too; both are read, as one paper only if they share a title, arXiv id or DOI; give each item its own id`);
}

/** What a JSON value is, in a message's words. */
function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** CSL types named by who issued them or the book they are in: the kind of venue, and whether the publisher or the container names it. */
const TYPED_VENUES: Record<string, { kind: Venue['kind']; from: 'publisher' | 'container-title' }> = {
  book: { kind: 'book', from: 'publisher' },
  chapter: { kind: 'chapter', from: 'container-title' },
  thesis: { kind: 'thesis', from: 'publisher' },
  report: { kind: 'report', from: 'publisher' },
};

/** The record of one CSL item, read at `line`; the Crossref reader reads its items through it too. */
export function cslRecord(item: JsonObject, line: number, dateProblem: DateProblem, richText = true): SourceRecord {
  // An item whose text is plain already (Crossref's, once its JATS is read) keeps a "<b>" it spells out.
  const plain = (value: string | null): string | null => (value === null || !richText ? value : stripRichText(value));
  const record = emptyRecord(line, String(item.id), plain(str(item.title))?.trim() ?? '');
  record.abstract = plain(str(item.abstract));
  setAuthors(record, (Array.isArray(item.author) ? item.author : []).map(personName));
  const number = str(item.number);
  const url = str(item.URL);
  const container = plain(str(item['container-title']));
  // A Google Scholar import keeps Scholar's venue: `arXiv preprint arXiv:2312.00752`.
  record.arxivId = (number && /^arxiv:/i.test(number) ? arxivId(number) : null) ?? arxivIdInVenue(container) ?? arxivId(url) ?? arxivId(str(item.DOI));
  record.doi = doi(str(item.DOI));
  const publisher = plain(str(item.publisher));
  const typed = typeof item.type === 'string' ? own(TYPED_VENUES, item.type) : undefined;
  const details = { volume: item.volume, issue: item.issue, pages: item.page };
  const issuer = typed?.from === 'publisher' ? publisher : container;
  if (typed && issuer) {
    // A report's number is its own `number`, unless that is the arXiv id.
    const reportNumber = typed.kind === 'report' && number && !arxivId(number) ? number : null;
    record.venue = venueWith({ name: issuer, kind: typed.kind }, { ...details, issue: item.issue ?? reportNumber, genre: typed.kind === 'thesis' || typed.kind === 'report' ? plain(str(item.genre)) : null });
  } else if (container && !/^arxiv$/i.test(publisher ?? '') && !isPreprintServer(container)) {
    const kind = item.type === 'paper-conference' ? 'proceedings' : item.type === 'article-journal' ? 'journal' : 'other';
    record.venue = venueWith({ name: container, kind }, details);
  }
  record.published = cslDate(item.issued, dateProblem);
  if (url) {
    const kind = linkKind(url);
    if (kind) record.links[kind] = url;
  }
  return record;
}

/**
 * A CSL name: `given`, particles and `family` (its family part the non-dropping particle and
 * `family`: "van Gogh"; a dropping particle goes with the given names: "Ludwig van" Beethoven),
 * or a `literal` (an organisation), whole.
 */
function personName(person: unknown): StatedName | null {
  if (!isObject(person)) return null;
  const literal = str(person.literal);
  if (literal) return { name: literal, family: literal };
  const family = [str(person['non-dropping-particle']), str(person.family)].filter(Boolean).join(' ');
  const name = joinName([str(person.given), str(person['dropping-particle'])].filter(Boolean).join(' '), family);
  if (!name) return null;
  const suffix = str(person.suffix);
  return { name: suffix ? `${name}, ${suffix}` : name, family: family || null };
}

/**
 * `{"date-parts": [[2023, 11, 17]]}` (numbers or strings, or one ISO date as its only part), or
 * `raw`/`literal`, or an EDTF string. `raw` and `literal` are a date as people write one
 * ("March 2023", "Spring 2019"): read as ISO, else as the year and the month they name. A
 * `literal` is free text by definition ("forthcoming"), so it alone is read without complaint.
 */
function cslDate(issued: unknown, problem: DateProblem): string | null {
  if (typeof issued === 'string') return partialDate(issued, problem);
  if (!isObject(issued)) return null;
  const parts = issued['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0])) {
    const [y, m, d] = parts[0] as unknown[];
    if (m === undefined && typeof y === 'string' && /^\d{4}-\d/.test(y)) return partialDate(y, problem);
    return dateFromParts(y, m, d, problem);
  }
  const raw = str(issued.raw);
  // An ISO date's slips (a 14th month) are said, as in date parts.
  if (raw && /^\s*\d{4}/.test(raw)) return partialDate(raw, problem);
  return writtenDate(raw ?? str(issued.literal)) ?? (raw ? partialDate(raw, problem) : null);
}

/**
 * A date as people write one: ISO ("2023-03"); else the first month named with its year
 * ("March 2023", "15 March, 2021", "June 3-5, 2019"); else the first year of four digits; or null.
 */
function writtenDate(text: string | null): string | null {
  if (!text) return null;
  const iso = partialDate(text);
  if (iso) return iso;
  const month = MONTH_YEAR.exec(text);
  if (month) return `${month[2]}-${String(monthNumber(month[1]!)).padStart(2, '0')}`;
  return /(?<!\d)(?:1[5-9]\d\d|20\d\d)(?!\d)/.exec(text)?.[0] ?? null;
}

/** A month's name, then perhaps a day or days, then its year. */
const MONTH_YEAR = new RegExp(`\\b(${MONTH_NAME})\\b\\.?,?\\s*(?:\\d{1,2}(?:\\s*[-–]\\s*\\d{1,2})?,?\\s*)?(1[5-9]\\d\\d|20\\d\\d)(?!\\d)`, 'i');
