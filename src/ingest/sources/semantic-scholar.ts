/**
 * Semantic Scholar Graph API responses (`.json`), saved as returned:
 * - `/graph/v1/paper/{id}`: one paper object;
 * - `/graph/v1/paper/batch`: an array of papers, `null` for an id it did not find;
 * - `/graph/v1/paper/search` and `/author/{id}/papers`: `{ total, offset, data: [papers] }`;
 * - `/paper/{id}/references` and `/citations`: the same, each paper wrapped as `citedPaper` or
 *   `citingPaper`, with `paperId: null` for a reference it could not resolve (still a title);
 * - `/recommendations/v1/papers`: `{ recommendedPapers: [papers] }`.
 * A paper carries `paperId` and whichever `fields` were asked for: `title`, `abstract`,
 * `authors[].name`, `externalIds` (`ArXiv`, `DOI`), `publicationDate` or `year`, `venue` or
 * `journal.name`, `openAccessPdf.url`. Its `tldr` is a machine's summary, not the abstract, and
 * is not taken for one.
 */
import { error, warning, type Diagnostic } from '../diagnostics.ts';
import { arxivId, doi, isPreprintServer } from '../../lib/ids.ts';
import { dateFromParts, emptyRecord, partialDate, stripRichText, venueWith, type SourceRead, type SourceRecord } from './record.ts';
import type { Venue } from '../../schemas/paper.ts';
import { elementLines, isObject, keyedElementLines, namesOf, str, type JsonObject } from './json.ts';

/** A paper object as the API sends it: it always has its `paperId`, null for a reference it could not resolve. */
export const isS2Paper = (value: unknown): value is JsonObject => isObject(value) && (typeof value.paperId === 'string' || value.paperId === null);

/** An item of a page: a paper, or one wrapped as references and citations wrap it. */
const paperIn = (item: unknown): unknown => (isObject(item) && ('citedPaper' in item || 'citingPaper' in item) ? (item.citedPaper ?? item.citingPaper) : item);

/** Where a page keeps its papers: `data`, or a recommendation's `recommendedPapers`. */
const PAGE_KEYS = ['data', 'recommendedPapers'] as const;
const papersOf = (value: JsonObject) => PAGE_KEYS.map((key) => [key, value[key]] as const).find(([, list]) => Array.isArray(list)) as [string, unknown[]] | undefined;

/** A page of papers (a search, an author's papers, references, citations, recommendations), even an empty one. */
export const isS2Page = (value: unknown): value is JsonObject => {
  if (!isObject(value)) return false;
  const list = papersOf(value)?.[1];
  return list !== undefined && (['total', 'offset', 'next', 'token'].some((key) => key in value) || list.some((item) => isS2Paper(paperIn(item))));
};

/** A batch's answer: papers, and `null` for each id it did not find (maybe all of them). */
export const isS2Batch = (value: unknown[]): boolean => value.some((item) => isS2Paper(item)) || (value.length > 0 && value.every((item) => item === null));

/** Reads a batch array, a search response or a single paper. */
export function readSemanticScholar(path: string, text: string, response: unknown[] | JsonObject): SourceRead {
  const diagnostics: Diagnostic[] = [];
  const records: SourceRecord[] = [];
  const page = Array.isArray(response) ? undefined : isS2Page(response) ? papersOf(response) : undefined;
  const papers = (Array.isArray(response) ? response : page ? page[1] : [response]).map(paperIn);
  const starts = page ? keyedElementLines(text, page[0]) : elementLines(text);
  papers.forEach((paper, index) => {
    const line = starts[index] ?? 1;
    if (paper === null) {
      // The batch endpoint's answer for an id it does not know: nothing to read, but not nothing to say.
      diagnostics.push(warning(path, line, `entry ${index + 1} is null: Semantic Scholar found no paper for that id`));
      return;
    }
    if (!isS2Paper(paper)) {
      diagnostics.push(error(path, line, `entry ${index + 1} is not a Semantic Scholar paper (no "paperId"); fix or remove it`));
      return;
    }
    const title = stripRichText(str(paper.title) ?? '').trim();
    if (!title) {
      // A reference Semantic Scholar could not resolve, and did not name either: nothing to read.
      if (paper.paperId === null) diagnostics.push(warning(path, line, `entry ${index + 1} is a reference Semantic Scholar could not resolve (paperId null) and has no title`));
      else diagnostics.push(error(path, line, `entry ${paper.paperId as string} has no title; ask for fields=title,… or remove it`));
      return;
    }
    records.push(toRecord(paper, line, title));
  });
  return { records, diagnostics };
}

function toRecord(paper: JsonObject, line: number, title: string): SourceRecord {
  const record = emptyRecord(line, str(paper.paperId), title);
  const ids = isObject(paper.externalIds) ? paper.externalIds : {};
  record.arxivId = arxivId(str(ids.ArXiv));
  record.doi = doi(str(ids.DOI));
  record.abstract = str(paper.abstract) === null ? null : stripRichText(paper.abstract as string);
  record.authors = namesOf(paper.authors);
  record.published = partialDate(str(paper.publicationDate)) ?? dateFromParts(paper.year);
  // A preprint's venue is "ArXiv" or "arXiv.org": where it was posted, not published.
  const published = (name: string | null) => (name && !isPreprintServer(name) ? name.trim() : null);
  const publication = isObject(paper.publicationVenue) ? paper.publicationVenue : {};
  const name = published(str(publication.name)) ?? published(str(paper.venue)) ?? published(isObject(paper.journal) ? str(paper.journal.name) : null);
  const journal = isObject(paper.journal) ? paper.journal : {};
  // The journal's volume and pages are the venue's only when the venue is that journal: for a preprint S2 names "ArXiv" with volume "abs/2010.11929".
  const details = published(str(journal.name)) === name ? { volume: journal.volume, pages: journal.pages } : {};
  if (name) record.venue = venueWith({ name, kind: venueKind(str(publication.type), paper.publicationTypes) }, details);
  const pdf = isObject(paper.openAccessPdf) ? str(paper.openAccessPdf.url) : null;
  // The API says it is the PDF, wherever it is hosted.
  if (pdf && /^https?:\/\//i.test(pdf)) record.links.pdf = pdf;
  return record;
}

/** A venue's kind, from the venue's `type` or else the paper's `publicationTypes`; "other" when neither says. */
function venueKind(type: string | null, publicationTypes: unknown): Venue['kind'] {
  const types = Array.isArray(publicationTypes) ? publicationTypes : [];
  if (type === 'conference' || (type === null && types.includes('Conference'))) return 'proceedings';
  if (type === 'journal' || (type === null && types.includes('JournalArticle'))) return 'journal';
  return 'other';
}
