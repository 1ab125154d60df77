/**
 * One entry point for every source file: bytes → format (judged by content, never by the
 * file name alone) → records, with their text cleaned the same way whatever the format.
 * The fetch command uses it too, to refuse a response that does not read.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { decodeListing } from '../decode.ts';
import { error, warning, type Diagnostic } from '../diagnostics.ts';
import { arxivId } from '../../lib/ids.ts';
import { cleanLink } from '../links.ts';
import { markdownLine, referenceLine } from '../parse.ts';
import { isEtAl } from '../../lib/authors.ts';
import { cleanText, stripControls } from '../../lib/format.ts';
import { isArxivFeed, readArxivAtom } from './arxiv-atom.ts';
import { isArxivOai, readArxivOai } from './arxiv-oai.ts';
import { readBibtex } from './bibtex.ts';
import { isCrossrefResponse, readCrossref } from './crossref.ts';
import { isCslItem, isCslResponse, readCslJson } from './csl-json.ts';
import { isHfCollection, isHfEntry, isHfPaper, readHfApi, readHfCollection } from './hf-api.ts';
import { isObject, str } from './json.ts';
import { readListing } from './listing.ts';
import { isOpenAlexPage, looksLikeOpenAlexWork, readOpenAlex } from './openalex.ts';
import { isRis, readRis } from './ris.ts';
import { isS2Batch, isS2Page, isS2Paper, readSemanticScholar } from './semantic-scholar.ts';
import { isZoteroItem, readZoteroApi } from './zotero-api.ts';
import { lineAtOffset, venueWith, type SourceRead, type SourceRecord } from './record.ts';

export type SourceFormat = 'listing' | 'bibtex' | 'csl-json' | 'zotero-api' | 'ris' | 'hf-api' | 'semantic-scholar' | 'openalex' | 'crossref' | 'arxiv-atom' | 'arxiv-oai';

export interface SourceFile {
  /** File name in `content/sources/`. */
  file: string;
  /** Path shown in messages. */
  path: string;
  bytes: Uint8Array;
  /** Capture day from `sources.yaml`, for listing dates without a year. */
  captured?: string | undefined;
}

export interface ReadSource extends SourceRead {
  /** Null when the file could not be read as any format (an error says why). */
  format: SourceFormat | null;
}

/** An HTML page: after comments, a doctype or an `<html>`, `<head>` or `<body>` tag. */
const HTML_START = /^(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]/i;
/**
 * What makes a .txt starting like one an HTML page: a doctype, or a closing `</head>`,
 * `</body>` or `</html>` (a page cut short still has the first). A listing whose first
 * title is "<html> considered harmful" has neither.
 */
const HTML_PAGE = /<!doctype\s+html|<\/(?:html|head|body)\s*>/i;

/** A web page saved as one file (MHTML, a browser's "Webpage, Single File"): a MIME message of its parts. */
const isMhtml = (text: string): boolean => {
  const head = text.slice(0, 4096);
  return /^MIME-Version:/im.test(head) && /^Content-Type:\s*multipart\//im.test(head);
};

/**
 * A Hub collection's page saved as text: each item a title line and a card line such as
 * "Paper • 2312.00752 • Published Dec 1, 2023 • 146" ("Text Generation • Updated …" for a model).
 */
const COLLECTION_CARD = /^[ \t]*Paper[ \t]*•[ \t]*\S+[ \t]*•/m;

/** Column names a table of papers has in its header row, as spreadsheets and reference managers write them. */
const COLUMNS = new Set(['title', 'paper', 'name', 'author', 'authors', 'year', 'date', 'abstract', 'arxiv', 'doi', 'url', 'link', 'venue', 'journal', 'notes', 'tags']);

/** How many cells a line has between `separator`s, outside double quotes; most lines have no separator or no quote, and are counted at once. */
function cellCount(line: string, separator: string): number {
  if (!line.includes(separator)) return 1;
  return line.includes('"') ? cellsOf(line, separator).length : line.split(separator).length;
}

/** A line's cells between `separator`s, outside double quotes. */
function cellsOf(line: string, separator: string): string[] {
  const cells = [''];
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    if (char === separator && !quoted) cells.push('');
    else cells[cells.length - 1] += char;
  }
  return cells;
}

/**
 * 1-based line of a table saved as text — CSV, tab- or semicolon-separated, as spreadsheets and
 * reference managers export — or null when `text` is no table. A table either has a header row
 * of column names ("title", or two such as "Paper,Authors", each short and no question), or
 * rows that split alike: four in five lines with the same number of cells, two or more between
 * tabs, three or more between commas or semicolons, and one more on a file of two lines (a
 * single paper's title and abstract may both have a tab, or two commas). A listing's titles and
 * abstracts never split alike, and no title is a list of column names.
 */
export function tableLine(text: string): number | null {
  // A table's rows split alike from its start: the first lines tell (a listing's first 200 are a page of it).
  const rows = text.split('\n', 400).map((line, index) => ({ line, number: index + 1 })).filter(({ line }) => line.trim()).slice(0, 200);
  for (const separator of [',', '\t', ';']) {
    const header = cellsOf(rows[0]?.line.trim() ?? '', separator).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase());
    const named = header.filter((cell) => COLUMNS.has(cell)).length;
    // Column names are short and ask nothing: "Year, Venue, or Citations? Predicting Impact" is a title.
    if (header.length >= 2 && header.every((cell) => cell.length <= 25 && !/[?!]/.test(cell)) && (header.includes('title') || named >= 2)) return rows[0]!.number;
    const tab = separator === '\t';
    if (rows.length < 2) continue;
    const counts = rows.map(({ line }) => cellCount(line.trim(), separator));
    const tally = new Map<number, number>();
    for (const count of counts) tally.set(count, (tally.get(count) ?? 0) + 1);
    const [cells, rowsAlike] = [...tally].reduce((best, entry) => (entry[1] > best[1] ? entry : best));
    // Two lines alike are one paper's title and abstract as often as a table's rows, unless they have many cells.
    const fewest = (tab ? 2 : 3) + (rows.length < 3 ? 1 : 0);
    if (cells >= fewest && rowsAlike >= 0.8 * rows.length) return rows[counts.indexOf(cells)]!.number;
  }
  return null;
}

/**
 * How JSON starts and no title does: an object's first key and its colon, or a list's first
 * value (an object's key or its end, a list, a string and its comma, a literal), across line
 * breaks. Valid JSON is read whatever its start; this tells a JSON file cut short from a
 * listing. "[Re] Reproducing…" and "[1] Vaswani et al." are titles, so is a to-read list's
 * "[ ] Attention Is All You Need", and so is a lone "{" or "[" above an abstract that opens
 * with a quotation.
 */
const JSON_STRING = String.raw`"(?:[^"\\\r\n]|\\.)*"`;
const JSON_START = new RegExp(String.raw`^(?:\{\s*${JSON_STRING}\s*:|\[\s*(?:\{\s*["}]|\[|${JSON_STRING}\s*[,\]]|(?:null|true|false)\s*[,\]]))`);

/** Whether a text (a .txt) starts as JSON does, and so is JSON, cut short if it does not parse. */
export const startsLikeJson = (text: string): boolean => JSON_START.test(text.trimStart());

/**
 * A line of a .bib that starts an entry. Only spaces and tabs before the `@`: `\s*` would run on
 * over every blank line below each line start, quadratic in a file of blank lines.
 */
const BIBTEX_ENTRY_LINE = /^[ \t]*@[a-z]+\s*[{(]/im;

/** BibTeX: after `%` comments and blank lines, an `@type{` or `@type(`. */
const BIBTEX_START = /^(?:\s*%[^\n]*\n)*\s*@[a-z]+\s*[{(]/i;

export function readSource(source: SourceFile): ReadSource {
  const { file, path } = source;
  const decoded = decodeListing(path, source.bytes);
  if (!decoded.ok) return { format: null, records: [], diagnostics: [decoded.diagnostic] };
  const text = decoded.text;
  const head = text.trimStart();

  const listing = /\.txt$/i.test(file);
  let format: SourceFormat;
  let read: SourceRead;
  let trial: SourceRead | undefined;
  let table: number | null;
  // Of any kind but a listing, which says so in words of its own: with nothing to tell its format by, it is no "unknown format".
  if (head === '' && !listing) return failed(path, 0, 'this file is empty (a download or save cut short?); save it again, or remove it to remove its papers');
  if (isMhtml(text)) {
    return failed(path, 1, 'this is a web page saved as one file (MHTML, "Webpage, Single File"), not a source; save a listing as text (select the page, copy, paste into a .txt) or the API response as returned');
  }
  if (HTML_START.test(head) && (!listing || HTML_PAGE.test(text))) {
    // An error page, a sign-in page or a "Save page as" of a site: never read as a listing.
    return failed(path, 1, 'this is an HTML page (an error or sign-in page saved by mistake?), not a source; save the listing as text or the API response as returned');
  }
  if (isArxivFeed(text)) {
    format = 'arxiv-atom';
    read = readArxivAtom(path, text);
  } else if (isArxivOai(text)) {
    format = 'arxiv-oai';
    read = readArxivOai(path, text);
  } else if (head.startsWith('<') && (!listing || head.startsWith('<?xml') || isXmlDocument(text))) {
    return failed(path, 1, 'this XML is neither an arXiv API (Atom) response nor an arXiv OAI-PMH response, the only XML the catalog reads');
  } else if ((head.startsWith('[') || head.startsWith('{')) && (!listing || startsLikeJson(head) || isJson(text))) {
    // A listing may start with a title such as "[Re] Reproducing…": only real JSON in a .txt is
    // JSON, or what no title starts like (a JSON file cut short, JSON Lines), which is an error.
    const json = readJson(path, text);
    if (!json.ok) return { format: null, records: [], diagnostics: [json.diagnostic] };
    ({ format, read } = json);
  } else if ((BIBTEX_START.test(text) && (!listing || readsCleanly((trial = readBibtex(path, text))))) || (/\.bib$/i.test(file) && BIBTEX_ENTRY_LINE.test(text))) {
    // A listing may start with a title such as "@article{x, …": only BibTeX that reads in a .txt
    // is BibTeX, and that trial reading is the reading.
    format = 'bibtex';
    read = trial ?? readBibtex(path, text);
  } else if (isRis(head)) {
    // No title starts "TY  - ": a file that does is RIS, whatever it is called.
    format = 'ris';
    read = readRis(path, text);
  } else if (listing && (table = tableLine(text)) !== null) {
    return failed(path, table, 'this reads as a table (CSV or tab-separated rows), not a listing, and the catalog does not guess at columns; export the papers as BibTeX (.bib) or CSL-JSON (.json) instead');
  } else if (listing) {
    const markdown = markdownLine(text);
    if (markdown !== null) {
      return failed(path, markdown, 'this reads as a Markdown note (a heading, a list item or a code fence), not a listing; keep notes out of the sources folder, or in a paper\'s .mdx file');
    }
    const card = COLLECTION_CARD.exec(text);
    if (card) {
      return failed(path, lineAtOffset(text, card.index), 'this reads as a Hugging Face collection page saved as text ("Paper • 2312.00752 • …" cards): it shows no abstracts, and its models and datasets are no papers; fetch the collection instead (npm run fetch -- hf:collection:<namespace>/<slug>)');
    }
    const reference = referenceLine(text);
    if (reference !== null) {
      return failed(path, reference, 'this reads as a list of references ("[1] A. Author, Title, …"), not a listing, and the catalog does not guess at citation styles; export the papers as BibTeX (.bib) or RIS instead');
    }
    format = 'listing';
    read = readListing(path, text, source.captured);
  } else {
    return failed(path, 0, 'unknown format: a source is a listing (.txt), BibTeX (.bib), RIS (.ris), CSL-JSON or a Zotero, Hugging Face, Semantic Scholar, OpenAlex or Crossref API response (.json), or an arXiv API or OAI-PMH response (.xml/.atom)');
  }
  const records: SourceRecord[] = [];
  for (const record of read.records.map(clean)) {
    if (record.venue && record.published && !PREPRINT_DATED.has(format)) record.venue = { ...record.venue, date: record.published };
    if (record.title) records.push(record);
    else read.diagnostics.push(error(path, record.line, `${record.key ? `entry ${record.key}` : 'this paper'} has no title once invisible characters are removed`));
  }
  return { ...read, format, records };
}

/**
 * Formats whose date may be the preprint's, whatever venue the record names: arXiv dates a paper
 * by its first version, and its `journal_ref` is where it appeared later; Hugging Face gives
 * arXiv's date; Semantic Scholar's `publicationDate` is often the preprint's too (an ICLR 2021
 * paper dated October 2020); OpenAlex's is the earliest of any version's. In every other format
 * the record's date is that of the publication it names.
 */
const PREPRINT_DATED: ReadonlySet<SourceFormat> = new Set(['arxiv-atom', 'arxiv-oai', 'hf-api', 'semantic-scholar', 'openalex']);

/**
 * A whole XML document: one root element and no text outside it. The validator alone is not
 * enough: it accepts `<Tag />` followed by plain lines, which is a listing whose first title
 * is `<Tag />`.
 */
function isXmlDocument(text: string): boolean {
  if (XMLValidator.validate(text) !== true || !text.trimEnd().endsWith('>')) return false;
  let top: Record<string, unknown>[];
  try {
    top = new XMLParser({ preserveOrder: true, commentPropName: '#comment' }).parse(text) as Record<string, unknown>[];
  } catch {
    // Well-formed, by the validator, but nested deeper than the parser goes: XML still, and no listing.
    return true;
  }
  const elements = top.filter((node) => !('#comment' in node) && !Object.keys(node).some((k) => k.startsWith('?')));
  return elements.length === 1 && !elements.some((node) => '#text' in node);
}

function readsCleanly(read: SourceRead): boolean {
  return read.records.length > 0 && !read.diagnostics.some((d) => d.severity === 'error');
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function failed(path: string, line: number, message: string): ReadSource {
  return { format: null, records: [], diagnostics: [error(path, line, message)] };
}

type JsonRead = { ok: true; format: SourceFormat; read: SourceRead } | { ok: false; diagnostic: Diagnostic };

/**
 * CSL-JSON and the Zotero, Hugging Face, Semantic Scholar, OpenAlex and Crossref APIs are all
 * JSON; their shapes tell them apart. An OpenAlex work has an `id` and a `type` as a CSL item
 * does, so it is asked about first, by fields a CSL item does not have.
 */
function readJson(path: string, text: string): JsonRead {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    // V8 quotes the text around the error, line breaks and all: the line number says where.
    const message = (e as Error).message.replace(/\s*\(line \d+ column \d+\)$/, '').replace(/, (?:\.\.\.)?"[\s\S]*"(?:\.\.\.)? is not valid JSON$/, '');
    const at = syntaxErrorOffset(text, message);
    const line = at === null ? 0 : lineAtOffset(text, at);
    // JSON Lines (an object a line) is no JSON document: the first object ends where the second starts.
    const hint = /after JSON/.test(message) ? 'one JSON document was expected, not one object a line (JSON Lines)' : 'a truncated download?';
    return { ok: false, diagnostic: error(path, line, `this is not valid JSON (${message}); ${hint}`) };
  }
  if (Array.isArray(data)) {
    // A batch response holds null for an id not found, maybe first.
    const first = data.find((item) => item !== null);
    if (data.length === 0) return { ok: true, format: 'hf-api', read: { records: [], diagnostics: [] } };
    if (isHfEntry(first)) return { ok: true, format: 'hf-api', read: readHfApi(path, text, data) };
    if (isHfCollection(first)) {
      // `/api/collections?owner=…` cuts each collection to its first four items: read, it would drop the rest in silence.
      return { ok: false, diagnostic: error(path, 1, 'this is a list of Hugging Face collections, which shows only the first items of each; save each collection\'s own response (/api/collections/{namespace}/{slug}) instead') };
    }
    if (isS2Batch(data)) return { ok: true, format: 'semantic-scholar', read: readSemanticScholar(path, text, data) };
    if (looksLikeOpenAlexWork(first)) return { ok: true, format: 'openalex', read: readOpenAlex(path, text, data) };
    if (isCslItem(first)) return { ok: true, format: 'csl-json', read: readCslJson(path, text, data) };
    if (isZoteroItem(first)) return { ok: true, format: 'zotero-api', read: readZoteroApi(path, text, data) };
  } else if (isObject(data)) {
    // Hugging Face says `error`; Semantic Scholar says `error` or `message` ("Too Many Requests").
    const problem = str(data.error) ?? (Object.keys(data).length <= 2 ? str(data.message) : null);
    if (problem) return { ok: false, diagnostic: error(path, 1, `this is an error response, not papers: "${problem}"`) };
    if (isHfPaper(data)) return { ok: true, format: 'hf-api', read: readHfApi(path, text, data) };
    if (isHfCollection(data)) return { ok: true, format: 'hf-api', read: readHfCollection(path, text, data) };
    if (isS2Paper(data) || isS2Page(data)) return { ok: true, format: 'semantic-scholar', read: readSemanticScholar(path, text, data) };
    if (looksLikeOpenAlexWork(data) || isOpenAlexPage(data)) return { ok: true, format: 'openalex', read: readOpenAlex(path, text, data) };
    if (isCrossrefResponse(data)) return { ok: true, format: 'crossref', read: readCrossref(path, text, data) };
    if (isCslItem(data)) return { ok: true, format: 'csl-json', read: readCslJson(path, text, [data]) };
    if (isCslResponse(data)) return { ok: true, format: 'csl-json', read: readCslJson(path, text, data) };
    if (isZoteroItem(data)) return { ok: true, format: 'zotero-api', read: readZoteroApi(path, text, data) };
  }
  return { ok: false, diagnostic: error(path, 1, 'unknown JSON: neither CSL-JSON (items with "id" and "type", in a list or Zotero\'s {"items": […]}), a Zotero Web API response (items with "key" and "data"), a Hugging Face API response (papers with "id" and "authors", or a collection with "slug" and "items"), a Semantic Scholar API response (papers with "paperId"), an OpenAlex API response (works with an "id" at openalex.org, alone or as a page\'s "results") nor a Crossref API response (a "message" of "message-type" work or work-list)') };
}

/**
 * Where JSON.parse stopped: its message says for some errors ("at position 240") and not for
 * others ("Unexpected token ']'" of a trailing comma), which jsonc-parser's scanner places.
 */
function syntaxErrorOffset(text: string, message: string): number | null {
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return Number(position);
  const errors: ParseError[] = [];
  try {
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    // It parses by recursion: a file of a million "[" runs out of stack, and has no one place to name.
    return null;
  }
  return errors[0]?.offset ?? null;
}

const ARXIV_DOI = /^10\.48550\/arxiv\./i;

/**
 * Archives whose papers are always filed under a subject class ("cs.LG", never "cs"): Zotero
 * writes the archive alone, `primaryclass = {cs}`, which no arXiv category is, and a citation
 * would print it so.
 */
const ARCHIVE_ALONE = /^(?:cs|math|stat|eess|econ|q-bio|q-fin|physics)$/i;

/** A source's arXiv category, cleaned, or null for none or an archive without its subject class. */
function arxivCategory(raw: string | null): string | null {
  const category = raw === null ? '' : cleanText(raw);
  return category && !ARCHIVE_ALONE.test(category) ? category : null;
}

/**
 * Every format's text through the same cleaning: invisible controls removed (from entry keys
 * and DOIs too, which JSON sources give as free text), titles and names on one line,
 * abstracts trimmed, links http(s) only, arXiv's DOIs as arXiv ids.
 */
function clean(record: SourceRecord): SourceRecord {
  const abstract = record.abstract === null ? null : stripControls(record.abstract).trim() || null;
  const authors = record.authors.map(cleanText).filter(Boolean);
  const link = (url: string | null) => (url === null ? null : cleanLink(cleanText(url)));
  const doi = record.doi === null ? null : stripControls(record.doi);
  // arXiv's own DOI (10.48550/arXiv.<id>) is the arXiv id written as a DOI: kept as a DOI, it
  // would contradict the publisher's DOI of the same paper in another source, and keep them apart.
  const arxivDoi = doi !== null && ARXIV_DOI.test(doi) ? arxivId(doi) : null;
  return {
    ...record,
    key: record.key === null ? null : stripControls(record.key),
    doi: arxivDoi ? null : doi,
    arxivId: record.arxivId ?? arxivDoi,
    title: cleanText(record.title),
    abstract,
    // A hand-made list's last "author" may be its "et al." (RIS `AU  - et al.`, arXivRaw's "…, et al"): the names are not all.
    authors: authors.filter((name) => !isEtAl(name)),
    familyNames: new Map([...record.familyNames].map(([name, family]) => [cleanText(name), cleanText(family)])),
    moreAuthors: record.moreAuthors || authors.some(isEtAl),
    org: record.org === null ? null : cleanText(record.org) || null,
    arxivCategory: arxivCategory(record.arxivCategory),
    venue: record.venue && cleanText(record.venue.name) ? venueWith({ ...record.venue, name: cleanText(record.venue.name) }, { genre: cleanText(record.venue.genre ?? ''), volume: cleanText(record.venue.volume ?? ''), issue: cleanText(record.venue.issue ?? ''), pages: cleanText(record.venue.pages ?? '') }) : null,
    links: { code: link(record.links.code), project: link(record.links.project), pdf: link(record.links.pdf), page: link(record.links.page) },
  };
}
