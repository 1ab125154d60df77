/**
 * Display text, the one place each rule is written: how untrusted text is cleaned, how a date
 * reads, where long text is cut, how a count is said, how titles sort. The ingest, the pages,
 * the preview cards and the search UI all use these, so a paper's page and its card say the
 * same thing. Pure and free of Node and of `Intl` date formats (whose output follows the ICU
 * version), so the same input reads the same in Node and in every browser.
 */
import { isValidDay, MONTH_ABBREVIATIONS } from './calendar.ts';

/**
 * Display text (titles, names, organisations): invisible controls removed (see
 * `stripControls`), runs of whitespace (tabs, NBSP, stray newlines) as one space, trimmed.
 * Empty when nothing in it would show: a title of only a zero-width space reads as blank,
 * so it is no title, and is reported like an empty one.
 */
export function cleanText(text: string): string {
  const clean = stripControls(text).replace(/\s+/gu, ' ').trim();
  return BLANK.test(clean) ? '' : clean;
}

/**
 * Text that shows nothing: whitespace, the characters Unicode says to draw as nothing
 * (Default_Ignorable_Code_Point: zero-width spaces and joiners, soft hyphens, word joiners,
 * Hangul fillers, variation selectors) and the blank Braille cell. Inside visible text they
 * are kept: they carry meaning there.
 */
const BLANK = /^[\s\p{Default_Ignorable_Code_Point}\u2800]*$/u;

/**
 * Characters no title or abstract needs, removed:
 * - bidirectional controls — U+202A–U+202E embeddings and overrides, U+2066–U+2069
 *   isolates, the LRM/RLM/ALM marks — which make text read differently from what it is
 *   ("Trojan Source");
 * - control characters other than whitespace (C0, DEL, C1: terminal escapes, bells, what a
 *   PDF copy leaves behind) and Unicode noncharacters, which XML does not allow: one of
 *   them would make the RSS feeds unreadable.
 * Vertical tab, form feed and next line (U+0085), line breaks that XML does not allow or
 * that no parser here treats as one, become spaces. A lone surrogate, which no UTF-8 file
 * holds but a JSON `\ud800` escape can, becomes U+FFFD: it is no character at all.
 */
export function stripControls(text: string): string {
  return text.toWellFormed().replace(INVISIBLE, '').replace(/[\v\f\x85]/g, ' ');
}

/**
 * Text from input as one line of a terminal message: `stripControls`, and line breaks and tabs
 * made single spaces, so a title or a server's answer quoted in a message cannot move the
 * cursor, recolour or rewrite what the terminal shows.
 */
export function oneLine(text: string): string {
  return stripControls(text).replace(/\s*[\r\n]+\s*/g, ' ').replace(/\t/g, ' ');
}

const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]|[\0-\x08\x0E-\x1F\x7F-\x84\x86-\x9F]|\p{Noncharacter_Code_Point}/gu;

let segmenter: Intl.Segmenter | undefined;
/** The user-perceived characters of `text`: an emoji with its modifiers, a letter with its accents, is one. */
export function graphemes(text: string): string[] {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/**
 * `text` with whitespace collapsed, cut to at most `max` characters (graphemes, "…" included)
 * at the last word boundary that fits; a single overlong word is cut inside. Punctuation before
 * the cut is dropped, so it never reads `word,…`.
 */
export function excerpt(text: string, max = 220): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  const parts = graphemes(flat);
  if (parts.length <= max) return flat;
  const cut = parts.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  const head = space > 0 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,;:.–—-]+$/u, '')}…`;
}

/** A page's description, for its `<meta>` tags: cut at a word within 200 characters, where search results and chat apps would cut it mid-word. */
export function pageDescription(text: string): string {
  return excerpt(text, 200);
}

/** The year, month and day of `YYYY-MM-DD`, or null unless it is a real calendar date. */
function calendarDate(date: string): [year: number, month: number, day: number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDay(year, month, day) ? [year, month, day] : null;
}

/** `2024-02-12` → `Feb 12, 2024`; null unless a real calendar date. */
export function formatDate(date: string | null | undefined): string | null {
  const parts = calendarDate(date ?? '');
  if (!parts) return null;
  const [year, month, day] = parts;
  return `${MONTH_ABBREVIATIONS[month - 1]} ${day}, ${year}`;
}

/** A date as precise as it is known: `2023` → `2023`, `2023-12` → `Dec 2023`, `2023-12-01` → `Dec 1, 2023`; else as given. */
export function formatPartialDate(date: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(date);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) return `${MONTH_ABBREVIATIONS[Number(month[2]) - 1]} ${month[1]}`;
  return formatDate(date) ?? date;
}

/** `1 paper`, `2 papers`: a count and the word for what is counted, made plural with an `s`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

let collator: Intl.Collator | undefined;
/** Alphabetical order for titles and names: case and accents ignored, numbers by value ("Part 2" before "Part 10"). */
export function compareText(a: string, b: string): number {
  collator ??= new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  return collator.compare(a, b);
}

/** `A`–`Z` by a title's first character with accents removed; digits and symbols share `#`. */
export function initialOf(title: string): string {
  const first = title.normalize('NFD').charAt(0).toUpperCase();
  return /[A-Z]/.test(first) ? first : '#';
}

/**
 * `text`, a file's new content, with the line ends the file had: a YAML library writes "\n", and
 * a file saved with "\r\n" (on Windows) would otherwise change on every line, not just where edited.
 */
export function withLineEndsOf(previous: string, text: string): string {
  return previous.includes('\r\n') ? text.replace(/\r?\n/g, '\r\n') : text;
}
