/**
 * What every source format reads into: one record per paper it names, with only what the
 * source says (null or empty when it says nothing). Merging, ids and pages work on these,
 * never on a format's own shape.
 */
import { isValidDay } from '../../lib/calendar.ts';
import { warning, type Diagnostic } from '../diagnostics.ts';
import type { Venue } from '../../schemas/paper.ts';

export interface SourceRecord {
  /** 1-based line where the paper starts in its file (its title line, `@type{key`, `<entry>`, its JSON object). */
  line: number;
  /** The entry's own name in messages (BibTeX key, CSL `id`, arXiv id), when the format has one. */
  key: string | null;
  title: string;
  /** Null when the source has none (common in `.bib` files). */
  abstract: string | null;
  /** Author names in order, as the source writes them. */
  authors: string[];
  /**
   * The family part of names whose source states it (a BibTeX `Last, First`, CSL's `family`, a
   * Zotero creator's `lastName`), by name: "Garcia Satorras" of "Victor Garcia Satorras". A name
   * stated whole (a CSL `literal`, a braced BibTeX name) is its own family part.
   */
  familyNames: Map<string, string>;
  /** A count without names (listing pages show "5 authors"). */
  authorsCount: number | null;
  /** The names are not all of the authors: the source ended its list with "and others". */
  moreAuthors: boolean;
  /** Submitting organisation, shown by listing pages instead of authors. */
  org: string | null;
  arxivId: string | null;
  /** arXiv primary category, e.g. `cs.LG`. */
  arxivCategory: string | null;
  doi: string | null;
  venue: Venue | null;
  /** First publication: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  published: string | null;
  /** Day a listing (a Hugging Face daily page) showed the paper. */
  listedOn: string | null;
  upvotes: number | null;
  /** `page`: the paper's own web page a source named (at its publisher, venue or lab), when that is neither code, a PDF, arXiv nor a DOI. */
  links: { code: string | null; project: string | null; pdf: string | null; page: string | null };
  /** When the source last revised this record (an arXiv version's date, an OAI datestamp), `YYYY-MM-DD`: of two records that say as much, the later one's text wins. */
  revised: string | null;
}

/** The result of reading one source file: its records and what was wrong with it. */
export interface SourceRead {
  records: SourceRecord[];
  diagnostics: Diagnostic[];
  /**
   * How many items the file lists, papers or not, where some are no papers (a Zotero library's
   * standalone attachments, the works OpenAlex or Crossref leave out): a fetched page is full by
   * this count, not by its papers.
   */
  entries?: number;
  /** How many results the query has in all, where the answer says (arXiv's `opensearch:totalResults`). */
  total?: number;
}

/**
 * CSL's rich-text markup (the CSL specification, "Rich Text Markup Within Fields"): `<i>`,
 * `<b>`, `<sup>`, `<sub>`, `<span style="font-variant:small-caps;">` and
 * `<span class="nocase">`, which CSL JSON and Crossref's BibTeX carry in titles. Every field is
 * rendered as text, so the tags go and their text stays. A span of any other style or class
 * goes too: a span only styles its text, and every `</span>` goes, so keeping its opening tag
 * would leave it unclosed.
 */
const RICH_TEXT = /<\/?(?:i|b|sup|sub)>|<span\b[^>]*>|<\/span>/g;
export const stripRichText = (value: string): string => value.replace(RICH_TEXT, '');

/** The named character references registries write (XML's five, and HTML's space). */
const NAMED_REFERENCES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** A character reference's character: named (`&amp;`), decimal (`&#8220;`) or hexadecimal (`&#x201C;`); one it does not know is kept as written. */
function referenced(reference: string, name: string): string {
  const code = /^#x/i.test(name) ? Number.parseInt(name.slice(2), 16) : name.startsWith('#') ? Number(name.slice(1)) : Number.NaN;
  if (Number.isInteger(code)) return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : reference;
  return Object.hasOwn(NAMED_REFERENCES, name) ? NAMED_REFERENCES[name]! : reference;
}

/**
 * The elements that registries' titles and abstracts are marked up with, besides those of a
 * namespace (`jats:`, `mml:`): HTML's inline and block elements and JATS's without a prefix.
 * Anything else between `<` and `>` is text: OpenAlex sends plain text, where "n<d or n>d" is
 * a comparison, not a `<d>` tag to drop.
 */
const MARKUP_ELEMENTS = new Set(
  'a abbr b big blockquote br cite code dd del dfn div dl dt em font h1 h2 h3 h4 h5 h6 hr i img ins kbd li ol p pre q s samp small span strike strong sub sup tt u ul var wbr sc scp math italic bold underline overline monospace roman sans-serif sec title list list-item inline-formula disp-formula tex-math ext-link xref named-content styled-content break label caption fn email uri'.split(' '),
);
/** Elements that stand between paragraphs or lines, so between words. */
const BETWEEN_PARAGRAPHS = new Set(['p', 'sec', 'list', 'list-item', 'break', 'br', 'div', 'disp-formula']);
/** A start, end or empty tag: its name, then attributes that each have a value, as markup writes them. */
const TAG = /<\/?([a-z][\w.:-]*)(?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))*\s*\/?>/gi;

/**
 * The text of a title or abstract as registries (Crossref, OpenAlex) send them: JATS
 * (`<jats:p>`, `<jats:italic>`, `<jats:sub>`), HTML (`<p>`, `<scp>`, `<em>`) and MathML in
 * it. A heading ("Abstract") and math go (MathML and TeX read as text are noise; a formula is
 * lost); a tag between paragraphs leaves a space, any other tag of markup nothing
 * ("H<sub>2</sub>O" is "H2O"); then character references are decoded. Every field is rendered
 * as text, so what the references spell out ("&lt;b&gt;") is shown as written, never run.
 */
export function markupText(value: string): string {
  return value
    .replace(/<(jats:)?title\b[^>]*>[\s\S]*?<\/(?:jats:)?title>/gi, ' ')
    .replace(/<(mml:math|jats:tex-math)\b[\s\S]*?<\/\1>/gi, '')
    .replace(TAG, (tag, name: string) => {
      const element = name.toLowerCase().replace(/^jats:/, '');
      if (BETWEEN_PARAGRAPHS.has(element)) return ' ';
      return element.includes(':') || MARKUP_ELEMENTS.has(element) ? '' : tag;
    })
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (reference, name: string) => referenced(reference, name.toLowerCase()))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A venue with its genre, volume, issue and pages, those given here (numbers or text; blanks
 * left out, and any the venue had before). A page range gets a hyphen, whatever dash the source
 * wrote ("1735--1780", "1735–1780"), and its last page whole where the source shortened it
 * ("1735-80"): every citation format and the paper's page then give the same range.
 */
export function venueWith(venue: Venue, details: { genre?: unknown; volume?: unknown; issue?: unknown; pages?: unknown }): Venue {
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '');
  const [genre, volume, issue] = [text(details.genre), text(details.volume), text(details.issue)];
  const pages = wholeRange(text(details.pages).replace(/\s*(?:--?|[‐‑‒–—−])\s*/gu, '-'));
  const { name, kind, date } = venue;
  return { name, kind, ...(genre ? { genre } : {}), ...(date ? { date } : {}), ...(volume ? { volume } : {}), ...(issue ? { issue } : {}), ...(pages ? { pages } : {}) };
}

/** "1735-80" → "1735-1780"; any other range or page as it is. */
function wholeRange(pages: string): string {
  const [, first, last] = /^(\d+)-(\d+)$/.exec(pages) ?? [];
  return first && last && last.length < first.length ? `${first}-${first.slice(0, first.length - last.length)}${last}` : pages;
}

/** A person's name as a source writes it, with the family part when the source states it. */
export interface StatedName {
  name: string;
  family: string | null;
}

/** Gives `record` the names of `people`, in order, with the family parts their source states. */
export function setAuthors(record: SourceRecord, people: readonly (StatedName | null)[]): void {
  const named = people.filter((p): p is StatedName => p !== null && p.name !== '');
  record.authors = named.map((p) => p.name);
  record.familyNames = new Map(named.flatMap((p) => (p.family ? [[p.name, p.family] as const] : [])));
}

/** A record with nothing known but the title; each format fills in what it has. */
export function emptyRecord(line: number, key: string | null, title: string): SourceRecord {
  return {
    line,
    key,
    title,
    abstract: null,
    authors: [],
    familyNames: new Map(),
    authorsCount: null,
    moreAuthors: false,
    org: null,
    arxivId: null,
    arxivCategory: null,
    doi: null,
    venue: null,
    published: null,
    listedOn: null,
    upvotes: null,
    links: { code: null, project: null, pdf: null, page: null },
    revised: null,
  };
}

/**
 * `lineAtOffset` for many offsets of one text: where each line starts is found once, and an
 * offset's line by binary search, so a file of many entries is not read again for each.
 */
export function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    // The last line starting at or before `offset` (a newline belongs to the line it ends).
    let [lo, hi] = [0, starts.length - 1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** 1-based line of character `offset` in `text`. */
export function lineAtOffset(text: string, offset: number): number {
  return lineLocator(text)(offset);
}

/**
 * Told when a date a source writes is not read whole (a 13th month, a 31st of June, "Jun."):
 * what was written, what is missing, and what the paper is dated by instead. A reader of a
 * format people edit by hand turns it into a warning at the paper's line.
 */
export type DateProblem = (message: string) => void;

/**
 * `YYYY`, `YYYY-MM` or `YYYY-MM-DD` from the start of a date or timestamp, or null when it is
 * not one. A month or day that does not exist is left out, never kept: the rest still dates the paper.
 */
export function partialDate(raw: string | null | undefined, problem?: DateProblem): string | null {
  const m = /^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(raw ?? '');
  if (!m) {
    if (raw?.trim()) problem?.(`"${raw.trim()}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
    return null;
  }
  const [, y, mo, d] = m;
  // EDTF's seasons (BibLaTeX, Better BibTeX): 21 spring to 24 winter, a year's part with no month.
  if (mo && Number(mo) >= 21 && Number(mo) <= 24) return y!;
  if (mo && (Number(mo) < 1 || Number(mo) > 12)) return cut(problem, raw!, `there is no month ${Number(mo)}`, y!);
  if (d && !isValidDay(Number(y), Number(mo), Number(d))) return cut(problem, raw!, `month ${Number(mo)} has no day ${Number(d)}`, `${y}-${mo}`);
  return [y, mo, d].filter(Boolean).join('-');
}

/** A whole day (`YYYY-MM-DD`) from an ISO date or date-time, or null when `raw` gives less. */
export function dayOf(raw: string | null | undefined): string | null {
  const date = partialDate(raw);
  return date?.length === 10 ? date : null;
}

/** Date parts as numbers or strings (CSL, BibTeX year/month) → a partial ISO date. */
export function dateFromParts(year: unknown, month?: unknown, day?: unknown, problem?: DateProblem): string | null {
  const written = [year, month, day].filter((part) => !isBlank(part)).join('-');
  const y = Number(year);
  if (!Number.isInteger(y) || y < 1000 || y > 9999) {
    if (written) problem?.(`"${written}" has no year of four digits, so it does not date the paper`);
    return null;
  }
  const m = Number(month);
  if (!Number.isInteger(m) || m < 1 || m > 12) {
    return isBlank(month) ? String(y) : cut(problem, written, Number.isInteger(m) ? `there is no month ${m}` : `"${String(month).trim()}" is not a month`, String(y));
  }
  const d = Number(day);
  const mm = String(m).padStart(2, '0');
  if (!Number.isInteger(d) || !isValidDay(y, m, d)) {
    return isBlank(day) ? `${y}-${mm}` : cut(problem, written, `month ${m} has no day ${String(day).trim()}`, `${y}-${mm}`);
  }
  return `${y}-${mm}-${String(d).padStart(2, '0')}`;
}

const isBlank = (part: unknown) => part === undefined || part === null || String(part).trim() === '';

/** What a date cut short keeps, after saying so. */
function cut(problem: DateProblem | undefined, written: string, why: string, kept: string): string {
  problem?.(`the date "${written.trim()}" is not read whole (${why}); the paper is dated ${kept}`);
  return kept;
}

/**
 * Which kind of link a URL from a source is, judged by where it points: any other web address
 * is the paper's page (a publisher's, a venue's), except arXiv's and doi.org's, which the
 * paper's arXiv id and DOI already give, and what is not http(s) (a `file:` path of a library).
 */
export function linkKind(url: string): 'code' | 'pdf' | 'page' | null {
  if (!/^https?:\/\//i.test(url)) return null;
  if (/^https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|codeberg\.org|bitbucket\.org)\//i.test(url)) return 'code';
  // A file ending .pdf, or a path segment "pdf" (arXiv's /pdf/…, OpenReview's /pdf?id=…, ACM's /doi/pdf/…).
  if (/\.pdf(?:[?#]|$)/i.test(url) || /^https?:\/\/[^/]+(?:\/[^?#]*)?\/pdf(?:[/?#]|$)/i.test(url)) return 'pdf';
  if (/^https?:\/\/(?:[\w-]+\.)*(?:arxiv\.org|doi\.org)(?:[/:?#]|$)/i.test(url)) return null;
  return 'page';
}

/**
 * One warning for an export that names its entries' attached files on the exporter's disk
 * (`file = {/home/maria/Zotero/storage/…}`, RIS's `L1  - file:///…`): the sources folder is
 * committed and published with the site's repository, paths and user names with it. `pattern`
 * (global, multiline) matches one such field.
 */
export function attachedFilesWarning(path: string, text: string, pattern: RegExp): Diagnostic | null {
  const found = [...text.matchAll(pattern)];
  if (found.length === 0) return null;
  return warning(path, lineAtOffset(text, found[0]!.index), `${found.length} entr${found.length === 1 ? 'y names its attached file' : 'ies name their attached files'} by a path on your disk (user name and folders included), and content/sources/ is published with the repository; export without files (attachments) if that is private`);
}
