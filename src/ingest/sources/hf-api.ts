/**
 * Hugging Face Papers API responses (`.json`), saved as returned:
 * - `/api/daily_papers` and `/api/papers/search`: an array of entries, each wrapping a `paper`;
 * - `/api/papers/{arxiv_id}`: one flat paper object.
 * The `paper` object carries the arXiv id (`id`), `authors[].name`, `summary`, `publishedAt`
 * (the arXiv date), `upvotes`, and optionally `githubRepo`, `projectPage` and
 * `submittedOnDailyAt` (the day the daily page featured it).
 */
import { error, type Diagnostic } from '../diagnostics.ts';
import { arxivId } from '../ids.ts';
import { dayOf, emptyRecord, partialDate, type SourceRead, type SourceRecord } from './record.ts';
import { elementLines, isObject, namesOf, str, type JsonObject } from './json.ts';

/** A paper object as the API sends it: an id and a list of authors. */
export const isHfPaper = (value: unknown): value is JsonObject => isObject(value) && typeof value.id === 'string' && Array.isArray(value.authors);
/** An entry of a daily or search response: the paper inside a wrapper. */
export const isHfEntry = (value: unknown): boolean => isObject(value) && isHfPaper(value.paper);

/** Reads a daily/search array (`entries`) or a single paper response (`paper`). */
export function readHfApi(path: string, text: string, response: unknown[] | JsonObject): SourceRead {
  const diagnostics: Diagnostic[] = [];
  const records: SourceRecord[] = [];
  const starts = elementLines(text);
  const entries = Array.isArray(response) ? response : [{ paper: response }];
  entries.forEach((entry, index) => {
    if (!isHfEntry(entry)) {
      diagnostics.push(error(path, starts[index] ?? 0, `entry ${index + 1} is not a Hugging Face paper (no "paper" with "id" and "authors"); fix or remove it`));
      return;
    }
    const wrapper = entry as JsonObject;
    const paper = wrapper.paper as JsonObject;
    const id = paper.id as string;
    const title = (str(paper.title) ?? str(wrapper.title) ?? '').trim();
    const line = starts[index] ?? 1;
    if (!title) {
      diagnostics.push(error(path, line, `entry ${id} has no title`));
      return;
    }
    const record = emptyRecord(line, id, title);
    record.arxivId = arxivId(id);
    record.abstract = str(paper.summary) ?? str(wrapper.summary);
    record.authors = namesOf(paper.authors);
    record.published = partialDate(str(paper.publishedAt));
    record.listedOn = dayOf(str(paper.submittedOnDailyAt));
    record.upvotes = typeof paper.upvotes === 'number' && Number.isInteger(paper.upvotes) && paper.upvotes >= 0 ? paper.upvotes : null;
    record.links.code = str(paper.githubRepo);
    record.links.project = str(paper.projectPage);
    records.push(record);
  });
  return { records, diagnostics };
}
