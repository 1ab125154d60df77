/**
 * Semantic Scholar Graph API responses (`.json`), saved as returned:
 * - `/graph/v1/paper/{id}`: one paper object;
 * - `/graph/v1/paper/batch`: an array of papers, `null` for an id it did not find;
 * - `/graph/v1/paper/search` and `/author/{id}/papers`: `{ total, offset, data: [papers] }`;
 * - `/paper/{id}/references` and `/citations`: the same, each paper wrapped as `citedPaper` or `citingPaper`.
 * A paper carries `paperId` and whichever `fields` were asked for: `title`, `abstract`,
 * `authors[].name`, `externalIds` (`ArXiv`, `DOI`), `publicationDate` or `year`, `venue` or
 * `journal.name`, `openAccessPdf.url`. Its `tldr` is a machine's summary, not the abstract, and
 * is not taken for one.
 */
import { error, warning, type Diagnostic } from '../diagnostics.ts';
import { arxivId, doi } from '../ids.ts';
import { dateFromParts, emptyRecord, partialDate, type SourceRead, type SourceRecord } from './record.ts';
import { elementLines, isObject, str, type JsonObject } from './json.ts';

/** A paper object as the API sends it: it always has its `paperId`. */
export const isS2Paper = (value: unknown): value is JsonObject => isObject(value) && typeof value.paperId === 'string';

/** An item of a page: a paper, or one wrapped as references and citations wrap it. */
const paperIn = (item: unknown): unknown => (isObject(item) && typeof item.paperId !== 'string' ? (item.citedPaper ?? item.citingPaper ?? item) : item);

/** A page of papers (a search, an author's papers, references, citations): its papers under `data`. */
export const isS2Page = (value: unknown): value is JsonObject =>
  isObject(value) && Array.isArray(value.data) && (typeof value.total === 'number' || value.data.some((item) => isS2Paper(paperIn(item))));

/** Reads a batch array, a search response or a single paper. */
export function readSemanticScholar(path: string, text: string, response: unknown[] | JsonObject): SourceRead {
  const diagnostics: Diagnostic[] = [];
  const records: SourceRecord[] = [];
  const page = !Array.isArray(response) && isS2Page(response);
  const papers = (Array.isArray(response) ? response : page ? (response.data as unknown[]) : [response]).map(paperIn);
  // A page's papers are in its `data` array (the first key so named: a quote in a string is escaped).
  const dataArray = page ? /(?<!\\)"data"\s*:\s*\[/.exec(text) : null;
  const starts = dataArray ? elementLines(text, dataArray.index + dataArray[0].length - 1) : elementLines(text);
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
    const title = str(paper.title)?.trim();
    if (!title) {
      diagnostics.push(error(path, line, `entry ${paper.paperId as string} has no title; ask for fields=title,… or remove it`));
      return;
    }
    records.push(toRecord(paper, line, title));
  });
  return { records, diagnostics };
}

function toRecord(paper: JsonObject, line: number, title: string): SourceRecord {
  const record = emptyRecord(line, paper.paperId as string, title);
  const ids = isObject(paper.externalIds) ? paper.externalIds : {};
  record.arxivId = arxivId(str(ids.ArXiv));
  record.doi = doi(str(ids.DOI));
  record.abstract = str(paper.abstract);
  record.authors = (Array.isArray(paper.authors) ? paper.authors : []).map((a) => (isObject(a) ? str(a.name)?.trim() : null)).filter((n): n is string => Boolean(n));
  record.published = partialDate(str(paper.publicationDate)) ?? dateFromParts(paper.year);
  const journal = isObject(paper.journal) ? str(paper.journal.name) : null;
  const venue = str(paper.venue);
  // A preprint's venue is "ArXiv": where it was posted, not published.
  if (journal && !/^arxiv\b/i.test(journal)) record.venue = { name: journal.trim(), kind: 'journal' };
  else if (venue && !/^arxiv\b/i.test(venue)) record.venue = { name: venue.trim(), kind: 'other' };
  const pdf = isObject(paper.openAccessPdf) ? str(paper.openAccessPdf.url) : null;
  // The API says it is the PDF, wherever it is hosted.
  if (pdf && /^https?:\/\//i.test(pdf)) record.links.pdf = pdf;
  return record;
}
