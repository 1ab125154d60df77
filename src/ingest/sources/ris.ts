/**
 * RIS (`.ris`, or saved as `.txt`): what EndNote, Zotero, Mendeley and most publishers export.
 * Each record is tagged lines, `TY  - JOUR` first and `ER  - ` last; a tag may repeat (`AU`), and
 * a line with no tag continues the one before (EndNote wraps long abstracts).
 *
 * Hand-written: the format is a line per field, and the one npm reader, `@citation-js/plugin-ris`,
 * needs `@citation-js/core`, which brings `node-fetch` and `sync-fetch` (11 MB) into an ingest
 * that must never touch the network, and gives no positions, so each record's line would have to
 * be found again here anyway.
 */
import { isOrganisation, joinName } from '../../lib/authors.ts';
import { error, warning, type Diagnostic } from '../diagnostics.ts';
import { arxivId, arxivIdInVenue, doi, isPreprintServer } from '../../lib/ids.ts';
import { attachedFilesWarning, dateFromParts, emptyRecord, linkKind, setAuthors, venueWith, type DateProblem, type StatedName, type SourceRead, type SourceRecord } from './record.ts';
import type { Venue } from '../../schemas/paper.ts';
import { own } from '../../lib/own.ts';

/** `TY  - JOUR`: two capitals (or a capital and a digit), two spaces, a hyphen, then the value. */
const TAGGED = /^([A-Z][A-Z0-9])  -(?: (.*))?$/;

/** A line of the header some publishers (Wiley, ACS) write above the first record: `Provider: …`, `Database: …`, `Content: …`. */
const isHeaderLine = (line: string) => /^[A-Z][A-Za-z ]{0,30}:(?:[ \t].*)?$/.test(line.trimEnd());

/** Whether a file is RIS: its first line that is neither blank nor such a header line is a record's start. */
export function isRis(text: string): boolean {
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf('\n', start) + 1 || text.length;
    const line = text.slice(start, end);
    if (line.trim() !== '' && !isHeaderLine(line)) return /^TY {2}- /.test(line);
    start = end;
  }
  return false;
}

/** Record types whose container is a journal, and those whose container is proceedings. */
const JOURNALS = new Set(['JOUR', 'JFULL', 'MGZN', 'EJOUR', 'NEWS']);
const PROCEEDINGS = new Set(['CONF', 'CPAPER']);
/** Record types named by who issued them or the book they are in: the kind of venue and the tags that may name it (the first given). */
const TYPED_VENUES: Record<string, { kind: Venue['kind']; from: string[] }> = {
  BOOK: { kind: 'book', from: ['PB'] },
  EBOOK: { kind: 'book', from: ['PB'] },
  EDBOOK: { kind: 'book', from: ['PB'] },
  CHAP: { kind: 'chapter', from: ['T2', 'BT'] },
  ECHAP: { kind: 'chapter', from: ['T2', 'BT'] },
  THES: { kind: 'thesis', from: ['PB'] },
  RPRT: { kind: 'report', from: ['PB'] },
};

type Fields = Map<string, string[]>;

/** A link to an attached file on the exporter's disk (`L1  - file:///…`, or a bare path). */
const ATTACHED_FILE = /^L[1-4]  - (?:file:|\/|[A-Za-z]:\\)/gm;

export function readRis(path: string, text: string): SourceRead {
  const diagnostics: Diagnostic[] = [];
  const records: SourceRecord[] = [];
  let open: { line: number; fields: Fields; last: string } | null = null;
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const content = raw.trimEnd();
    const tagged = TAGGED.exec(content);
    if (!tagged) {
      if (content.trim() === '' || (records.length === 0 && !open && isHeaderLine(content))) continue;
      if (open) {
        const values = open.fields.get(open.last)!;
        // Appended, never trimmed whole: trimming the growing value at each line made a long abstract quadratic.
        const before = values.at(-1)!;
        values[values.length - 1] = before ? `${before} ${content.trim()}` : content.trim();
      } else {
        diagnostics.push(error(path, line, 'this line is outside any RIS record (a record starts with "TY  - " and ends with "ER  - "); fix or remove it'));
      }
      continue;
    }
    const [, tag, value = ''] = tagged;
    if (tag === 'TY') {
      if (open) diagnostics.push(error(path, open.line, 'this record has no "ER  - " line before the next "TY  - "; end it with one'));
      open = { line, fields: new Map([['TY', [value.trim()]]]), last: 'TY' };
      continue;
    }
    if (!open) {
      diagnostics.push(error(path, line, `"${tag}" is outside any RIS record (a record starts with "TY  - "); fix or remove it`));
      continue;
    }
    if (tag === 'ER') {
      const at = open.line;
      const record = toRecord(open.fields, at, (message) => diagnostics.push(warning(path, at, `this record's ${message}`)));
      if (record.title) records.push(record);
      else diagnostics.push(error(path, open.line, 'this record has no title (TI or T1); add one or remove the record'));
      open = null;
      continue;
    }
    // AU and A1 are one list (exporters mix them), kept in the order the lines come.
    const field = tag === 'A1' ? 'AU' : tag!;
    if (!open.fields.has(field)) open.fields.set(field, []);
    open.fields.get(field)!.push(value.trim());
    open.last = field;
  }
  if (open) diagnostics.push(error(path, open.line, 'this record has no "ER  - " line (the file ends); end it with one'));
  const files = attachedFilesWarning(path, text, ATTACHED_FILE);
  if (files) diagnostics.push(files);
  return { records, diagnostics };
}

function toRecord(fields: Fields, line: number, dateProblem: DateProblem): SourceRecord {
  const first = (...tags: string[]) => tags.map((tag) => fields.get(tag)?.find((v) => v !== '')).find((v) => v !== undefined) ?? null;
  const all = (...tags: string[]) => tags.flatMap((tag) => fields.get(tag) ?? []).filter((v) => v !== '');
  const type = first('TY') ?? '';
  const record = emptyRecord(line, first('ID'), first('TI', 'T1', 'CT') ?? '');
  record.abstract = first('AB', 'N2');
  setAuthors(record, all('AU').map(risName));
  const urls = all('UR', 'L1', 'L2');
  // Zotero writes a conference paper's proceedings in C3 and the conference's name in T2.
  const container = PROCEEDINGS.has(type) ? first('C3', 'T2', 'JO', 'BT') : first('T2', 'JO', 'JF', 'JA', 'J2', 'BT');
  record.arxivId = arxivIdInVenue(container) ?? urls.map(arxivId).find(Boolean) ?? arxivId(first('DO'));
  record.doi = doi(first('DO'));
  const typed = own(TYPED_VENUES, type);
  // A whole book's or thesis's SP is its number of pages, not where it is found.
  const [start, end] = typed?.kind === 'book' || typed?.kind === 'thesis' ? [null, null] : [first('SP'), first('EP')];
  // Some exporters put the whole range in SP.
  const pages = start && end && end !== start && !/[-–—]/.test(start) ? `${start}-${end}` : (start ?? end);
  // A report's number is in SN (an ISBN or ISSN in other records).
  const details = { volume: first('VL'), issue: typed?.kind === 'report' ? first('SN', 'IS') : first('IS'), pages };
  const issuer = typed && first(...typed.from);
  // A thesis's or report's own kind ("PhD thesis") is in M3, "type of work".
  if (typed && issuer) record.venue = venueWith({ name: issuer, kind: typed.kind }, { ...details, genre: typed.kind === 'thesis' || typed.kind === 'report' ? first('M3') : null });
  else if (container && !isPreprintServer(container)) record.venue = venueWith({ name: container, kind: venueKind(type) }, details);
  // Zotero writes the year alone in PY (`2017///`) and the day in DA (`2017/06/12/`): the most precise of those that agree on the year.
  const dates = ['PY', 'Y1', 'DA'].map((tag) => risDate(first(tag), (message) => dateProblem(`${tag}: ${message}`))).filter((d): d is string => d !== null);
  record.published = dates.filter((d) => d.slice(0, 4) === dates[0]?.slice(0, 4)).reduce<string | null>((best, d) => (d.length > (best?.length ?? 0) ? d : best), null);
  for (const url of urls) {
    const kind = linkKind(url);
    if (kind && !record.links[kind]) record.links[kind] = url;
  }
  return record;
}

/**
 * RIS writes a person `Family, Given[, Suffix]`; the catalog, as its other readers do, `Given
 * Family[, Suffix]`, so one person has one author page whichever file names them. A name with
 * no comma (an organisation) is kept as written.
 */
function risName(raw: string): StatedName {
  const [family, given, ...suffix] = raw.split(',').map((part) => part.trim());
  // "Wiley, Inc." is a firm's name, not Inc. Wiley.
  if (isOrganisation(raw)) return { name: raw, family: raw };
  // No comma: a name written as it is read, its family part not stated.
  if (given === undefined) return { name: raw, family: null };
  const name = joinName(given, family);
  return { name: suffix.length > 0 ? `${name}, ${suffix.join(', ')}` : name, family: family || null };
}

function venueKind(type: string): Venue['kind'] {
  if (JOURNALS.has(type)) return 'journal';
  return PROCEEDINGS.has(type) ? 'proceedings' : 'other';
}

/** RIS dates: `2017`, `2017/12/04/`, `2017/12//`, `2017///note`, or ISO `2017-12-04`. */
function risDate(raw: string | null, problem: DateProblem): string | null {
  const m = /^(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2})?)?)?/.exec(raw?.trim() ?? '');
  return m ? dateFromParts(m[1], m[2], m[3], problem) : null;
}
