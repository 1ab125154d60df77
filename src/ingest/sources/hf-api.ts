/**
 * Hugging Face Papers API responses (`.json`), saved as returned:
 * - `/api/daily_papers` and `/api/papers/search`: an array of entries, each wrapping a `paper`;
 * - `/api/papers/{arxiv_id}`: one flat paper object;
 * - `/api/collections/{namespace}/{slug}`: a collection, whose `items` are papers, models,
 *   datasets, Spaces and other collections; a paper item has only its arXiv id (`id`), `title`,
 *   `publishedAt` and `upvotes`, so its abstract and authors come from another source or none.
 * The `paper` object carries the arXiv id (`id`), `authors[].name`, `summary`, `publishedAt`
 * (the arXiv date), `upvotes`, and optionally `githubRepo`, `projectPage` and
 * `submittedOnDailyAt` (the day the daily page featured it).
 */
import { error, warning, type Diagnostic } from '../diagnostics.ts';
import { arxivId } from '../../lib/ids.ts';
import { dayOf, emptyRecord, partialDate, type SourceRead, type SourceRecord } from './record.ts';
import { elementLines, isObject, keyedElementLines, namesOf, str, type JsonObject } from './json.ts';

/** A paper object as the API sends it: an id and a list of authors. */
export const isHfPaper = (value: unknown): value is JsonObject => isObject(value) && typeof value.id === 'string' && Array.isArray(value.authors);
/** An entry of a daily or search response: the paper inside a wrapper. */
export const isHfEntry = (value: unknown): boolean => isObject(value) && isHfPaper(value.paper);

/** A collection as `/api/collections/{slug}` sends it (the list of collections, `/api/collections?…`, is an array of these). */
export const isHfCollection = (value: unknown): value is JsonObject => isObject(value) && typeof value.slug === 'string' && Array.isArray(value.items);

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
    record.upvotes = upvotesOf(paper.upvotes);
    record.links.code = str(paper.githubRepo);
    record.links.project = str(paper.projectPage);
    records.push(record);
  });
  return { records, diagnostics };
}

/** The kinds of item a collection holds besides papers and collections: none of them is a paper. */
const NOT_PAPERS = new Set(['model', 'dataset', 'space']);

/**
 * Reads a collection's paper items. Models, datasets and Spaces are no papers and are passed
 * over; a collection inside it is a warning, since its papers are not in this file, and so is a
 * kind of item the Hub may add later, which is not known to be no paper.
 */
export function readHfCollection(path: string, text: string, collection: JsonObject): SourceRead {
  const diagnostics: Diagnostic[] = [];
  const records: SourceRecord[] = [];
  const starts = keyedElementLines(text, 'items');
  (collection.items as unknown[]).forEach((item, index) => {
    const line = starts[index] ?? 1;
    const type = isObject(item) ? str(item.type) : null;
    if (!isObject(item) || !type) {
      diagnostics.push(error(path, line, `item ${index + 1} is not a Hugging Face collection item (no "type"); fix or remove it`));
      return;
    }
    if (type === 'collection') {
      diagnostics.push(warning(path, line, `item ${index + 1} is another collection (${str(item.slug) ?? str(item.id) ?? 'no slug'}), whose papers are not in this file; save its own response (/api/collections/{slug}) beside this one`));
      return;
    }
    if (NOT_PAPERS.has(type)) return;
    if (type !== 'paper') {
      diagnostics.push(warning(path, line, `item ${index + 1} is a "${type}", a kind of item this reader does not know, and is left out`));
      return;
    }
    const id = str(item.id);
    const title = str(item.title)?.trim();
    if (!id || !title) {
      diagnostics.push(error(path, line, `item ${index + 1} is a paper without ${id ? 'a title' : 'its arXiv id ("id")'}; fix or remove it`));
      return;
    }
    const record = emptyRecord(line, id, title);
    record.arxivId = arxivId(id);
    record.published = partialDate(str(item.publishedAt));
    record.upvotes = upvotesOf(item.upvotes);
    records.push(record);
  });
  return { records, diagnostics };
}

const upvotesOf = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null);
