/**
 * BibTeX and BibLaTeX (`.bib`): Zotero, Better BibTeX and Google Scholar exports.
 *
 * Parsed by `@retorquere/bibtex-parser`, the parser Better BibTeX itself uses: it resolves
 * `@string`s and `#`, applies `crossref`, turns LaTeX accents, commands and math into
 * Unicode and reads `month = dec`. Titles keep their case (sentence-casing off). The parser
 * marks up what LaTeX formats (`\emph` → `<i>`); that markup is dropped, since every field
 * here is untrusted text rendered as text, and so is the same markup written in the file
 * (`<i>`, which Crossref's BibTeX carries).
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as BibtexParser from '@retorquere/bibtex-parser';
import type { Creator, Entry } from '@retorquere/bibtex-parser';
import { MONTH_NAME, monthNumber } from '../dates.ts';
import { error, warning, type Diagnostic } from '../diagnostics.ts';
import { arxivId, arxivIdInVenue, doi, isPreprintServer } from '../../lib/ids.ts';
import { escapeRegExp } from '../../lib/regexp.ts';
import { attachedFilesWarning, dateFromParts, emptyRecord, lineLocator, linkKind, partialDate, setAuthors, stripRichText, venueWith, type DateProblem, type StatedName, type SourceRead, type SourceRecord } from './record.ts';
import type { Venue } from '../../schemas/paper.ts';
import { own } from '../../lib/own.ts';
import { joinName } from '../../lib/authors.ts';

/** The arXiv id of a field that is a preprint's address or name and nothing else, or null. */
function preprintAlone(text: string | null): string | null {
  const alone = text && /^\s*(?:arxiv(?:\s+preprint)?\s*:?\s*)?(\S+?)[.,;]?\s*(?:\[[^\]]*\])?\s*$/i.exec(text);
  return alone ? arxivId(alone[1]!) : null;
}

/**
 * Gives `entry` the fields it lacks of the @xdata entries its `xdata` field names, and of theirs
 * in turn (BibLaTeX's data inheritance: every field, as it is); the names of those not found.
 */
function takeXdata(entry: Entry, xdata: ReadonlyMap<string, Entry>, seen = new Set<string>()): string[] {
  const missing: string[] = [];
  const named = typeof entry.fields.xdata === 'string' ? entry.fields.xdata.split(',').map((key) => key.trim()).filter(Boolean) : [];
  for (const key of named) {
    const from = xdata.get(key.toLowerCase());
    if (!from) missing.push(key);
    // An @xdata that names itself, or one before it, is read once.
    if (!from || seen.has(key.toLowerCase())) continue;
    seen.add(key.toLowerCase());
    missing.push(...takeXdata(from, xdata, seen));
    for (const [field, value] of Object.entries(from.fields)) if (field !== 'xdata' && !(field in entry.fields)) (entry.fields as Record<string, unknown>)[field] = value;
  }
  return missing;
}

/** BibLaTeX's container types: crossref'd by its papers, such an entry is the book they appear in. */
const CONTAINERS = new Set(['proceedings', 'mvproceedings', 'collection', 'mvcollection', 'book', 'mvbook', 'periodical']);

/** `@type{key,` at the start of a line, as every exporter writes entries. */
const ENTRY_START = /^[ \t]*@[ \t]*([a-z]+)[ \t]*[{(][ \t]*([^,\s{}()]+)[ \t]*,/gim;
const NOT_ENTRIES = new Set(['string', 'comment', 'preamble']);

/**
 * The parser runs out of stack on valid BibTeX in two ways: its LaTeX reader recurses once per
 * nested brace (a few thousand deep), and it passes a field's words and spaces as the arguments
 * of one call (past about 60,000 words).
 */
const STACK_OVERFLOW = /^Maximum call stack size exceeded/;
/** Deeper than any real field nests braces (the parser's own limit is a little further) or brackets. */
const DEEP = 1000;
/**
 * More words, or characters, than any real field has. The parser's time grows faster than a
 * field (two cores: 10,000 words 1 s, 49,000 words 10 s; 200,000 characters 0.5 s, 1 MB 5 s),
 * and it overflows at about 60,000 words.
 */
const WORDS = 10_000;
const CHARACTERS = 200_000;
/** Where a field assignment starts inside an entry: `{key, title =` or `, year =`. */
const FIELD_START = /[,{(]\s*([a-z][\w:.+-]*)\s*=/gi;

/**
 * Commands the parser does not know that titles and abstracts use: TeX's logos and the
 * control space (`et al.\ `, `\LaTeX\ `). The parser writes `\LaTeX` itself, as a picture
 * of the logo ("LᴬTEX"); `plain` puts the name back.
 */
const UNKNOWN_TO_PARSER = new Map([
  ['\\ ', ' '],
  ['\\TeX', 'TeX'],
  ['\\LaTeXe', 'LaTeX2e'],
  ['\\BibTeX', 'BibTeX'],
  ['\\XeTeX', 'XeTeX'],
  ['\\XeLaTeX', 'XeLaTeX'],
  ['\\LuaTeX', 'LuaTeX'],
  ['\\LuaLaTeX', 'LuaLaTeX'],
]);
const LATEX_LOGO = 'LᴬTEX';

/** The parser's message for a bare value that names no `@string` (its default month and journal abbreviations included). */
const UNDEFINED_STRING = /^Unresolved @string reference "([^"]+)"$/;

/**
 * Where the parser opens a `@comment{`, `@preamble{` or `@string{`/`@string(`: what it reads
 * there is not an entry, whatever lines inside look like one. A comment's `{` must be on its
 * line, or the comment is that line alone.
 */
const DIRECTIVE = /@\s*(?:comment[ \t]*|preamble\s*)\{|@\s*string\s*[{(]/gi;

/** A field assignment at the start of a line (`abstract = {`, `, year = 2017`): entry text, not a comment. */
const FIELD_LINE = /^[ \t]*,?[ \t]*([a-z][\w-]*)[ \t]*=[ \t]*[{"\w]/im;

/**
 * The parser is loaded on first use: it is big (a LaTeX parser inside), and most ingests
 * (and every `npm run ingest` of a catalog without a .bib) never need it.
 */
let parser: typeof BibtexParser | undefined;
// Its CommonJS build is broken (the package is "type": "module"), so the ES module is required by path.
const loadParser = () => (parser ??= createRequire(import.meta.url)(fileURLToPath(import.meta.resolve('@retorquere/bibtex-parser'))) as typeof BibtexParser);

/** The parser's reading of `text`, each entry's unknown LaTeX commands gathered in `unknown`. */
function parse(text: string, unknown: Map<Entry, Set<string>>): BibtexParser.Library {
  return loadParser().parse(text, {
    sentenceCase: false,
    english: false,
    // An unknown command is kept by name rather than failing the file, and reported at its entry below.
    unsupported: (_node, tex, entry) => {
      const known = UNKNOWN_TO_PARSER.get(tex.replace(/^\\\s$/, '\\ '));
      // Marked as an unknown command's end is: a command ate the space after it, which a word after it needs back.
      if (known !== undefined) return `${known}${COMMAND_END}`;
      unknown.set(entry, (unknown.get(entry) ?? new Set()).add(tex));
      return `${tex}${COMMAND_END}`;
    },
  });
}

export function readBibtex(path: string, source: string): SourceRead {
  const text = hideLiterals(source);
  const diagnostics: Diagnostic[] = [];
  const lineAt = lineLocator(text);
  /** The unknown LaTeX commands in each entry, as the parser meets them. */
  const unknown = new Map<Entry, Set<string>>();
  // An entry the parser would overflow on is reported at once and not given to it: the parser
  // takes minutes to fail on a field of 60,000 words.
  const tooBig = oversizedEntries(text);
  for (const entry of tooBig) diagnostics.push(error(path, lineAt(entry.start + entry.offset), `${entry.name}: ${entry.message}`));
  let library: BibtexParser.Library;
  try {
    library = parse(blanked(text, tooBig), unknown);
  } catch (e) {
    // What the checks above do not foresee still ends as this file's error, not the whole ingest's.
    return { records: [], diagnostics: [...diagnostics, error(path, 1, `the BibTeX parser could not read this file (${excerpt((e as Error).message)}); look for a field of extreme size or nesting`)] };
  }
  /** Keys of entries a parser error already names: one message per broken entry. */
  const broken = new Set<string>(tooBig.flatMap((entry) => (entry.key === null ? [] : [entry.key])));
  for (const problem of library.errors) {
    const at = /at line (\d+)/.exec(problem.error)?.[1];
    const offset = problem.input ? text.indexOf(problem.input) : -1;
    const reason = excerpt(problem.error.replace(/ at line \d+, column \d+/, ''));
    // An entry left open is fixed where it starts, however far below the parser gave up.
    const start = problem.input && offset >= 0 ? new RegExp(ENTRY_START.source, 'iy').exec(problem.input) : null;
    if (start && !NOT_ENTRIES.has(start[1]!.toLowerCase())) {
      broken.add(start[2]!);
      if (STACK_OVERFLOW.test(problem.error)) {
        const cause = overflowCause(fieldsOf(start.input));
        diagnostics.push(error(path, lineAt(offset + cause.offset), `entry ${start[2]}: ${cause.message}`));
        continue;
      }
      // The parser wanted the entry to end, and found another field: the field before it has no comma.
      const field = /expected "\}", found "([\w-]+)\s*=/.exec(problem.error)?.[1];
      if (field && at) {
        diagnostics.push(error(path, Number(at), `entry ${start[2]}: a comma is missing before "${field} =" (at the end of the field above it)`));
        continue;
      }
      diagnostics.push(error(path, lineAt(offset), `entry ${start[2]} is not valid BibTeX${at ? ` (the parser stopped at line ${at})` : ''}: ${reason}; check its braces and quotes`));
      continue;
    }
    // A field written `month == nov` is read as a reference to an @string of no name, beside the error that says where.
    if (problem.error === 'Unresolved @string reference ""' && library.errors.length > 1) continue;
    const name = UNDEFINED_STRING.exec(problem.error)?.[1];
    // An @string left out for its size is undefined where it is used: its own error says why.
    if (name && tooBig.some((definition) => definition.string === name)) continue;
    if (name) {
      // The parser names the @string but not where it is used (and only once): each use is an error.
      const uses = stringUses(text, name);
      const message = `"${name}" is not an @string defined in this file: define it above its first use (@string{${name} = {…}}), or write the text in braces ({${name}})`;
      for (const use of uses.length > 0 ? uses : [-1]) diagnostics.push(error(path, use >= 0 ? lineAt(use) : 0, message));
      continue;
    }
    const line = at ? Number(at) : offset >= 0 ? lineAt(offset) : 0;
    diagnostics.push(error(path, line, `this is not valid BibTeX: ${reason}`));
  }

  // The parser drops some broken entries without a word (a stray `}` in a field): every
  // entry in the text must come back, or be named as lost.
  const read = new Set(library.entries.map((e) => e.key));
  const commentedOut = within(directiveSpans(text));
  for (const start of text.matchAll(ENTRY_START)) {
    if (NOT_ENTRIES.has(start[1]!.toLowerCase()) || read.has(start[2]!) || broken.has(start[2]!) || commentedOut(start.index)) continue;
    diagnostics.push(error(path, lineAt(start.index), `entry ${start[2]} could not be read; check its braces and quotes`));
  }

  const crossreffed = new Set(library.entries.map((e) => e.fields.crossref?.toLowerCase()));
  // BibLaTeX's @xdata holds fields that entries share, named in their `xdata` field; it is no paper.
  const xdata = new Map(library.entries.filter((e) => e.type.toLowerCase() === 'xdata').map((e) => [e.key.toLowerCase(), e]));
  const missingXdata = library.entries.flatMap((entry) => takeXdata(entry, xdata).map((key) => ({ entry, key })));
  const records: SourceRecord[] = [];
  /** The line of the first entry with each key, in lower case as BibTeX and crossref compare keys. */
  const keyLines = new Map<string, number>();
  let cursor = 0;
  for (const entry of library.entries) {
    const start = entryOffset(text, entry, cursor);
    if (start >= 0) cursor = start + 1;
    const line = start >= 0 ? lineAt(start) : 0;
    for (const tex of unknown.get(entry) ?? []) {
      const at = start >= 0 && entry.input ? entry.input.indexOf(tex) : -1;
      diagnostics.push(warning(path, at >= 0 ? lineAt(start + at) : line, `entry ${entry.key}: unknown LaTeX command ${tex}; the text keeps its name, and what it applies to as plain text after it`));
    }
    // Both are read (they may be two papers), but a citation or crossref of the key reaches one.
    const first = keyLines.get(entry.key.toLowerCase());
    if (first !== undefined) diagnostics.push(warning(path, line, `entry ${entry.key} has the same key as the entry at line ${first}; both are read, but a citation or crossref cannot tell them apart: give each its own key`));
    else if (entry.key) keyLines.set(entry.key.toLowerCase(), line);
    if (start >= 0 && entry.input) {
      const stray = strayField(text, start + entry.input.length);
      if (stray) {
        diagnostics.push(error(path, lineAt(start + entry.input.length - 1), `entry ${entry.key} ends here, but fields follow it (${stray} = …) and are lost; remove the stray "}" or ")"`));
        // What it lacks (a title) is among the fields lost: this error is the one to fix.
        continue;
      }
    }
    // The parser keeps an entry it gave up on without fields; its error may point far below. One
    // not in the text as the parser names it (a key with a zero-width space, `k(x)`) is the broken
    // entry its error names already.
    if (Object.keys(entry.fields).length === 0) {
      if (!broken.has(entry.key) && (start >= 0 || library.errors.length === 0)) diagnostics.push(error(path, line, `entry ${entry.key} could not be read; check its braces and quotes`));
      continue;
    }
    // Proceedings that papers cite through `crossref` give them their venue; they are not a paper.
    // Any other book or volume is one: a reading list can hold a book.
    if (CONTAINERS.has(entry.type.toLowerCase()) && crossreffed.has(entry.key.toLowerCase())) continue;
    if (entry.type.toLowerCase() === 'xdata') continue;
    for (const { key } of missingXdata.filter((m) => m.entry === entry)) diagnostics.push(warning(path, line, `entry ${entry.key} takes the fields of @xdata ${key}, which is not in this file; its venue or year may be missing`));
    const record = toRecord(entry, line, (message) => diagnostics.push(warning(path, line, `entry ${entry.key}: ${message}`)));
    if (!record.title) {
      // An entry the parser gave up on part-way has lost the fields after the break: its error says why.
      if (!broken.has(entry.key)) diagnostics.push(error(path, line, `entry ${entry.key} has no title; add one or remove the entry`));
      continue;
    }
    records.push(record);
  }
  const files = attachedFilesWarning(path, source, ATTACHED_FILE);
  if (files) diagnostics.push(files);
  return { records, diagnostics: diagnostics.map((d) => ({ ...d, message: showLiterals(d.message) })) };
}

/** A `file` field naming a path (Zotero, JabRef and Mendeley write `file = {…}`, some with a description before a colon). */
const ATTACHED_FILE = /(?<=^|[\s,{])file[ \t]*=[ \t]*[{"][ \t]*(?!https?:)[^\s}"]/gim;

function toRecord(entry: Entry, line: number, dateProblem: DateProblem): SourceRecord {
  const f = entry.fields;
  const field = (name: string) => {
    const raw = (f as Record<string, unknown>)[name];
    // biblatex's list fields (`publisher`, `institution`) are read as lists of their `and`-parts.
    const value = Array.isArray(raw) && raw.every((part) => typeof part === 'string') ? raw.join(' and ') : raw;
    return typeof value === 'string' && value.trim() ? plain(value) : null;
  };
  const record = emptyRecord(line, showLiterals(entry.key), field('title') ?? '');
  record.abstract = field('abstract');
  // `and others` is BibTeX's "et al.", not a person (a braced `{others}` would be a name).
  const others = (c: Creator) => c.lastName === 'others' && !c.firstName && !c.prefix;
  setAuthors(record, (f.author ?? []).filter((c) => !others(c)).map(creatorName));
  record.moreAuthors = (f.author ?? []).some(others);

  const archive = field('archiveprefix') ?? field('eprinttype');
  const journal = field('journal') ?? field('journaltitle');
  // A preprint's "journal" is often its arXiv id: `arXiv:1305.4904 [quant-ph]`, `arXiv preprint arXiv:2312.00752`.
  const journalArxiv = arxivIdInVenue(journal);
  const verbatim = (name: string) => unescapeVerbatim(field(name));
  // Also where exports put it without an eprint: Mendeley's `arxivId` field, and a @misc's
  // `howpublished` or `note` that is the preprint and nothing else (`\url{https://arxiv.org/abs/…}`,
  // `arXiv:…`, `arXiv preprint arXiv:… [cs.LG]`); one that mentions another preprint is no id of its own.
  record.arxivId =
    (archive && /^arxiv$/i.test(archive) ? arxivId(verbatim('eprint')) : null) ??
    journalArxiv ??
    arxivId(verbatim('url')) ??
    arxivId(verbatim('doi')) ??
    arxivId(verbatim('arxivid')) ??
    preprintAlone(verbatim('howpublished')) ??
    preprintAlone(verbatim('note'));
  record.arxivCategory = field('primaryclass') ?? field('eprintclass') ?? (journalArxiv ? /\[([^\]\s]+)\]/.exec(journal!)?.[1] : null) ?? null;
  record.doi = doi(verbatim('doi'));
  record.venue = venueOf(entry.type.toLowerCase(), field, journal);
  // `2021a` is the year with a letter that author–year styles add to tell one author's papers of a year apart.
  record.published = partialDate(field('date'), dateProblem) ?? dateFromParts(field('year')?.replace(/^(\d{4})[a-z]$/i, '$1'), monthOf(field('month')), field('day'), dateProblem);
  const url = verbatim('url');
  if (url) {
    const kind = linkKind(url);
    if (kind) record.links[kind] = url;
  }
  return record;
}

/**
 * TeX escapes that exporters write in the fields the parser keeps verbatim (`doi`, `url`,
 * `eprint`), where TeX reads none: Mendeley writes a DOI's underscore as `{\_}`
 * (10.1007/978-3-319-24574-4{\_}28) and a SICI DOI's angle brackets as `{\textless}` and
 * `{\textgreater}`; hyperref wants `\%` and `\#` in a URL. No DOI or URL has a backslash.
 */
const VERBATIM_ESCAPE = /\{\\(textless|textgreater|textunderscore)\}|\\(textless|textgreater|textunderscore)(?:\{\}|(?![A-Za-z]))|\{\\([_%#&$~])\}|\\([_%#&$~])/g;
const ESCAPED_WORDS: Record<string, string> = { textless: '<', textgreater: '>', textunderscore: '_' };

function unescapeVerbatim(value: string | null): string | null {
  return value && value.replace(VERBATIM_ESCAPE, (_, braced?: string, bare?: string, bracedChar?: string, char?: string) => ESCAPED_WORDS[braced ?? bare ?? ''] ?? bracedChar ?? char!);
}

/** biblatex's keys for a thesis's or report's `type`, as their names print. */
const GENRE_KEYS: Record<string, string> = { phdthesis: 'PhD thesis', mathesis: "Master's thesis", candthesis: 'Candidate thesis', techreport: 'Technical report', resreport: 'Research report' };

/** Entry types that are not in a journal or proceedings: the kind of venue, the fields that may name it (the first given), and the genre the type itself states. */
const TYPED_VENUES: Record<string, { kind: Venue['kind']; from: string[]; genre?: string }> = {
  book: { kind: 'book', from: ['publisher'] },
  mvbook: { kind: 'book', from: ['publisher'] },
  collection: { kind: 'book', from: ['publisher'] },
  mvcollection: { kind: 'book', from: ['publisher'] },
  incollection: { kind: 'chapter', from: ['booktitle'] },
  inbook: { kind: 'chapter', from: ['booktitle'] },
  bookinbook: { kind: 'chapter', from: ['booktitle'] },
  phdthesis: { kind: 'thesis', from: ['school', 'institution'], genre: 'PhD thesis' },
  mastersthesis: { kind: 'thesis', from: ['school', 'institution'], genre: "Master's thesis" },
  thesis: { kind: 'thesis', from: ['institution', 'school'] },
  techreport: { kind: 'report', from: ['institution', 'school'] },
  report: { kind: 'report', from: ['institution', 'school'] },
};

/**
 * Where an entry appeared: a book at its publisher, a chapter in its book, a thesis at its
 * school, a report at its institution, as its type says; any other entry (and one of those
 * without the field that names its venue) in its journal, else in the proceedings its
 * `booktitle` names. A `type` field names the thesis's or report's own kind.
 */
function venueOf(type: string, field: (name: string) => string | null, journal: string | null): Venue | null {
  const details = { volume: field('volume'), issue: field('number') ?? field('issue'), pages: field('pages') };
  const typed = own(TYPED_VENUES, type);
  const name = typed?.from.map(field).find(Boolean);
  if (typed && name) {
    const stated = typed.kind === 'thesis' || typed.kind === 'report' ? field('type') : null;
    return venueWith({ name, kind: typed.kind }, { ...details, genre: stated ? (own(GENRE_KEYS, stated.toLowerCase()) ?? stated) : typed.genre });
  }
  if (journal && !isPreprintServer(journal)) return venueWith({ name: journal, kind: 'journal' }, details);
  const booktitle = field('booktitle');
  return booktitle ? venueWith({ name: booktitle, kind: 'proceedings' }, details) : null;
}

/** A month's name, first in the field: alone, with its full stop, or before a range's dash. */
const MONTH_FIRST = new RegExp(`^(${MONTH_NAME})\\.?(?:$|[\\s\\-–/~])`, 'i');

/**
 * A month as exports write it, as its number: the parser reads `jun` and `June`, but IEEE Xplore
 * and OJS write `Sept.`, `Aug.` and ranges (`Jan.-Feb.`, of which the first month), and
 * `jan # "~" # feb` reads as two numbers. Anything else is left as written, for the date's warning.
 */
function monthOf(raw: string | null): string | null {
  if (raw === null) return null;
  const number = /^(\d{1,2})(?:$|\D)/.exec(raw.trim())?.[1];
  if (number !== undefined) return number;
  const name = MONTH_FIRST.exec(raw.trim())?.[1];
  return name === undefined ? raw : String(monthNumber(name));
}

/**
 * The parser ends an entry at the first unmatched `}` and skips what follows up to the next
 * `@` as a comment, without a word. Fields there (`title = {A}},` then `year = 2017,`) were
 * meant for the entry: the name of the first, or null when the text after `end` is a comment.
 */
function strayField(text: string, end: number): string | null {
  const next = text.indexOf('@', end);
  // `%` starts a comment line in BibTeX; a field in one is commented out on purpose.
  const between = text.slice(end, next < 0 ? text.length : next).replace(/%[^\n]*/g, '');
  return FIELD_LINE.exec(between)?.[1] ?? null;
}

interface MeasuredField {
  name: string;
  /** Offset of its name in the entry. */
  offset: number;
  words: number;
  /** How deep its braces nest. */
  depth: number;
  /** How deep its square brackets nest: the parser's LaTeX reader takes them as optional arguments, slowly. */
  brackets: number;
  length: number;
}

/** Whether the parser cannot read a field, or not in time. */
const oversized = (f: MeasuredField) => f.depth > DEEP || f.brackets > DEEP || f.words > WORDS || f.length > CHARACTERS;

/** The fields of an entry's `input`, each with its words and how deep its braces nest. */
function fieldsOf(input: string): MeasuredField[] {
  const starts = [...input.matchAll(FIELD_START)];
  return starts.map((m, i) => ({ name: m[1]!.toLowerCase(), offset: m.index + m[0].indexOf(m[1]!), ...measure(input, m.index + m[0].length, starts[i + 1]?.index ?? input.length) }));
}

/**
 * Which field of an entry the parser cannot read, or not in time, and why, in words a person can
 * act on: braces or brackets nested too deep, too many characters, or else too many words.
 */
function overflowCause(fields: readonly MeasuredField[]): { offset: number; message: string } {
  const n = (count: number) => count.toLocaleString('en');
  const deep = fields.find((f) => f.depth > DEEP);
  if (deep) return { offset: deep.offset, message: `its ${deep.name} has braces nested ${n(deep.depth)} deep, more than the BibTeX parser can read; remove the extra braces` };
  const bracketed = fields.find((f) => f.brackets > DEEP);
  if (bracketed) return { offset: bracketed.offset, message: `its ${bracketed.name} has square brackets nested ${n(bracketed.brackets)} deep, more than the BibTeX parser can read; remove the extra brackets` };
  const long = fields.find((f) => f.words <= WORDS && f.length > CHARACTERS);
  if (long) return { offset: long.offset, message: `its ${long.name} is too long for the BibTeX parser (${n(long.length)} characters); keep it under ${n(CHARACTERS)}` };
  const longest = fields.reduce((a, b) => (b.words > a.words ? b : a), { name: 'text', offset: 0, words: 0, depth: 0, brackets: 0, length: 0 });
  return { offset: longest.offset, message: `its ${longest.name} is too long for the BibTeX parser (${n(longest.words)} words); keep it under ${n(WORDS)}` };
}

/** An @string's name, as written: the parser matches its uses case and all. */
const STRING_NAME = /^[^{(]*[{(]\s*([^\s=#,{}()]+)\s*=/;
/** Longer than an @string of a journal's name: only such are counted at their uses. */
const STRING_CHARACTERS = 1_000;

/** Where an `@string` or `@preamble` starts: text the parser reads, as it reads an entry's fields. */
const DEFINITION_START = /^[ \t]*@[ \t]*(string|preamble)[ \t]*[{(]/gim;

interface Oversized {
  start: number;
  end: number;
  /** What it is called in messages: `entry key`, `@string name`. */
  name: string;
  /** An entry's key. */
  key: string | null;
  /** An @string's name, as its uses write it. */
  string?: string;
  /** Where the field at fault starts, from `start`. */
  offset: number;
  message: string;
}

/**
 * The entries, and the `@string`s and `@preamble`s, with a field the parser cannot read for its
 * size: where each starts and ends (at the next one), its name in messages, its key (an entry's), and why.
 */
function oversizedEntries(text: string): Oversized[] {
  const entries = [...text.matchAll(ENTRY_START)].filter((m) => !NOT_ENTRIES.has(m[1]!.toLowerCase()));
  const starts = [...entries, ...text.matchAll(DEFINITION_START)].sort((a, b) => a.index - b.index);
  return starts.flatMap((m, i): Oversized[] => {
    const end = starts[i + 1]?.index ?? text.length;
    const block = text.slice(m.index, end);
    const fields = fieldsOf(block);
    if (NOT_ENTRIES.has(m[1]!.toLowerCase())) {
      // An @string is read again at each use: a long one used often costs as a field of all its uses.
      const string = m[1]!.toLowerCase() === 'string' ? STRING_NAME.exec(block)?.[1] : undefined;
      const value = fields[0];
      const uses = string && value && value.length > STRING_CHARACTERS ? stringUses(text, string).length : 0;
      const cause = fields.some(oversized)
        ? overflowCause(fields.map((f) => ({ ...f, name: 'value' })))
        : uses * (value?.length ?? 0) > CHARACTERS
          ? { offset: value!.offset, message: `it is used ${uses.toLocaleString('en')} times, ${(uses * value!.length).toLocaleString('en')} characters in all, more than the BibTeX parser reads in time; shorten it` }
          : null;
      return cause ? [{ start: m.index, end, name: `@${m[1]!.toLowerCase()}${string ? ` ${string}` : ''}`, key: null, ...(string ? { string } : {}), ...cause }] : [];
    }
    return fields.some(oversized) ? [{ start: m.index, end, name: `entry ${m[2]!}`, key: m[2]!, ...overflowCause(fields) }] : [];
  });
}

/** `text` with the given stretches made blank, line breaks kept, so every other entry keeps its line. */
function blanked(text: string, stretches: readonly { start: number; end: number }[]): string {
  let out = text;
  for (const { start, end } of stretches) out = out.slice(0, start) + out.slice(start, end).replace(/[^\n]/g, ' ') + out.slice(end);
  return out;
}

/** The words (runs of non-space) in `text` from `start` to `end`, how deep its braces and brackets nest, and its length. */
function measure(text: string, start: number, end: number): { words: number; depth: number; brackets: number; length: number } {
  let [words, depth, deepest, inWord] = [0, 0, 0, false];
  let [bracket, brackets] = [0, 0];
  for (let i = start; i < end; i++) {
    const c = text[i]!;
    if (c === '{') deepest = Math.max(deepest, ++depth);
    else if (c === '}') depth--;
    else if (c === '[') brackets = Math.max(brackets, ++bracket);
    else if (c === ']') bracket--;
    // Braces delimit, they are not words: `{word}` is one.
    const space = c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '{' || c === '}';
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return { words, depth: deepest, brackets, length: end - start };
}

/**
 * Offsets of the bare uses of @string `name`: after `=` or `#`, ended by what ends a value
 * (`,`, `#`, `}`, `)`, space or the end). As the parser does, the name is matched as written.
 */
function stringUses(text: string, name: string): number[] {
  const use = new RegExp(`[=#]\\s*(${escapeRegExp(name)})(?=[\\s,#})]|$)`, 'g');
  return [...text.matchAll(use)].map((m) => m.index + m[0].length - m[1]!.length);
}

/**
 * The stretches of `text` the parser reads as `@comment`, `@preamble` or `@string`, in order:
 * each from its `@` to its closing brace (or parenthesis), braces balanced and `\{` escaped as
 * the parser counts them. One never closed is no stretch: the parser starts again after its `@`.
 */
function directiveSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const re = new RegExp(DIRECTIVE.source, 'gi');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = closingOf(text, re.lastIndex - 1);
    if (end < 0) continue;
    spans.push([m.index, end]);
    re.lastIndex = end;
  }
  return spans;
}

/** The offset just past what closes the `{` or `(` at `open`, or -1 when nothing does. */
function closingOf(text: string, open: number): number {
  const close = text[open] === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === close && depth === 0) return i + 1;
    else if (c === '}') depth--;
  }
  return -1;
}

/** Whether an offset is inside one of `spans`, asked in ascending order of offsets (linear overall). */
function within(spans: Array<[number, number]>): (offset: number) => boolean {
  let i = 0;
  return (offset) => {
    while (i < spans.length && spans[i]![1] <= offset) i++;
    return i < spans.length && spans[i]![0] <= offset;
  };
}

/** The parser quotes input in its messages (all 40 KB of a brace bomb): its first line, cut short. */
function excerpt(message: string): string {
  const line = message.split('\n', 1)[0]!;
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** Where `entry` starts in `text`, searching from `from` (entries come in file order). */
function entryOffset(text: string, entry: Entry, from: number): number {
  if (entry.input) {
    const at = text.indexOf(entry.input, from);
    if (at >= 0) return at;
  }
  const re = new RegExp(`@\\s*${escapeRegExp(entry.type)}\\s*[{(]\\s*${escapeRegExp(entry.key)}\\s*,`, 'gi');
  re.lastIndex = from;
  return re.exec(text)?.index ?? -1;
}

/** "Jérôme van der Berg, Jr.", family part "van der Berg"; a corporate name in braces (`{OpenAI Team}`) stays whole. */
function creatorName(creator: Creator): StatedName {
  if (creator.name) return { name: plain(creator.name), family: plain(creator.name) };
  const name = joinName(creator.firstName, [creator.prefix, creator.lastName].filter(Boolean).join(' '));
  return { name: plain(creator.suffix ? `${name}, ${creator.suffix}` : name), family: plain([creator.prefix, creator.lastName].filter(Boolean).join(' ')) || null };
}

/**
 * Marks the end of an unknown command's name in the parser's output. The parser drops what
 * ends the name (`{` of `\foo{bar}`, the space of `\foo bar`), which would make `\foobar`;
 * `plain` puts a space there when a word follows. (A NUL never reaches a reader: decode refuses it.)
 */
const COMMAND_END = '\0';
const AFTER_COMMAND = new RegExp(`${COMMAND_END}([\\p{L}\\p{N}])?`, 'gu');

/**
 * Characters the parser reads as LaTeX does where whoever writes a .bib means the character:
 * `<` and `>`, which it prints as OT1's `¡` and `¿`, and a `%` inside a value ("by 50%"), where
 * it cuts the field at a comment. They reach the parser as noncharacters, one UTF-16 unit each
 * like the characters they stand for (every offset holds), and come back in what it returns.
 */
const STAND_INS: readonly [string, string][] = [
  ['<', '\uFDD0'],
  ['>', '\uFDD1'],
  ['%', '\uFDD2'],
];
/** A noncharacter the file itself has where a stand-in goes: one unit too, and cleaned away with every other noncharacter, never shown as a stand-in's character. */
const OWN_NONCHARACTER = '\uFDD3';
const hideLiterals = (text: string) => hidePercents(text.replace(/[\uFDD0-\uFDD2]/g, OWN_NONCHARACTER).replaceAll('<', STAND_INS[0]![1]).replaceAll('>', STAND_INS[1]![1]));
const showLiterals = (text: string) => STAND_INS.reduce((out, [char, standIn]) => out.replaceAll(standIn, char), text);

/**
 * The `%`s inside field values, braced or quoted, as stand-ins. A `%` elsewhere starts a
 * comment, as files use it between entries and fields (`% note = {…},`), and its line is passed
 * over, braces and all; so is an `@comment`. An entry is `@type{…}` or `@type(…)`; a backslash
 * escapes the character after it (`\%`, `\{`, `\"`).
 */
function hidePercents(text: string): string {
  const percents: number[] = [];
  const start = /@\s*([a-z]+)\s*([{(])/iy;
  const lineEnd = (i: number) => (text.indexOf('\n', i) + 1 || text.length + 1) - 1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '%') i = lineEnd(i);
    if (text[i] !== '@') continue;
    start.lastIndex = i;
    const entry = start.exec(text);
    if (!entry) continue;
    const comment = entry[1]!.toLowerCase() === 'comment';
    const close = entry[2] === '{' ? '}' : ')';
    let [depth, quoted] = [0, false];
    for (i = start.lastIndex; i < text.length; i++) {
      const c = text[i];
      if (c === '\\') i++;
      else if (c === '{') depth++;
      else if (depth === 0 && !quoted && c === close) break;
      else if (c === '}') depth = Math.max(0, depth - 1);
      else if (comment) continue;
      else if (c === '"' && depth === 0) quoted = !quoted;
      else if (c === '%' && (depth > 0 || quoted)) percents.push(i);
      else if (c === '%') i = lineEnd(i);
    }
  }
  if (percents.length === 0) return text;
  const parts = [text.slice(0, percents[0])];
  percents.forEach((at, k) => parts.push(STAND_INS[2]![1], text.slice(at + 1, percents[k + 1] ?? text.length)));
  return parts.join('');
}

/** The tags the parser writes. */
const MARKUP = /<\/?(?:i|b|sc|nc|ncx|code|sup|sub|span|a|enquote)(?:\s[^>]*)?>/g;

/**
 * The parser's output as text: its formatting markup (`<i>`, `<span class="nocase">`,
 * `<a href>`) removed, then the file's own rich text, an unknown command's name kept apart from a word after it, and in NFC,
 * since it writes `{\"u}` as `u` plus a combining mark where every other source has `ü`.
 */
function plain(value: string): string {
  const parsed = value.replace(/<\/?(?:br|p|li)\b[^>]*>/g, ' ').replace(MARKUP, '');
  return stripRichText(showLiterals(parsed))
    .replaceAll(LATEX_LOGO, 'LaTeX')
    .replace(AFTER_COMMAND, (_, word?: string) => (word ? ` ${word}` : ''))
    .replace(/\s+/g, ' ')
    .trim()
    // TeX accents i and j without their dot (`{\'\i}`): the parser gives ı and ȷ with a combining
    // mark, which NFC cannot join; the letter meant is í, as `\'{i}` gives.
    .replace(/[ıȷ](?=\p{M})/gu, (dotless) => (dotless === 'ı' ? 'i' : 'j'))
    .normalize('NFC');
}
