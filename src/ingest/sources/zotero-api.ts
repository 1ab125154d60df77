/**
 * The Zotero Web API's own JSON (`.json`), its default format: `/users|groups/{id}/items` (or
 * `/items/top`, `/collections/{key}/items`) is an array of items, `/items/{key}` one item. Each is
 * `{ key, version, library, links, meta, data }`; `data` holds the item as Zotero stores it:
 * `itemType`, `title`, `creators` (`firstName` and `lastName`, or one `name`), `abstractNote`,
 * `date` (as typed: `meta.parsedDate` is it read), `DOI`, `url`, `extra`, and the venue's field
 * for its type (`publicationTitle`, `proceedingsTitle`, …). A preprint names its server in
 * `repository` and its id in `archiveID` (`arXiv:2005.14165`). Attachments, notes and
 * annotations are items of a library, not papers: they are passed over.
 */
import { error, type Diagnostic } from '../diagnostics.ts';
import { arxivId, arxivIdInVenue, doi, isPreprintServer } from '../../lib/ids.ts';
import { emptyRecord, linkKind, partialDate, setAuthors, stripRichText, venueWith, type SourceRead, type SourceRecord } from './record.ts';
import type { Venue } from '../../schemas/paper.ts';
import { elementLines, isObject, str, type JsonObject } from './json.ts';
import { own } from '../../lib/own.ts';
import { joinName } from '../../lib/authors.ts';

/** Whether `item` is an item of the Zotero Web API: its `key`, and its `data` with an `itemType`. */
export const isZoteroItem = (item: unknown): item is JsonObject =>
  isObject(item) && typeof item.key === 'string' && isObject(item.data) && typeof item.data.itemType === 'string';

/** Items that belong to a paper, not papers themselves. */
const CHILD_TYPES = new Set(['attachment', 'note', 'annotation']);

/** Where each kind of item names the work it appeared in, and what kind of venue that is. */
const VENUE_FIELDS: Record<string, [field: string, kind: Venue['kind']][]> = {
  journalArticle: [['publicationTitle', 'journal']],
  conferencePaper: [['proceedingsTitle', 'proceedings'], ['conferenceName', 'proceedings']],
  bookSection: [['bookTitle', 'chapter']],
  book: [['publisher', 'book']],
  thesis: [['university', 'thesis']],
  report: [['institution', 'report']],
};

/** Reads an array of items or a single item. */
export function readZoteroApi(path: string, text: string, response: unknown[] | JsonObject): SourceRead {
  const diagnostics: Diagnostic[] = [];
  const records: SourceRecord[] = [];
  const items = Array.isArray(response) ? response : [response];
  const starts = elementLines(text);
  items.forEach((item, index) => {
    const line = starts[index] ?? 1;
    if (!isZoteroItem(item)) {
      diagnostics.push(error(path, line, `entry ${index + 1} is not a Zotero item (it needs "key" and "data" with an "itemType"); fix or remove it`));
      return;
    }
    const data = item.data as JsonObject;
    if (CHILD_TYPES.has(data.itemType as string)) return;
    const record = toRecord(item, data, line);
    if (record.title) records.push(record);
    else diagnostics.push(error(path, line, `entry ${item.key as string} has no title; add one in Zotero or remove the item`));
  });
  return { records, diagnostics, entries: items.length };
}

function toRecord(item: JsonObject, data: JsonObject, line: number): SourceRecord {
  const record = emptyRecord(line, item.key as string, stripRichText(str(data.title) ?? '').trim());
  const abstract = str(data.abstractNote);
  record.abstract = abstract === null ? null : stripRichText(abstract);
  // A creator is `firstName` and `lastName`, or one `name`: Zotero's single-field mode, which
  // Zotero itself and Better BibTeX cite whole, as an organisation's name.
  setAuthors(
    record,
    (Array.isArray(data.creators) ? data.creators : []).map((creator) => {
      if (!isObject(creator) || creator.creatorType !== 'author') return null;
      const whole = str(creator.name)?.trim();
      if (whole) return { name: whole, family: whole };
      const family = str(creator.lastName)?.trim() || null;
      return { name: joinName(str(creator.firstName), family), family };
    }),
  );
  const url = str(data.url);
  // `extra` holds what an item type has no field for, a line each: "arXiv: 2005.14165", "DOI: 10.…".
  const extra = (name: string) => (str(data.extra) ?? '').split('\n').map((row) => new RegExp(`^${name}:\\s*(\\S+)`, 'i').exec(row.trim())?.[1] ?? null).find(Boolean) ?? null;
  record.arxivId = arxivId(str(data.archiveID)) ?? arxivId(extra('arxiv')) ?? arxivId(url) ?? arxivId(str(data.DOI)) ?? arxivIdInVenue(str(data.publicationTitle));
  record.doi = doi(str(data.DOI) ?? extra('doi'));
  for (const [field, kind] of own(VENUE_FIELDS, String(data.itemType)) ?? []) {
    const name = str(data[field])?.trim();
    if (name && !isPreprintServer(name)) {
      // A thesis's or report's own kind, and a report's number, have fields of their own.
      record.venue = venueWith({ name, kind }, { volume: data.volume, issue: data.issue ?? data.reportNumber, pages: data.pages, genre: data.thesisType ?? data.reportType });
      break;
    }
  }
  // The date as typed ("June 12, 2017") is read by Zotero into `meta.parsedDate`.
  const meta = isObject(item.meta) ? item.meta : {};
  record.published = partialDate(str(meta.parsedDate)) ?? partialDate(str(data.date));
  if (url) {
    const kind = linkKind(url);
    if (kind) record.links[kind] = url;
  }
  return record;
}
