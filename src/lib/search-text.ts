/**
 * Words, terms and highlighting, shared by the offline index (built in Node) and the search
 * UI in the browser (title highlighting for both engines, excerpts for the offline one).
 * Pure, so the same code runs in both places; its one dependency, the stemmer, ships to
 * readers in the search bundle.
 */
import porter2 from 'wink-porter2-stemmer';
import { letterNamesIn } from './letter-names.ts';
import { remembered } from './remembered.ts';

/** A run of letters or digits in the original text, with where it starts and ends. */
export interface Word {
  /** Normalised search term (see `termOf`). */
  term: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;

/** Letters that are not a letter and an accent, so NFKD does not take them apart. */
const LETTERS: Record<string, string> = { ø: 'o', ł: 'l', ß: 'ss', æ: 'ae', œ: 'oe', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
const UNSPLIT = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');

/** Lower case without accents, as Pagefind indexes a word: `Schrödinger` → `schrodinger`. */
const unaccented = (text: string) => text.normalize('NFKD').replace(MARKS, '').toLowerCase();

/** Lower case in plain letters: `Schrödinger` → `schrodinger`, `Łukasz Søgaard` → `lukasz sogaard`. */
export function fold(text: string): string {
  return unaccented(text).replace(UNSPLIT, (c) => LETTERS[c]!);
}

/** The page metadata that carries a paper page's `plainSpellings`: text to search, not to show. */
export const SPELLINGS_META = 'plain';

/**
 * A page's indexed text without its plain spellings (the page's last words under
 * `SPELLINGS_META`), so an excerpt never shows "orsted lodz lukasz" that no reader wrote.
 */
export function withoutSpellings(text: string, spellings: string | undefined): string {
  const at = spellings ? text.lastIndexOf(spellings) : -1;
  return at === -1 ? text : `${text.slice(0, at)}${text.slice(at + spellings!.length)}`.replace(/\s+/g, ' ').trim();
}

/**
 * The words of `text` that the hosted search would not find as the offline edition does, for a
 * paper page to give Pagefind to index too:
 * - in plain letters: Pagefind takes accents off ("muller" finds "Müller") but leaves the
 *   letters of `LETTERS`, so "Lukasz" found no "Łukasz";
 * - the later parts of a joined name with a capital inside them ("ViT" of "CNN-ViT", "MoE" of
 *   "V-MoE"), which Pagefind indexes whole and by its first part only, so "ViT" missed "a CNN-ViT
 *   hybrid" (a part the text has alone is indexed already);
 * - the name of a Greek letter or a symbol that stands alone: "beta-VAE" found no "β-VAE".
 */
export function plainSpellings(text: string): string[] {
  const spellings = new Set<string>();
  // Every paper page asks, and most texts have neither: one look at the whole text spares the
  // word-by-word work (1 s over 10,000 pages).
  if (unaccented(text).search(UNSPLIT) !== -1) {
    for (const [word] of text.matchAll(WORD)) {
      const plain = fold(word);
      if (plain !== unaccented(word)) spellings.add(plain);
    }
  }
  for (const name of letterNamesIn(text)) spellings.add(name);
  if (MIXED_CASE_JOIN.test(text)) {
    const alone = new Set(text.replace(JOINED, ' ').match(WORD)?.map(fold));
    for (const [joined] of text.matchAll(JOINED)) {
      if (hasDigit(joined)) continue;
      for (const part of joined.split(JOINER).slice(1)) {
        const plain = fold(part);
        if (INNER_CAPITAL.test(part) && !alone.has(plain)) spellings.add(plain);
      }
    }
  }
  return [...spellings];
}

/** Longest word stemmed: no English word is longer, and the package's time grows with the square of a word's length (a 16,000-letter run takes seconds). */
const STEMMED_MAX = 64;

/** An acronym's plural, left whole by Porter2, which strips an "s" only after a vowel: "cnns", "llms". */
const ACRONYM_PLURAL = /^[b-df-hj-np-tv-xz]+s$/;

/** Stems already worked out: a page's text says the same words many times, and a phrase query stems every hit's text. */
const stemOfWord = remembered((word) => (ACRONYM_PLURAL.test(word) && word.length > 2 ? word.slice(0, -1) : porter2(word)), 100_000);

/**
 * The English stem of a folded word, as Pagefind stems the hosted index (Porter2, the Snowball
 * English algorithm): `distilled`, `distilling` and `distillation` are all `distil`, so the
 * offline edition finds the inflections the hosted site finds; and an acronym's plural is its
 * singular ("cnns" is `cnn`), as before Porter2. A word with a digit ("gpt4", "16bit") is a name
 * and stays whole: Porter2 knows no names, and the package reads "3" as its own mark for a "y".
 * So does a run of letters longer than any word (`STEMMED_MAX`).
 */
export function stem(term: string): string {
  return term.length > STEMMED_MAX || /\d/.test(term) ? term : stemOfWord(term);
}

/** Search term of one word of text. */
function termOf(word: string): string {
  return stem(fold(word));
}

/** Every word of `text` with its term and position; hyphenated and dotted parts are separate words. */
export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const term = termOf(match[0]);
    if (term) out.push({ term, start: match.index, end: match.index + match[0].length });
  }
  return out;
}

/** A hyphen or dash inside a word: "state-space", "text-to-image", "GPT-4". */
const JOINER = /[-‐‑–—]/gu;
/** Words joined by `JOINER`s: "state-space", "GPT-4", "ImageNet-1K". */
const JOINED = /[\p{L}\p{N}]+(?:[-‐‑–—][\p{L}\p{N}]+)+/gu;
/** A slash between words, which parts two words, not one name's parts: "CNN/Transformer", "GPT-4/GPT-3.5". */
const SLASH = /(?<=[\p{L}\p{N}])\/(?=[\p{L}\p{N}])/gu;

/** A capital inside a word (not at its start): "ViT", "MoE", "BERT". */
const INNER_CAPITAL = /[\p{L}\p{N}]\p{Lu}/u;
/** A word with a capital inside it joined to the one before it: "CNN-ViT", "V-MoE", not "LLM-based". */
const MIXED_CASE_JOIN = /[\p{L}\p{N}][-‐‑–—][\p{L}\p{N}]*[\p{L}\p{N}]\p{Lu}/u;

/** Names with a digit, joined by hyphens, dashes or apostrophes ("GPT-4", "WMT'14"), which Pagefind indexes as one word ("gpt4", "wmt14"). */
const NAME = /[\p{L}\p{N}]+(?:[-‐‑–—'’][\p{L}\p{N}]+)+/gu;
const NAME_JOINER = /[-‐‑–—'’]/gu;
const hasDigit = (word: string) => /\p{N}/u.test(word);
/** A joined name as one term: "GPT-4" is "gpt4". */
const nameTerm = (word: string) => fold(word.replace(NAME_JOINER, ''));

/**
 * The query as Pagefind should be asked it, read as `words` reads text:
 * - symbols (`<`, `>`, `+`, `=`, `|`, `$`, `^`, emoji) are spaces: Pagefind found nothing for
 *   "<flow>" or "c++ code", where the offline edition found the papers;
 * - the parts of joined words are apart: Pagefind indexes a hyphenated word both whole and by
 *   its parts but searches a hyphenated query word only whole, so "state-space models" missed
 *   the papers that say "state space models". A joined word with a digit in it ("GPT-4",
 *   "ImageNet-1K", "Mamba-3B") is a name and stays whole: Pagefind finds it whole ("gpt4"), and
 *   apart, "4" matches every number that starts with it;
 * - one quoted phrase: Pagefind reads a query as a phrase only when the whole of it is in quotes,
 *   and drops the quotes of any other, so `"linear attention" "state space"`, which begins and
 *   ends with one, was the phrase `linear attention" "state space` and found nothing. Quotes
 *   after the first phrase's go, and Pagefind searches the words.
 */
export function pagefindQuery(query: string): string {
  let phrases = 0;
  return query
    .replace(/"[^"]*"/g, (phrase) => (phrases++ === 0 ? phrase : ` ${phrase.slice(1, -1)} `))
    .replace(/\p{S}/gu, ' ')
    .replace(SLASH, ' ')
    .replace(JOINED, (word) => (hasDigit(word) ? word : word.replace(JOINER, ' ')));
}

/** Each name joined with a digit in it ("GPT-4", "WMT'14") as one word, as Pagefind indexes it ("gpt4", "wmt14"), folded. */
export function joinedNames(text: string): string[] {
  return [...text.matchAll(NAME)].flatMap(([word]) => (hasDigit(word) ? [nameTerm(word)] : []));
}

/**
 * The query with each name joined with a digit that `known` does not know whole written apart
 * ("Nemotron-15B" of "Apriel-Nemotron-15B-Thinker", which Pagefind indexes whole and by its
 * parts, not by a part of its parts), when its parts with digits are words search can tell
 * ("15b"): "GPT-5" stays whole, as "5" would match every number that starts with it.
 */
export function namesAsIndexed(query: string, known: (name: string) => boolean, minLength: number): string {
  return query.replace(JOINED, (word) => {
    if (!hasDigit(word) || known(nameTerm(word))) return word;
    const parts = word.split(JOINER);
    return parts.every((part) => !hasDigit(part) || part.length >= minLength) ? parts.join(' ') : word;
  });
}

/** Where `text` has names joined with a digit: the [start, end) of each. */
export function nameSpans(text: string): [number, number][] {
  return [...text.matchAll(NAME)].filter(([word]) => hasDigit(word)).map((m) => [m.index, m.index + m[0].length]);
}

/**
 * Words from which a query is also a phrase: five words copied from an abstract mean those
 * words together, and pages that have them so come first (both engines, see
 * `src/browser/search/pagefind.ts` and `OfflineIndex`). Fewer words are kept as loose words: "rectified
 * flow" should rank titles with both words first wherever they stand.
 */
export const PHRASE_WORDS = 4;

/** Whether a query is searched as a phrase as well: `PHRASE_WORDS` words or more, and no quotes of its own. */
export function isPhraseQuery(query: string | null): query is string {
  return !!query && !query.includes('"') && words(query).length >= PHRASE_WORDS;
}

/** Whether `text` has the terms of `phrase`, consecutive and in order. */
export function hasPhrase(text: string, phrase: readonly string[]): boolean {
  const terms = words(text).map((w) => w.term);
  outer: for (let i = 0; i + phrase.length <= terms.length; i++) {
    for (let k = 0; k < phrase.length; k++) if (terms[i + k] !== phrase[k]) continue outer;
    return true;
  }
  return false;
}

/** Where `word` is, or would go, in a sorted list of words: the first of them not before it. Words it begins follow from there. */
export function sortedPosition(sorted: readonly string[], word: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A word of a query as search matches it: as typed (folded), and its stem. */
export interface QueryTerm {
  word: string;
  stem: string;
}

/**
 * Stems shorter than this are matched whole, not as the start of longer stems: "being" is `be`,
 * "using" `use`, "its" `it`, and the stems they begin are half the catalog's words.
 */
export const SHORT_STEM = 4;

/** Query terms in the order typed, without repeats. */
export function queryTerms(query: string): QueryTerm[] {
  const seen = new Map<string, QueryTerm>();
  for (const match of query.matchAll(WORD)) {
    const word = fold(match[0]);
    if (word && !seen.has(word)) seen.set(word, { word, stem: stem(word) });
  }
  return [...seen.values()];
}

/**
 * The terms the offline index looks a query up by: `queryTerms`, but a name joined with a digit
 * ("GPT-4") is one term ("gpt4"), as the index holds it too, and as Pagefind reads it: apart,
 * "4" would match every number that starts with it.
 */
export function indexTerms(query: string): QueryTerm[] {
  const names: string[] = [];
  const rest = query.replace(JOINED, (word) => {
    if (!hasDigit(word)) return word;
    names.push(nameTerm(word));
    return ' ';
  });
  const terms = queryTerms(rest);
  for (const name of new Set(names)) if (!terms.some((t) => t.word === name)) terms.push({ word: name, stem: name });
  return terms;
}

/**
 * Whether a word of text, by its stem and as written (folded), is a hit for a query term: an
 * inflection of it (the same stem: "distillation" for "distilled", both `distil`), a word it
 * begins, as the query may be half typed ("conv" of "convolution", "generati" of "generation"),
 * a word whose stem its stem begins ("modelling", `modell`, for "models", `model`) unless
 * that stem is short (`SHORT_STEM`), or one whose stem it is typed on from (`typedPast`). The
 * offline index matches by the same rule (`OfflineIndex`), with only the stems to go by.
 */
function isHit(wordStem: string, written: string, q: QueryTerm): boolean {
  return wordStem === q.stem || written.startsWith(q.word) || wordStem.startsWith(q.word) || (q.stem.length >= SHORT_STEM && wordStem.startsWith(q.stem)) || typedPast(q.word, wordStem);
}

/** Endings Porter2 takes off English words (its steps 1 to 5, and "y" as "i"), written out. */
const ENDINGS = ['s', 'es', 'ies', 'ed', 'ing', 'ly', 'ion', 'ions', 'ional', 'ation', 'ational', 'ations', 'ization', 'isation', 'ity', 'ities', 'ive', 'ively', 'iveness', 'ness', 'ment', 'ments', 'able', 'ably', 'ible', 'al', 'ally', 'er', 'ers', 'ism', 'ist', 'ists', 'ous', 'ously', 'ful', 'fully', 'less', 'ic', 'ical', 'ically', 'ance', 'ence', 'ant', 'ent', 'ate', 'ated', 'ates', 'ating', 'ize', 'ized', 'izes', 'izing', 'ise', 'ised', 'y'];
/** The starts of those endings: "i" of "ion", "men" of "ment". */
const ENDING_STARTS = new Set(ENDINGS.flatMap((ending) => [...ending].map((_, i) => ending.slice(0, i + 1))));

/**
 * Whether `word` is `wordStem` typed on into an ending: "attenti" of `attent` ("attention"),
 * "analysis" of `analys` ("analyses"); not "attentionl", nor "bertolo" of `bert`. The stem is
 * at least half the word, and not short (`SHORT_STEM`).
 */
export function typedPast(word: string, wordStem: string): boolean {
  return wordStem.length >= Math.max(SHORT_STEM, Math.ceil(word.length / 2)) && wordStem.length < word.length && word.startsWith(wordStem) && ENDING_STARTS.has(word.slice(wordStem.length)) && !/\d/.test(word);
}

/** Whether a word of `text` is a hit for any of the terms; the word is folded once for all of them. */
function hitIn(text: string, word: Word, terms: readonly QueryTerm[]): boolean {
  const written = fold(text.slice(word.start, word.end));
  return terms.some((q) => isHit(word.term, written, q));
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * `text` safe to put into HTML, in an element or a quoted attribute: shown as written, never
 * run. The feeds escape abstracts with it too (src/lib/feed.ts).
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** `text` as HTML, escaped, with every word that is a hit for the query terms (`isHit`) wrapped in `<mark>`. */
export function highlight(text: string, terms: readonly QueryTerm[]): string {
  if (terms.length === 0) return escapeHtml(text);
  let html = '';
  let at = 0;
  for (const word of words(text)) {
    if (!hitIn(text, word, terms)) continue;
    html += `${escapeHtml(text.slice(at, word.start))}<mark>${escapeHtml(text.slice(word.start, word.end))}</mark>`;
    at = word.end;
  }
  return html + escapeHtml(text.slice(at));
}

/**
 * A window of about `length` words of `text` around its densest cluster of query hits, as
 * escaped HTML with the hits marked; the start of the text when nothing matches.
 * Ellipses show where the window cuts the text.
 */
export function hitExcerpt(text: string, terms: readonly QueryTerm[], length = 30): string {
  const all = words(text);
  if (all.length === 0) return '';
  let best = 0;
  if (terms.length > 0 && all.length > length) {
    const hit = all.map((w) => (hitIn(text, w, terms) ? 1 : 0));
    let count = hit.slice(0, length).reduce((a: number, b) => a + b, 0);
    let bestCount = count;
    for (let i = 1; i + length <= all.length; i++) {
      count += hit[i + length - 1]! - hit[i - 1]!;
      if (count > bestCount) {
        bestCount = count;
        best = i;
      }
    }
    if (bestCount === 0) {
      best = 0;
    } else {
      // Start a few words before the window's first hit, so it reads as part of a sentence.
      let first = best;
      while (!hit[first]) first++;
      best = Math.max(0, Math.min(first - 3, all.length - length));
    }
  }
  const first = all[best]!;
  const last = all[Math.min(all.length, best + length) - 1]!;
  const from = best === 0 ? 0 : first.start;
  let to = best + length >= all.length ? text.length : last.end;
  // Closing punctuation belongs to the last word; nothing but punctuation left means no cut.
  to += /^[.,;:!?)\]}"'”’]*/.exec(text.slice(to))![0].length;
  if (!text.slice(to).trim()) to = text.length;
  const body = highlight(text.slice(from, to).trim(), terms);
  return `${from > 0 ? '… ' : ''}${body}${to < text.length ? ' …' : ''}`;
}
