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
import { markupText, type SourceRead, type SourceRecord } from './record.ts';
import { arxivId } from '../../lib/ids.ts';
import { own } from '../../lib/own.ts';

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

/** Types that name no paper: a container (a journal, an issue, proceedings, a series), a review of a paper, a part of one, a grant or a dataset. */
const NOT_PAPERS = new Set(['journal', 'journal-issue', 'journal-volume', 'proceedings', 'proceedings-series', 'book-series', 'book-set', 'book-track', 'report-series', 'standard-series', 'peer-review', 'component', 'grant', 'dataset', 'database']);

/** Types whose container-title lists a series before the volume holding the work: "Lecture Notes in Computer Science", then the proceedings' own title. */
const IN_A_VOLUME = new Set(['book-chapter', 'book-section', 'book-part', 'proceedings-article']);

export function readCrossref(path: string, text: string, response: JsonObject): SourceRead {
  const type = response['message-type'];
  const message = response.message;
  if (response.status !== 'ok' || !isObject(message) || (type !== 'work' && type !== 'work-list')) {
    const said = Array.isArray(message) ? message.map((m) => (isObject(m) ? str(m.message) : str(m))).find(Boolean) : isObject(message) ? str(message.description) : str(message);
    const what = type === 'work' || type === 'work-list' ? `a failed ${type} response` : `a response of type "${String(type)}", not works`;
    return { records: [], diagnostics: [error(path, 1, `this Crossref answer is ${what}${said ? `: "${said}"` : ''}; save a response of /works`)] };
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
    const kind = str(work.type) ?? 'other';
    // A notice that updates another work (an erratum, a correction, a retraction) names that work's title, and is no paper of its own.
    const notice = Array.isArray(work['update-to']) && work['update-to'].length > 0;
    if (NOT_PAPERS.has(kind) || notice) {
      diagnostics.push(warning(path, line, `entry ${doi} is ${notice ? 'a notice that updates another work (an erratum, a correction)' : `a ${kind}`}, not a paper, so it is left out`));
      return;
    }
    const record = cslRecord(asCslItem(work, doi, kind), line, (problem) => diagnostics.push(warning(path, line, `entry ${doi}: ${problem}`)), false);
    record.arxivId ??= preprintOnArxiv(work.relation);
    // Crossref registers works it knows no title of, and its answer cannot be mended: left out, and said so.
    if (record.title) records.push(record);
    else diagnostics.push(warning(path, line, `entry ${doi} has no title in Crossref, so it is left out`));
  });
  return { records, diagnostics, entries: works.length };
}

/**
 * The arXiv id of the preprint a publisher says the work has (`relation.has-preprint`, by
 * arXiv's DOI or id), so that the published paper and its preprint are one paper.
 */
function preprintOnArxiv(relation: unknown): string | null {
  const preprints = isObject(relation) && Array.isArray(relation['has-preprint']) ? relation['has-preprint'].filter(isObject) : [];
  return preprints.map((p) => (p['id-type'] === 'doi' || p['id-type'] === 'arxiv' ? arxivId(str(p.id)) : null)).find(Boolean) ?? null;
}

/** A Crossref work as the CSL item it nearly is, its markup read as text (`markupText`). */
function asCslItem(work: JsonObject, doi: string, type: string): JsonObject {
  const texts = (list: unknown) => (Array.isArray(list) ? list : [list]).flatMap((item) => (typeof item === 'string' ? [markupText(item)] : [])).filter(Boolean);
  const [title = null] = texts(work.title);
  const [subtitle] = texts(work.subtitle);
  const containers = texts(work['container-title']);
  // A thesis is issued by its university, which Crossref names as the institution.
  const institution = Array.isArray(work.institution) ? work.institution.filter(isObject).map((i) => str(i.name)).find(Boolean) : null;
  const abstract = str(work.abstract);
  return {
    ...work,
    id: doi,
    type: own(CSL_TYPES, type) ?? type,
    title: title && subtitle && !title.toLowerCase().includes(subtitle.toLowerCase()) ? `${title}: ${subtitle}` : title,
    'container-title': type === 'posted-content' ? null : ((IN_A_VOLUME.has(type) ? containers.at(-1) : containers[0]) ?? null),
    publisher: type === 'dissertation' ? (institution ?? str(work.publisher)) : str(work.publisher),
    author: Array.isArray(work.author) ? work.author.map((a) => (isObject(a) && str(a.name) && !str(a.family) ? { literal: a.name } : a)) : [],
    abstract: abstract === null ? null : markupText(abstract) || null,
    // An online-only journal numbers its articles instead of paging them; citations put that number where pages go.
    page: str(work.page) ?? str(work['article-number']),
  };
}
