/**
 * Crossref REST API responses (`.json`), saved as returned: `/works/{doi}`
 * (`{"message-type": "work", "message": {…}}`) and `/works?query=…` or `?filter=…`
 * (`{"message-type": "work-list", "message": {"items": […]}}`). A Crossref work is nearly a CSL
 * item (Crossref's citeproc JSON is where CSL-JSON came from): the same `author`, `issued`,
 * `DOI`, `volume`, `page`, `publisher`; but its `title` and `container-title` are lists, its
 * types have names of their own, and its abstract is JATS XML. Each work is made a CSL item
 * and read as one (`cslRecord`), so both formats cite a paper the same way.
 */
import { error, warning, type Diagnostic } from '../diagnostics.ts';
import { cslRecord } from './csl-json.ts';
import { elementLines, isObject, keyedElementLines, str, type JsonObject } from './json.ts';
import type { SourceRead, SourceRecord } from './record.ts';

/** A Crossref answer: a work, a page of works, or a failure, each saying which (`message-type`). */
export const isCrossrefResponse = (data: unknown): data is JsonObject => isObject(data) && typeof data['message-type'] === 'string' && 'message' in data && 'status' in data;

/** Crossref's work types as CSL names them (Crossref's `/types`; a type CSL reads as it is is left out). */
const CSL_TYPES: Record<string, string> = {
  'journal-article': 'article-journal',
  'proceedings-article': 'paper-conference',
  'book-chapter': 'chapter',
  'book-section': 'chapter',
  'book-part': 'chapter',
  monograph: 'book',
  'edited-book': 'book',
  'reference-book': 'book',
  dissertation: 'thesis',
  'posted-content': 'article',
};

export function readCrossref(path: string, text: string, response: JsonObject): SourceRead {
  const type = response['message-type'];
  const message = response.message;
  if (response.status !== 'ok' || !isObject(message) || (type !== 'work' && type !== 'work-list')) {
    const said = Array.isArray(message) ? message.map((m) => (isObject(m) ? str(m.message) : str(m))).find(Boolean) : str(message);
    return { records: [], diagnostics: [error(path, 1, `this Crossref response is ${type === 'work' || type === 'work-list' ? 'a failure' : `a ${String(type)}, not works`}${said ? `: "${said}"` : ''}; save a response of /works`)] };
  }
  const [works, starts] = type === 'work' ? [[message], [elementLines(text)[0] ?? 1]] : [Array.isArray(message.items) ? message.items : [], keyedElementLines(text, 'items', 2)];
  const diagnostics: Diagnostic[] = [];
  const records: SourceRecord[] = [];
  works.forEach((work, index) => {
    const line = starts[index] ?? 1;
    const doi = isObject(work) ? str(work.DOI) : null;
    if (!isObject(work) || !doi) {
      diagnostics.push(error(path, line, `entry ${index + 1} is not a Crossref work (it has no "DOI"); save a response of /works`));
      return;
    }
    const record = cslRecord(asCslItem(work, doi), line, (problem) => diagnostics.push(warning(path, line, `entry ${doi}: ${problem}`)));
    // Crossref registers works it knows no title of (a figure, a component), and its answer cannot be mended: left out, and said so.
    if (record.title) records.push(record);
    else diagnostics.push(warning(path, line, `entry ${doi} has no title in Crossref, so it is left out`));
  });
  return { records, diagnostics };
}

/** A Crossref work as the CSL item it nearly is. */
function asCslItem(work: JsonObject, doi: string): JsonObject {
  const first = (list: unknown) => (Array.isArray(list) ? (list.map(str).find(Boolean) ?? null) : str(list));
  const type = str(work.type) ?? 'article';
  // A thesis is issued by its university, which Crossref names as the institution.
  const institution = Array.isArray(work.institution) ? work.institution.filter(isObject).map((i) => str(i.name)).find(Boolean) : null;
  return {
    ...work,
    id: doi,
    type: CSL_TYPES[type] ?? type,
    title: first(work.title),
    'container-title': type === 'posted-content' ? null : first(work['container-title']),
    publisher: type === 'dissertation' ? (institution ?? str(work.publisher)) : str(work.publisher),
    author: Array.isArray(work.author) ? work.author.map((a) => (isObject(a) && str(a.name) && !str(a.family) ? { literal: a.name } : a)) : [],
    abstract: jatsText(str(work.abstract)),
  };
}

/** JATS's markup, which Crossref abstracts are written in: its title ("Abstract") goes, its tags go and their text stays. */
function jatsText(abstract: string | null): string | null {
  if (abstract === null) return null;
  const text = abstract.replace(/<jats:title>[^<]*<\/jats:title>/g, ' ').replace(/<\/?jats:[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return text || null;
}
