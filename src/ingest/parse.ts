import { isChromeLine, stripGluedChrome } from './chrome.ts';
import { isPageDateLine, parseDateLine, type ListingDate } from './dates.ts';
import { error, warning, type Diagnostic } from './diagnostics.ts';

/** A paper as one listing shows it, before merging with other listings. */
export interface ListedPaper {
  title: string;
  abstract: string;
  /** 1-based line of the title. */
  line: number;
  authorsCount: number | null;
  org: string | null;
  date: ListingDate | null;
  /** Line of the date, for messages about it. */
  dateLine: number | null;
}

export interface ParsedListing {
  papers: ListedPaper[];
  diagnostics: Diagnostic[];
}

/** A title longer than this is a paragraph, not a title: the listing is out of step. */
const MAX_TITLE_LENGTH = 500;
/** An abstract shorter than this is worth a look (a title read as an abstract?). */
const MIN_ABSTRACT_LENGTH = 40;
/**
 * A line this short after a title is no abstract at all but page text the copy picked up (a
 * user name, a footer link, "updated 3 days ago"): the title above it is page text too, so
 * reading on would publish a paper made of chrome.
 */
const NO_ABSTRACT_LENGTH = 20;
/** An organisation's name on a listing is a few words, never a paragraph. */
const MAX_SUBMITTER_LENGTH = 80;

const SEPARATOR = /^[·•]$/;
const AUTHORS = /^(?:[•·*-]\s*)?(\d{1,3}(?:,\d{3})+|\d+)\s+authors?$/i;

/**
 * Markdown structure, which a listing never has: an ATX heading, a list item, a code fence or
 * the row under a table's header (`|---|---|`).
 * A saved listing page is lines of prose; its bullets are `•`, or the `- N authors` some
 * copies make of them, which is a listing line (`AUTHORS`).
 */
const MARKDOWN = /^ {0,3}(?:#{1,6}(?:[ \t]|$)|[-*+][ \t]+\S|\d{1,9}[.)][ \t]+\S|```|~~~|\|?[ \t]*:?-{3,}:?[ \t]*\|)/;

/** 1-based line of the first Markdown heading, list item or code fence in `text`, or null when it has none. */
export function markdownLine(text: string): number | null {
  const index = text.split('\n').findIndex((raw) => {
    const line = raw.replace(/^\uFEFF/, '');
    return MARKDOWN.test(line) && !AUTHORS.test(line.trim());
  });
  return index === -1 ? null : index + 1;
}

/** Whether a line is one link and nothing else. */
export const isLinkOnly = (line: string): boolean => /^<?https?:\/\/\S+>?$/i.test(line.trim());

/** Whether a line ends as a sentence does, and an abstract, never a title. */
const endsSentence = (line: string) => /[.!?…。！？．]["'’”)\]」』]?$/u.test(line);

/** A numbered reference, as a paper's bibliography or a reading list copied from one writes it: `[12] A. Author, …`. */
const REFERENCE = /^\s*\[\d{1,4}\][ \t]+\S/;

/** 1-based line of the first numbered reference in `text`, or null when it has none. */
export function referenceLine(text: string): number | null {
  const index = text.split('\n').findIndex((line) => REFERENCE.test(line));
  return index === -1 ? null : index + 1;
}

type Token =
  | { kind: 'text'; text: string; line: number }
  | { kind: 'authors'; count: number; line: number }
  | { kind: 'separator'; line: number };

/**
 * Reads a listing in either layout the catalog knows: one line per title and per abstract,
 * or blocks separated by blank lines. Both reduce to the same stream of non-blank lines —
 * title, abstract, then an optional metadata group (`• N authors` or an organisation, a
 * `·` line, a date with optional upvotes) — so one reader serves both, and a listing that
 * mixes them still reads.
 */
export function parseListing(file: string, text: string): ParsedListing {
  const diagnostics: Diagnostic[] = [];
  /** Messages about short abstracts, which one message replaces when most are short. */
  const shortAbstracts: Diagnostic[] = [];
  /** Every title and abstract read, kept or not: their title line and the abstract's length. */
  const pairs: { line: number; length: number }[] = [];
  const tokens = tokenize(text);
  const papers: ListedPaper[] = [];
  let pending: { title: string; line: number } | null = null;
  let last: ListedPaper | null = null;
  let lastHasMeta = false;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];

    if (pending) {
      // Metadata where the abstract should be: the title lost its abstract. Its metadata
      // goes with it, rather than being pinned on the paper before.
      if (token.kind !== 'text' || (next?.kind === 'separator' && looksLikeSubmitter(token.text))) {
        diagnostics.push(error(file, pending.line, `the title "${clip(pending.title)}" has no abstract; add the abstract on the line after it, or remove the title`));
        pending = null;
        i = skipMeta(tokens, i);
        continue;
      }
      const abstract = token.text.trim();
      if (isLinkOnly(abstract)) {
        // A reading list of titles and links: the link is no abstract, and a paper that kept it as one would join no other source.
        diagnostics.push(error(file, token.line, `the line after the title "${clip(pending.title)}" is a link, not its abstract; a listing is a title line followed by the abstract (a list of links is better kept as BibTeX or fetched with npm run fetch)`));
        pending = null;
        continue;
      }
      pairs.push({ line: pending.line, length: abstract.length });
      if (abstract.length < NO_ABSTRACT_LENGTH && !endsSentence(abstract)) {
        shortAbstracts.push(error(file, token.line, `"${abstract}" (${abstract.length} characters) is no abstract of "${clip(pending.title)}": both lines read as page text (a name, a link, a button) picked up with the listing; remove them, or put the paper's abstract after its title`));
        diagnostics.push(shortAbstracts.at(-1)!);
        pending = null;
        continue;
      }
      if (abstract.length < MIN_ABSTRACT_LENGTH) {
        shortAbstracts.push(warning(file, token.line, `this abstract is only ${abstract.length} characters; check that the title and abstract lines are in step`));
        diagnostics.push(shortAbstracts.at(-1)!);
      } else if (readsAsTitle(abstract)) {
        // A title where the abstract belongs: the abstract above was left out, and every line after is a step out.
        diagnostics.push(warning(file, token.line, `this line reads as a title (capitalised words, no full stop), not as the abstract of "${clip(pending.title)}"; is that paper's abstract missing?`));
      }
      last = { title: pending.title, abstract, line: pending.line, authorsCount: null, org: null, date: null, dateLine: null };
      papers.push(last);
      lastHasMeta = false;
      pending = null;
      continue;
    }

    // A line before a `·` separator, after an abstract, is the submitter: authors or an organisation.
    // A date there is the metadata's own, also where the copy left the `·` out.
    const afterAbstract = token.kind === 'text' && last !== null && !lastHasMeta;
    // (An organisation's name followed by a date, with no `·`, stays a title: it may be the next
    // paper's, whose abstract is missing, and must not vanish into the paper before.)
    const startsMeta = token.kind === 'authors' || token.kind === 'separator' || (afterAbstract && (next?.kind === 'separator' || parseDateLine(token.text) !== null));
    if (startsMeta) {
      if (!last || lastHasMeta) {
        diagnostics.push(error(file, token.line, 'metadata (authors, `·`, date) with no paper before it; it must follow a title and its abstract'));
        i = skipMeta(tokens, i);
        continue;
      }
      lastHasMeta = true;
      i = readMeta(file, tokens, i, last, diagnostics);
      continue;
    }

    const title = token.kind === 'text' ? token.text.trim() : '';
    if (title.length > MAX_TITLE_LENGTH) {
      diagnostics.push(error(file, token.line, `expected a title but found a ${title.length}-character paragraph; is an abstract split over two lines, or a title missing before it?`));
      continue;
    }
    pending = { title, line: token.line };
  }

  if (pending) {
    diagnostics.push(error(file, pending.line, `the title "${clip(pending.title)}" has no abstract (the file ends); add the abstract after it, or remove the title`));
  }
  if (pairs.length > 0 && median(pairs.map((pair) => pair.length)) < MIN_ABSTRACT_LENGTH) {
    // One message says what is wrong with the file; a warning for each short "abstract" would only repeat it.
    const symptoms = new Set(shortAbstracts);
    diagnostics.splice(0, diagnostics.length, ...diagnostics.filter((d) => !symptoms.has(d)));
    diagnostics.push(error(file, pairs[0]!.line, `this does not read as a listing: most "abstracts" are under ${MIN_ABSTRACT_LENGTH} characters; a listing is a title line followed by its abstract, repeated`));
  }
  if (papers.length === 0 && !diagnostics.some((d) => d.severity === 'error')) {
    // An empty save (a failed copy, a cut-short download) must not remove its papers' pages.
    diagnostics.push(tokens.length === 0
      ? error(file, 0, 'no papers in this listing (it is empty or only page chrome); remove the file to remove its papers, or save the listing again')
      : error(file, tokens[0]!.line, 'no papers found: a listing is a title line followed by an abstract line, repeated'));
  }
  return { papers, diagnostics };
}

/** Reads one metadata group starting at `i` into `paper`; returns the index of its last token. */
function readMeta(file: string, tokens: Token[], i: number, paper: ListedPaper, diagnostics: Diagnostic[]): number {
  let token = tokens[i]!;
  const dateOf = (t: Token | undefined) => (t?.kind === 'text' ? parseDateLine(t.text) : null);
  // A date with no `·` before it: a copy that left the dot out.
  const bare = dateOf(token);
  if (bare) {
    [paper.date, paper.dateLine] = [bare, token.line];
    return i;
  }
  if (token.kind === 'authors') {
    paper.authorsCount = token.count;
    token = tokens[++i]!;
  } else if (token.kind === 'text') {
    paper.org = organisationName(token.text);
    token = tokens[++i]!;
  }
  if (token?.kind !== 'separator') {
    const date = dateOf(token);
    if (date) [paper.date, paper.dateLine] = [date, token!.line];
    // `• N authors` alone, without a date, or with one and no `·`: keep what was read.
    return date ? i : i - 1;
  }
  const dateToken = tokens[i + 1];
  const date = dateOf(dateToken);
  if (!date) {
    diagnostics.push(error(file, token.line, 'a `·` metadata line must be followed by a listing date such as "Dec 8, 2024" or "Feb 23"'));
    return i;
  }
  paper.date = date;
  paper.dateLine = dateToken!.line;
  // Upvotes on a line of their own right below the date, as some copies put them, and then a
  // blank line (or the end): without one, the number is the next paper's title ("1984"?).
  const [votes, after] = [tokens[i + 2], tokens[i + 3]];
  const block = votes?.line === dateToken!.line + 1 && (after === undefined || after.line > votes.line + 1);
  if (date.upvotes === undefined && block && votes?.kind === 'text' && /^\d{1,7}$/.test(votes.text.trim())) {
    paper.date = { ...date, upvotes: Number(votes.text.trim()) };
    return i + 2;
  }
  return i + 1;
}

/** Index of the last token of the metadata group starting at `i` (submitter, `·`, date). */
function skipMeta(tokens: Token[], i: number): number {
  while (i + 1 < tokens.length && tokens[i + 1]!.kind !== 'text') i++;
  const after = tokens[i + 1];
  if (tokens[i]!.kind === 'separator' && after?.kind === 'text' && parseDateLine(after.text)) i++;
  return i;
}

/** An organisation line is a name, not a sentence: short, and without a full stop. */
function looksLikeSubmitter(text: string): boolean {
  const line = text.trim();
  return line.length <= MAX_SUBMITTER_LENGTH && !/[.!?]\s/.test(line);
}

/**
 * Whether a line reads as a title rather than an abstract: most of its longer words
 * capitalised, and no sentence ending. Abstracts are sentences; titles are capitalised.
 */
function readsAsTitle(line: string): boolean {
  const words = (line.match(/\p{L}[\p{L}'’-]*/gu) ?? []).filter((word) => word.length >= 4);
  if (words.length < 3 || endsSentence(line)) return false;
  return words.filter((word) => /^\p{Lu}/u.test(word)).length >= 0.7 * words.length;
}

function median(values: number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Listing pages show an organisation as its handle then its name ("openbmb OpenBMB");
 * the name alone is what people read. Anything else is kept as written.
 */
export function organisationName(line: string): string {
  const text = line.trim();
  const space = text.indexOf(' ');
  if (space > 0) {
    const handle = text.slice(0, space).toLowerCase();
    const name = text.slice(space + 1).trim();
    const squash = (value: string) => value.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
    if (squash(handle) === squash(name)) return name;
  }
  return text;
}

/** Non-blank lines that are not page chrome, with their line numbers and kinds. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const rows = text
    .split('\n')
    .map((raw, index) => ({ line: index + 1, content: raw.replace(/^\uFEFF/, '') }))
    .filter((row) => row.content.trim());
  let seenContent = false;
  let seenChrome = false;
  let afterChrome = false;
  for (const [k, row] of rows.entries()) {
    const { line } = row;
    let { content } = row;
    // The lines before the first paper are the page's header: chrome there is chrome.
    if (isChromeLine(content) && !(seenContent && titledLikeChrome(rows, k))) {
      seenChrome = afterChrome = true;
      continue;
    }
    // Chrome is glued to a page's first title only below chrome lines (the file's header, or a
    // later page's); without them, a first title such as "Subscribers: …" is kept whole.
    if ((!seenContent && seenChrome) || afterChrome) content = stripGluedChrome(content);
    // A date alone before the first paper, or after chrome (a second page pasted below the
    // first), is the page's own date, not a paper's.
    if ((!seenContent || afterChrome) && isPageDateLine(content)) continue;
    afterChrome = false;
    seenContent = true;
    const trimmed = content.trim();
    // The author count's bullet on a line of its own ("•", then "4 authors"): one line, as usual.
    if (trimmed === '•' && AUTHORS.test(rows[k + 1]?.content.trim() ?? '')) continue;
    // Metadata on one line ("• 4 authors · Feb 23"), as some copies join it: the group's three lines.
    const joined = trimmed.includes('·') ? /^(.+?)\s+·\s+(.+)$/.exec(trimmed) : null;
    if (joined && parseDateLine(joined[2]!) && (AUTHORS.test(joined[1]!) || looksLikeSubmitter(joined[1]!))) {
      const count = AUTHORS.exec(joined[1]!);
      tokens.push(count ? { kind: 'authors', count: authorCount(count[1]!), line } : { kind: 'text', text: joined[1]!, line }, { kind: 'separator', line }, { kind: 'text', text: joined[2]!, line });
      continue;
    }
    const authors = AUTHORS.exec(trimmed);
    if (authors) tokens.push({ kind: 'authors', count: authorCount(authors[1]!), line });
    else if (SEPARATOR.test(trimmed)) tokens.push({ kind: 'separator', line });
    else tokens.push({ kind: 'text', text: content, line });
  }
  return tokens;
}

/**
 * Whether the chrome-like line at `k` ("new", "Subscribe") after the first paper is a paper's
 * title: an abstract follows it. That is, the next line is not chrome, and it is longer than
 * the line after it (a title is shorter than its abstract), or ends a sentence where the line
 * after does not, or metadata or the end follows it. Page chrome is followed by more chrome, by
 * metadata or a date, or by a title and then its abstract.
 */
function titledLikeChrome(rows: readonly { content: string }[], k: number): boolean {
  const next = rows[k + 1]?.content.trim();
  if (next === undefined || isChromeLine(next) || isMeta(next) || parseDateLine(next)) return false;
  const after = rows[k + 2]?.content.trim();
  return after === undefined || isMeta(after) || next.length > after.length || (endsSentence(next) && !endsSentence(after));
}

/** "1,350" authors are 1350. */
const authorCount = (digits: string) => Number(digits.replaceAll(',', ''));

/** Whether a line is metadata of its own: an author count or a `·`. */
export const isMeta = (line: string) => AUTHORS.test(line.trim()) || SEPARATOR.test(line.trim());

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
