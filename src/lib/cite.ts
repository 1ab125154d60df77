/**
 * Citations built only from what the catalog knows: authors, year, venue, arXiv id and DOI
 * appear when a source gave them and never otherwise — a citation with invented facts is
 * worse than a short one. The same facts feed BibTeX, RIS and CSL-JSON.
 */
import type { Paper, Venue } from '../schemas/paper.ts';
import { nameParts } from './authors.ts';
import { MONTH_ABBREVIATIONS } from './calendar.ts';

/** Characters with a meaning in BibTeX, written so they print as themselves. */
const BIBTEX_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  // Not `\{`: BibTeX counts every brace to find where a value ends, escaped or not, so one
  // stray brace in a title ended the field early, and the rest of it was read as fields.
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  // In BibTeX's default (OT1) font encoding a bare < prints as ¡ and > as ¿.
  '<': '\\textless{}',
  '>': '\\textgreater{}',
};

/**
 * Text that prints as itself in BibTeX: special characters escaped, and TeX's ligatures
 * (`--` → –, ``` `` ``` → “, `''` → ”, ``!` `` → ¡) broken with an empty group.
 */
export function escapeBibtex(text: string): string {
  return text.replace(/[\\{}&%$#_~^<>]/g, (char) => BIBTEX_ESCAPES[char]!).replace(/([-`',?!])(?=[-`',])/g, (pair, first: string, offset: number, all: string) => (LIGATURES.has(first + all[offset + 1]) ? `${first}{}` : pair));
}

const LIGATURES = new Set(['--', '``', "''", ',,', '?`', '!`']);

/**
 * What a citation is made from: the paper's facts and its permalink. Not where the catalog
 * found it: a citation names the work, and a source's label would print in a citing paper's
 * references and change whenever a source is added.
 */
export type CitationInput = Pick<Paper, 'id' | 'aliases' | 'title' | 'authors' | 'familyNames' | 'etAl' | 'arxivId' | 'arxivCategory' | 'doi' | 'venue' | 'published' | 'listedOn' | 'linksByKind'> & {
  url: string;
};

export const arxivAbsUrl = (id: string) => `https://arxiv.org/abs/${id}`;
export const arxivPdfUrl = (id: string) => `https://arxiv.org/pdf/${id}`;
/** doi.org's address for a DOI: a DOI may hold `#`, `?` or `%`, which would end or change a URL path, so all but its `/` are percent-encoded. */
export const doiUrl = (doi: string) => `https://doi.org/${encodeURIComponent(doi).replaceAll('%2F', '/')}`;

/**
 * The date a citation gives: the venue's, as the source that names it dates it (a conference
 * paper often appears a year after its preprint), else the first publication, else the year of
 * the listing, whose day is the day it was listed, never a month or a day of publication; null
 * when no source dates the paper.
 */
function citedDate(c: CitationInput): string | null {
  return publicationDate(c) ?? c.listedOn?.slice(0, 4) ?? null;
}

/** `citedDate` when a source dates the publication itself. */
function publicationDate(c: CitationInput): string | null {
  return c.venue?.date ?? c.published;
}

/** BibTeX's month macros, which every style spells out and biblatex reads as numbers. */
const BIBTEX_MONTHS = MONTH_ABBREVIATIONS.map((name) => name.toLowerCase());

/**
 * A venue's pages as first and last page; the last is empty for one page or an article number.
 * (The ingest writes a range whole, with a hyphen: `venueWith`.)
 */
function pageRange(c: CitationInput): [first: string, last: string] {
  const pages = c.venue?.pages ?? '';
  // Pages in several ranges ("10-20, 30-40") have no one first and last page: they stay whole.
  const range = /^([^-,]+)-([^-,]+)$/.exec(pages);
  return range ? [range[1]!, range[2]!] : [pages, ''];
}

/**
 * How each kind of venue is cited in each format: the entry type and the field that names the
 * venue, and Google Scholar's tag for it. A chapter's venue is its book; a book's, its
 * publisher; a thesis's, its university; a report's, its institution.
 */
const CITED_AS: Record<Venue['kind'], { bibtex: [type: string, field: string]; ris: [type: string, tag: string]; csl: [type: string, field: string]; scholar?: string }> = {
  journal: { bibtex: ['article', 'journal'], ris: ['JOUR', 'T2'], csl: ['article-journal', 'container-title'], scholar: 'citation_journal_title' },
  proceedings: { bibtex: ['inproceedings', 'booktitle'], ris: ['CPAPER', 'T2'], csl: ['paper-conference', 'container-title'], scholar: 'citation_conference_title' },
  book: { bibtex: ['book', 'publisher'], ris: ['BOOK', 'PB'], csl: ['book', 'publisher'], scholar: 'citation_publisher' },
  chapter: { bibtex: ['incollection', 'booktitle'], ris: ['CHAP', 'T2'], csl: ['chapter', 'container-title'], scholar: 'citation_book_title' },
  thesis: { bibtex: ['phdthesis', 'school'], ris: ['THES', 'PB'], csl: ['thesis', 'publisher'], scholar: 'citation_dissertation_institution' },
  report: { bibtex: ['techreport', 'institution'], ris: ['RPRT', 'PB'], csl: ['report', 'publisher'], scholar: 'citation_technical_report_institution' },
  other: { bibtex: ['misc', 'howpublished'], ris: ['GEN', 'T2'], csl: ['article', 'container-title'] },
};

/** How the paper is cited in each format: as its venue's kind, and as a `@misc` without one. */
const citedAs = (c: CitationInput) => CITED_AS[c.venue?.kind ?? 'other'];

/**
 * A thesis's BibTeX type and the `type` field it needs: `@mastersthesis` for a master's,
 * `@phdthesis` otherwise, with the genre as `type` where it is not a PhD's (styles print `type`
 * instead of "PhD thesis"), and "Thesis" where no source said which: a degree is never guessed.
 */
function bibtexThesis(genre: string | undefined): [type: string, typeField: string | null] {
  if (genre && /master/i.test(genre)) return ['mastersthesis', /^master'?s thesis$/i.test(genre) ? null : genre];
  if (genre && /\bph\.?\s?d\b|doctor/i.test(genre)) return ['phdthesis', /^ph\.?\s?d\.? thesis$/i.test(genre) ? null : genre];
  return ['phdthesis', genre ?? 'Thesis'];
}

/** Where a reader finds the paper itself: arXiv, else the DOI, else its page a source named, else the catalog page. */
function paperUrl(c: CitationInput): string {
  return c.arxivId ? arxivAbsUrl(c.arxivId) : c.doi ? doiUrl(c.doi) : (c.linksByKind.page ?? c.url);
}

/** The family part a source stated for one of the paper's authors, if any. */
function statedFamily(c: Pick<CitationInput, 'familyNames'>, name: string): string | undefined {
  return c.familyNames && Object.hasOwn(c.familyNames, name) ? c.familyNames[name] : undefined;
}

/**
 * A name as BibTeX reads it: a person's as "von Last, First" ("von Last, Jr., First" with a
 * suffix), the parts RIS and CSL-JSON give too, braced where BibTeX would split a family part
 * ("{Garcia Satorras}, Victor"). Never "First Last": BibTeX takes a word for a particle ("van")
 * when its first ASCII letter is lower case, so it read "Łukasz" of "Łukasz Kaiser" as one, and
 * cited and sorted the name under Ł; and "Maria do Carmo Silva" lost "Carmo" to the family name. An
 * organisation's name, and any name BibTeX would misread (a comma, an "and", an "&"), is braced
 * whole, so "Gemini Team" is not cited as "Team, G.".
 */
function bibtexName(name: string, family: string | undefined): string {
  const parts = nameParts(name, family);
  if (parts) {
    // "van der Walt" reads as particles and a name; "Garcia Satorras" would lose "Garcia" to the given names.
    const last = /^\p{Lu}/u.test(parts.family) && /\s/.test(parts.family) ? `{${escapeBibtex(parts.family)}}` : guarded(parts.family);
    return [last, ...(parts.suffix ? [guarded(parts.suffix)] : []), guarded(parts.given)].join(', ');
  }
  return /^[^\s,]+$/.test(name) && !misread(name) ? escapeBibtex(name) : `{${escapeBibtex(name)}}`;
}

/**
 * A URL as a BibTeX value: its braces and backslashes percent-encoded, so that none can end the
 * field (a source's page link `…/x},note={…` wrote a field of its own) nor escape its closing
 * brace. Braces mean nothing in a URL, so the address stays the same; a backslash, which a
 * browser reads as "/" in a web address, is kept as the character the source wrote.
 */
const bibtexUrl = (url: string): string => url.replace(/[{}\\]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Whether BibTeX would read more into a name or a part of one than it says: a comma (another
 * part), an "and" (another author: "Doe, Anne {and} John" is one), or "others" (et al.).
 */
const misread = (text: string): boolean => /,|(?:^|\s)and(?:\s|$)/i.test(text) || text.toLowerCase() === 'others';

/** A part of a name, braced when BibTeX would misread it. */
const guarded = (part: string): string => (misread(part) ? `{${escapeBibtex(part)}}` : escapeBibtex(part));

/**
 * A BibTeX entry of its venue's type (`CITED_AS`), else `@misc`. The title is double-braced so
 * BibTeX keeps its capitals.
 */
export function bibtex(c: CitationInput): string {
  let [type, venueField] = citedAs(c).bibtex;
  let typeField = c.venue?.kind === 'report' ? (c.venue.genre ?? null) : null;
  if (c.venue?.kind === 'thesis') [type, typeField] = bibtexThesis(c.venue.genre);
  // A value is braced, unless it is a macro.
  const fields: [string, string, macro?: true][] = [['title', `{${escapeBibtex(c.title)}}`]];
  // BibTeX's own "et al.": `and others` closes a list that is not all of the authors.
  if (c.authors.length > 0) fields.push(['author', [...c.authors.map((name) => bibtexName(name, statedFamily(c, name))), ...(c.etAl ? ['others'] : [])].join(' and ')]);
  if (c.venue) fields.push([venueField, escapeBibtex(c.venue.name)]);
  if (typeField) fields.push(['type', escapeBibtex(typeField)]);
  if (c.venue?.volume) fields.push(['volume', escapeBibtex(c.venue.volume)]);
  if (c.venue?.issue) fields.push(['number', escapeBibtex(c.venue.issue)]);
  // BibTeX writes a page range with an en dash, `--`.
  if (c.venue?.pages) fields.push(['pages', escapeBibtex(c.venue.pages).replaceAll('-', '--')]);
  const date = citedDate(c);
  if (date) fields.push(['year', date.slice(0, 4)]);
  const published = publicationDate(c);
  if (published && published.length > 4) fields.push(['month', BIBTEX_MONTHS[Number(published.slice(5, 7)) - 1]!, true]);
  if (c.arxivId) {
    fields.push(['eprint', c.arxivId], ['archivePrefix', 'arXiv']);
    if (c.arxivCategory) fields.push(['primaryClass', escapeBibtex(c.arxivCategory)]);
  }
  // biblatex reads `doi` verbatim, so escapes would print; a DOI whose braces would unbalance the
  // entry (or a backslash escape one), or with a `$` (Zotero's BibTeX reader drops the entry as
  // unclosed math), is left to `url`.
  if (c.doi && balancedBraces(c.doi) && !/[\\$]/.test(c.doi)) fields.push(['doi', c.doi]);
  fields.push(['url', bibtexUrl(paperUrl(c))]);
  // biblatex's other keys of an entry: a paper's former ids were its keys, and \cite{…} with one still finds it.
  if (c.aliases.length > 0) fields.push(['ids', c.aliases.join(', ')]);
  return `@${type}{${c.id},\n${fields.map(([key, value, macro]) => `  ${key} = ${macro ? value : `{${value}}`}`).join(',\n')}\n}`;
}

/**
 * A comment line above BibTeX entries. BibTeX has no comments: it skips all text up to an `@`,
 * which starts an entry, so a shelf named "Reading group @ NeurIPS" broke the whole file for
 * BibTeX and citation-js. Its `@` is written "(at)".
 */
export const bibtexComment = (text: string): string => `% ${text.replace(/\s+/g, ' ').replaceAll('@', '(at)')}`;

/** Whether each `}` closes a `{` before it and each `{` is closed: such text stands in a braced field as it is. */
function balancedBraces(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

/** A name as RIS and Scholar's tags want it: a person's "Last, First" (", Suffix" after), an organisation's whole. */
function familyFirst(name: string, family: string | undefined): string {
  const parts = nameParts(name, family);
  return parts ? `${parts.family}, ${parts.given}${parts.suffix ? `, ${parts.suffix}` : ''}` : name;
}

/** An RIS record (the format EndNote, Zotero and Mendeley all import). */
export function ris(c: CitationInput): string {
  const line = (tag: string, value: string) => `${tag}  - ${value.replace(/\s+/g, ' ').trim()}`;
  const [type, venueTag] = citedAs(c).ris;
  const lines = [line('TY', type), line('TI', c.title), ...c.authors.map((a) => line('AU', familyFirst(a, statedFamily(c, a))))];
  const date = citedDate(c);
  if (date) lines.push(line('PY', date.slice(0, 4)));
  const published = publicationDate(c);
  if (published && published.length > 4) lines.push(line('DA', `${published.replaceAll('-', '/')}${published.length === 7 ? '//' : '/'}`));
  if (c.venue) lines.push(line(venueTag, c.venue.name));
  // Zotero reads proceedings from C3 (its T2 is the conference's name, which other readers take for the proceedings).
  if (c.venue?.kind === 'proceedings') lines.push(line('C3', c.venue.name));
  // RIS's "type of work": what kind of thesis or report.
  if (c.venue?.genre) lines.push(line('M3', c.venue.genre));
  if (c.venue?.volume) lines.push(line('VL', c.venue.volume));
  // A report's number is RIS's SN.
  if (c.venue?.issue) lines.push(line(c.venue.kind === 'report' ? 'SN' : 'IS', c.venue.issue));
  const [start, end] = pageRange(c);
  if (start) lines.push(line('SP', start));
  if (end) lines.push(line('EP', end));
  if (c.doi) lines.push(line('DO', c.doi));
  if (c.arxivId) lines.push(line('AN', `arXiv:${c.arxivId}`));
  lines.push(line('UR', paperUrl(c)), 'ER  - ');
  return `${lines.join('\n')}\n`;
}

/**
 * One CSL-JSON item (what citation processors and Zotero read). A name is split into `family`
 * and `given` where its source stated the family part (`familyNames`); the others stay
 * `literal`: CSL processors format and sort by the parts they are given, so a guessed split
 * would print wrong in every style, where BibTeX and RIS readers make the same last-word split
 * themselves.
 * CSL-JSON and RIS have no "et al." of their own: their lists end with the names known.
 */
export function cslJson(c: CitationInput): Record<string, unknown> {
  const [type, venueField] = citedAs(c).csl;
  const item: Record<string, unknown> = { id: c.id, type, title: c.title };
  if (c.authors.length > 0) {
    item.author = c.authors.map((literal) => {
      const family = statedFamily(c, literal);
      const parts = family === undefined ? null : nameParts(literal, family);
      return parts ? { family: parts.family, given: parts.given, ...(parts.suffix ? { suffix: parts.suffix } : {}) } : { literal };
    });
  }
  const date = citedDate(c);
  if (date) item.issued = { 'date-parts': [date.split('-').map(Number)] };
  if (c.venue) item[venueField] = c.venue.name;
  else if (c.arxivId) item.publisher = 'arXiv';
  if (c.venue?.genre) item.genre = c.venue.genre;
  if (c.venue?.volume) item.volume = c.venue.volume;
  // A report's number is CSL's `number`, which is otherwise the arXiv id.
  if (c.venue?.issue) item[c.venue.kind === 'report' ? 'number' : 'issue'] = c.venue.issue;
  if (c.venue?.pages) item.page = c.venue.pages;
  if (c.arxivId) item.number ??= `arXiv:${c.arxivId}`;
  if (c.doi) item.DOI = c.doi;
  item.URL = paperUrl(c);
  return item;
}

/**
 * `[Title](url)` with every character escaped that would end the link text or turn the title
 * into markup where it is pasted: emphasis, code, raw HTML, entities, strikethrough.
 */
export function markdownLink(title: string, url: string): string {
  return `[${title.replace(/[\\[\]*_`<>&~]/g, '\\$&')}](${url})`;
}

/** Where to look a paper up by its title, for papers no source gave an identifier for. */
export function lookupLinks(title: string): { name: string; href: string }[] {
  const q = encodeURIComponent(title);
  return [
    { name: 'arXiv', href: `https://arxiv.org/search/?query=${q}&searchtype=title` },
    { name: 'Hugging Face', href: `https://huggingface.co/papers?q=${q}` },
    { name: 'Semantic Scholar', href: `https://www.semanticscholar.org/search?q=${q}` },
  ];
}

/**
 * Google Scholar's `citation_*` meta tags (also read by Zotero's connector), as name/content
 * pairs. Scholar wants dates as YYYY/MM/DD, YYYY/MM or YYYY.
 */
export function scholarMeta(c: CitationInput): { name: string; content: string }[] {
  const tags = [{ name: 'citation_title', content: c.title }, ...c.authors.map((name) => ({ name: 'citation_author', content: familyFirst(name, statedFamily(c, name)) }))];
  const date = citedDate(c);
  if (date) tags.push({ name: 'citation_publication_date', content: date.replaceAll('-', '/') });
  const venueTag = citedAs(c).scholar;
  if (c.venue && venueTag) tags.push({ name: venueTag, content: c.venue.name });
  if (c.venue?.volume) tags.push({ name: 'citation_volume', content: c.venue.volume });
  if (c.venue?.issue) tags.push({ name: c.venue.kind === 'report' ? 'citation_technical_report_number' : 'citation_issue', content: c.venue.issue });
  const [first, last] = pageRange(c);
  if (first) tags.push({ name: 'citation_firstpage', content: first });
  if (last) tags.push({ name: 'citation_lastpage', content: last });
  if (c.doi) tags.push({ name: 'citation_doi', content: c.doi });
  if (c.arxivId) tags.push({ name: 'citation_arxiv_id', content: c.arxivId });
  const pdf = c.arxivId ? arxivPdfUrl(c.arxivId) : c.linksByKind.pdf;
  if (pdf) tags.push({ name: 'citation_pdf_url', content: pdf });
  tags.push({ name: 'citation_abstract_html_url', content: c.url });
  return tags;
}
