import slugify from '@sindresorhus/slugify';
import { createHash } from 'node:crypto';
import { abstractsAgree, abstractWords, authorsDiffer, overlap, textWords, titlesAlike, wordsAgree } from './merge.ts';
import { MAX_ID_LENGTH } from '../schemas/id.ts';
import { everyId } from '../lib/aliases.ts';
import { withLetterNames } from '../lib/letter-names.ts';
import { didYouMean, editDistance } from '../lib/spelling.ts';


/** Names Windows keeps for devices: a file `aux.mdx` cannot be checked out there. */
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com\d|lpt\d)$/;

/**
 * A URL-safe slug for a title: ASCII, lowercase, hyphenated (the slugify package
 * transliterates "ü" rather than dropping it), cut at a word boundary. A Greek letter or a
 * symbol standing alone is its name ("β-VAE" → beta-vae, "∞-former" → infinity-former), where
 * the package read β as Modern Greek's "v" and dropped ∞.
 * A title with nothing to transliterate gets a slug from its hash; a title that slugs to a
 * Windows device name ("AUX") gets "-paper" after it, so every clone can hold its file.
 */
export function slugForTitle(title: string): string {
  const slug = cutAtWord(slugify(withLetterNames(title), { decamelize: false }), MAX_ID_LENGTH);
  if (WINDOWS_DEVICE.test(slug)) return `${slug}-paper`;
  return slug || `paper-${createHash('sha256').update(title).digest('hex').slice(0, 10)}`;
}

/** A slug of at most `length` characters, cut after a whole word where it has one there. */
export function cutAtWord(slug: string, length: number): string {
  if (slug.length <= length) return slug;
  const cut = slug.lastIndexOf('-', length);
  return slug.slice(0, cut > 0 ? cut : length);
}

/** The id of the `n`th paper of one title: `<slug>-<n>`, the slug cut so the id too stays within `MAX_ID_LENGTH`. */
const numberedId = (base: string, n: number) => `${cutAtWord(base, MAX_ID_LENGTH - String(n).length - 1)}-${n}`;

/** Whether two ids differ only by the number that tells papers of one title apart (`flow-matching`, `flow-matching-2`). */
const numberedApart = (a: string, b: string): boolean => a.replace(/-\d+$/, '') === b.replace(/-\d+$/, '');

/**
 * "did you mean …?" for an id a letter or two from one of `ids` (a typo, whose decision would go
 * unapplied), but not merely numbered apart from it ("flow-matching" and "flow-matching-2" are
 * two papers); "" when none is that close.
 */
export function meantId(id: string, ids: readonly string[]): string {
  return didYouMean(id, ids.filter((other) => Math.abs(other.length - id.length) <= 2 && !numberedApart(other, id)));
}

/** What the catalog already knows about a paper: the URL it was published under. */
export interface KnownPaper {
  id: string;
  /** Former ids that redirect to `id`. */
  aliases: string[];
  titleKey: string;
  /** Empty when the paper had no abstract. */
  abstractKey: string;
  arxivId: string | null;
  /** Compared in lower case (`doiKey`). */
  doiKey: string | null;
  /** The entries it was read from, for files that name them (`sourceKey`: a .bib's key, a CSL id). */
  sourceKeys: readonly string[];
  /** The files it was read from. */
  sourceFiles: readonly string[];
  /** Its first author's name, when a source named one. */
  firstAuthor: string | null;
}

/** An entry of a source file that names its entries: the same key in the same file is the same entry, whatever its title now says. */
export const sourceKey = (file: string, key: string) => `${file}\u0000${key}`;

/** A paper to give an id: everything it may be recognised by. */
export interface PaperToName {
  key: string;
  title: string;
  /** Title keys of every source's title. */
  titleKeys: readonly string[];
  /** Abstract keys of every source's abstract (none when no source has one). */
  abstractKeys: readonly string[];
  arxivId: string | null;
  doiKey: string | null;
  sourceKeys: readonly string[];
  sourceFiles: readonly string[];
  firstAuthor: string | null;
}

export interface Assigned {
  id: string;
  aliases: string[];
  /** The catalog's record this paper was recognised as, if any. */
  known?: KnownPaper;
  /**
   * Other records of the catalog it also matches, that no paper claimed: papers published
   * apart until a new source showed them to be one. Their ids and aliases are among `aliases`.
   */
  absorbed?: KnownPaper[];
}

/**
 * Gives every paper an id, keeping the ids already published: a URL, once shared, must not
 * move — not when a title is corrected, nor when the paper gains an arXiv id, a DOI or a
 * source whose title wins. A paper is recognised by its arXiv id, then its DOI, then a title
 * and abstract of its sources together, then a title alone (unless their abstracts clearly
 * differ, their ids contradict or, with no abstracts to tell, their first authors), then its
 * entry in a file that names entries with a title a little different (a .bib's key: its title
 * was corrected), then an abstract; and last, among the records no paper claimed, by a title
 * and an abstract both revised a little (a listing of arXiv's next version), or by a title with
 * one word's typo corrected in the same file (an entry with no abstract, whose key, if it has one, the exporter made anew from it). A paper that matches records no other paper claimed absorbs them:
 * their URLs become its aliases. New papers take their title's slug, or the first free `-2`,
 * `-3`… after it (the slug cut shorter, at a word, where the number would pass `MAX_ID_LENGTH`),
 * never an id or alias used before. `papers`
 * must be in a fixed order for the result to be the same on every run.
 */
export function assignIds(papers: readonly PaperToName[], known: readonly KnownPaper[]): Map<string, Assigned> {
  const assigned = new Map<string, Assigned>();
  const claimed = new Set<KnownPaper>();
  // Guards against a damaged catalog in which two files carry the same id.
  const claimedIds = new Set<string>();
  const claim = (key: string, match: KnownPaper | undefined) => {
    if (!match || claimed.has(match) || claimedIds.has(match.id) || assigned.has(key)) return;
    claimed.add(match);
    claimedIds.add(match.id);
    assigned.set(key, { id: match.id, aliases: match.aliases, known: match });
  };
  const both = (title: string, abstract: string) => `${title}\u0000${abstract}`;
  const passes: [(k: KnownPaper) => readonly string[], (p: PaperToName) => readonly string[], ((k: KnownPaper, p: PaperToName) => boolean)?][] = [
    [(k) => (k.arxivId ? [k.arxivId] : []), (p) => (p.arxivId ? [p.arxivId] : [])],
    [(k) => (k.doiKey ? [k.doiKey] : []), (p) => (p.doiKey ? [p.doiKey] : [])],
    // Two papers may share a title, so a title with its abstract comes before a title alone,
    // whichever paper comes first: a newcomer must not take the URL and notes of the paper it is named like.
    [(k) => (k.abstractKey ? [both(k.titleKey, k.abstractKey)] : []), (p) => p.titleKeys.flatMap((t) => p.abstractKeys.map((a) => both(t, a)))],
    [(k) => [k.titleKey], (p) => p.titleKeys, isOtherPaper],
    // Keys are renamed and reused ("smith2023a" and "b" swapped): a key recognises the paper whose
    // title it still nearly has. With the very title it is the paper whatever its ids say, as a
    // title with its abstract is: one of them was corrected, upstream or by hand in the file.
    [(k) => k.sourceKeys, (p) => p.sourceKeys, (k, p) => !p.titleKeys.includes(k.titleKey) && (isOtherPaper(k, p) || !p.titleKeys.some((t) => titlesAlike(t, k.titleKey)))],
    // An empty abstract recognises nothing: two papers without one are not alike.
    [(k) => (k.abstractKey ? [k.abstractKey] : []), (p) => p.abstractKeys],
  ];
  // A key may name several records (two works titled "Deep learning"): a paper takes the first one free.
  const indexes = passes.map(([knownKeys]) => {
    const index = new Map<string, KnownPaper[]>();
    for (const k of known) for (const key of knownKeys(k)) index.get(key)?.push(k) ?? index.set(key, [k]);
    return index;
  });
  /**
   * Each record of the catalog not yet claimed that `paper` matches in pass `i`. A claimed
   * record is passed over before its rule is tried: on a catalog written before, every paper
   * has claimed its own record by its id in the first pass, and comparing its abstract with
   * that record's again in each later pass cost 0.4 s at 10,000 papers.
   */
  function* matchesIn(i: number, paper: PaperToName) {
    const [, paperKeys, rulesOut] = passes[i]!;
    for (const key of paperKeys(paper)) {
      const records = indexes[i]!.get(key) ?? [];
      for (const match of records.length > 1 ? likeliestFirst(records, paper) : records) if (!claimed.has(match) && !claimedIds.has(match.id) && !rulesOut?.(match, paper)) yield match;
    }
  }
  for (let i = 0; i < passes.length; i++) {
    for (const paper of papers) {
      if (assigned.has(paper.key)) continue;
      for (const match of matchesIn(i, paper)) claim(paper.key, match);
    }
  }
  // Only once every paper has claimed its own record: what is left over and matches a paper was
  // that paper all along, unless it was read from another paper's entry (its arXiv id or DOI
  // edited by hand to this paper's): that paper's notes and address are not this one's to take.
  const entryOf = new Map(papers.flatMap((paper) => paper.sourceKeys.map((key) => [key, paper.key] as const)));
  const anotherPapers = (record: KnownPaper, paper: PaperToName) => record.sourceKeys.some((key) => (entryOf.get(key) ?? paper.key) !== paper.key);
  for (let i = 0; i < passes.length; i++) {
    for (const paper of papers) {
      if (!assigned.has(paper.key)) continue;
      for (const match of matchesIn(i, paper)) {
        if (anotherPapers(match, paper)) continue;
        const mine = assigned.get(paper.key)!;
        claimed.add(match);
        claimedIds.add(match.id);
        assigned.set(paper.key, { ...mine, aliases: [...mine.aliases, match.id, ...match.aliases], absorbed: [...(mine.absorbed ?? []), match] });
      }
    }
  }
  // Last, and only among records nothing matched exactly: a paper without an id may be a revision of one.
  const revisionOf = revisions(known.filter((k) => !claimed.has(k)));
  for (const paper of papers) if (!assigned.has(paper.key)) claim(paper.key, revisionOf(paper).find((k) => !claimed.has(k)));
  // And a title with a typo corrected in the same file: all there is to know an entry without an abstract by.
  const correctionOf = corrections(known.filter((k) => !claimed.has(k)));
  for (const paper of papers) if (!assigned.has(paper.key)) claim(paper.key, correctionOf(paper).find((k) => !claimed.has(k) && !isOtherPaper(k, paper)));

  const taken = everyId(known);
  for (const paper of papers) {
    if (assigned.has(paper.key)) continue;
    const base = slugForTitle(paper.title);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = numberedId(base, n);
    assigned.set(paper.key, { id, aliases: [] });
    taken.add(id);
  }
  return assigned;
}

/**
 * Records that share a key, the paper's own first: the one read from the paper's entry, then
 * one with its title, then the rest in catalog order. Two files have one arXiv id, DOI or title
 * when a person edited one (pasting another paper's id): the paper must keep its own file,
 * address and notes, not take the edited one because its name sorts first.
 */
function likeliestFirst(records: readonly KnownPaper[], paper: PaperToName): KnownPaper[] {
  const rank = (k: KnownPaper) => (k.sourceKeys.some((key) => paper.sourceKeys.includes(key)) ? 0 : paper.titleKeys.includes(k.titleKey) ? 1 : 2);
  return records.map((k) => [rank(k), k] as const).sort((a, b) => a[0] - b[0]).map(([, k]) => k);
}

/** Most edits a word corrected for a typo differs by. */
const TYPO_EDITS = 2;
/**
 * Fewest letters of a word told from its typo: shorter ones name other papers ("Part I" and
 * "Part II", "Part A" and "Part B"). And most words of a title looked up so (a key a word).
 */
const TYPO_MIN_LETTERS = 4;
const TYPO_MAX_WORDS = 64;

/**
 * The records (of `unclaimed`) that `paper` may be with a typo corrected in its title: read from
 * the same file, their titles the same but for one word, which is a few letters away and has the
 * same digits ("Maniplation" → "Manipulation"; "Llama 2" is not "Llama 3", nor "Part I" "Part
 * II"). A .bib, RIS or Google Scholar entry often has no abstract, and Better BibTeX makes the
 * key from the title, so a corrected title is also a new key: nothing else recognises it. Looked
 * up by each title with one of its words left out, so the cost follows the papers, not their pairs.
 */
function corrections(unclaimed: readonly KnownPaper[]): (paper: PaperToName) => KnownPaper[] {
  const byTitle = new Map<string, { record: KnownPaper; word: string }[]>();
  const lookups = (titleKey: string, files: readonly string[]) => {
    const words = titleKey.split(' ');
    if (words.length > TYPO_MAX_WORDS) return [];
    return files.flatMap((file) => words.flatMap((word, i) => (word.length < TYPO_MIN_LETTERS ? [] : [{ key: `${file}\u0000${words.toSpliced(i, 1, '').join(' ')}`, word }])));
  };
  for (const record of unclaimed) for (const { key, word } of lookups(record.titleKey, record.sourceFiles)) byTitle.get(key)?.push({ record, word }) ?? byTitle.set(key, [{ record, word }]);
  return (paper) =>
    paper.titleKeys.flatMap((title) => lookups(title, paper.sourceFiles).flatMap(({ key, word }) => (byTitle.get(key) ?? []).filter((theirs) => isTypoOf(theirs.word, word)).map(({ record }) => record)));
}

/**
 * Whether two words of a title are one word with a typo corrected: different, neither short,
 * a few letters apart, with the same digits ("Maniplation", "Manipulation"; "Llama 2" is not
 * "Llama 3", nor "Part I" "Part II").
 */
export function isTypoOf(a: string, b: string): boolean {
  const digits = (word: string) => word.replace(/\D/g, '');
  return a !== b && a.length >= TYPO_MIN_LETTERS && b.length >= TYPO_MIN_LETTERS && digits(a) === digits(b) && editDistance(a, b, TYPO_EDITS) <= TYPO_EDITS;
}

/**
 * Whether a title match is another paper after all: the rule by which sources are merged
 * (`mergeSources`), but for places in one venue, which are not compared here: papers kept apart by
 * theirs (a journal's yearly "Editorial") find their files again by their entries' keys, where
 * the source has keys (a .bib, CSL), and otherwise in the order they are read.
 */
export function isOtherPaper(known: KnownPaper, paper: PaperToName): boolean {
  if (idsDiffer(known, paper)) return true;
  if (known.abstractKey !== '' && paper.abstractKeys.length > 0) return !paper.abstractKeys.some((a) => abstractsAgree(known.abstractKey, a));
  return authorsDiffer(known.firstAuthor, paper.firstAuthor);
}

/** Whether the arXiv ids or the DOIs say two papers are two. */
const idsDiffer = (known: KnownPaper, paper: PaperToName) =>
  (known.arxivId !== null && paper.arxivId !== null && known.arxivId !== paper.arxivId) || (known.doiKey !== null && paper.doiKey !== null && known.doiKey !== paper.doiKey);

/**
 * How many of the words of the longer abstract a revision shares with the other: a version with
 * a clause added shares nearly all; a journal extension of a conference paper, another paper,
 * adds too much (it may keep all of the shorter one).
 */
const REVISION_SHARE = 0.8;

/** How many words an abstract's ends are compared by: a revision rewrites some of it, rarely both its first and its last words. */
const END_WORDS = 6;

/** An abstract's first and last words, by which its revisions are looked up (none for an abstract too short to tell). */
function abstractEnds(abstractKey: string): string[] {
  const words = textWords(abstractKey);
  if (words.length < 2 * END_WORDS) return [];
  return [`^${words.slice(0, END_WORDS).join(' ')}`, `${words.slice(-END_WORDS).join(' ')}$`];
}

/**
 * The records (of `unclaimed`) that `paper` may be a revision of: an abstract that begins or
 * ends as theirs and shares `REVISION_SHARE` of the longer one's words, and titles alike (`titlesAlike`).
 * Looked up by the abstract's ends, so the cost follows the papers, not their pairs.
 */
function revisions(unclaimed: readonly KnownPaper[]): (paper: PaperToName) => KnownPaper[] {
  const byEnd = new Map<string, KnownPaper[]>();
  for (const k of unclaimed) for (const end of abstractEnds(k.abstractKey)) byEnd.get(end)?.push(k) ?? byEnd.set(end, [k]);
  return (paper) => {
    const matches = new Set<KnownPaper>();
    for (const abstract of paper.abstractKeys) {
      const candidates = abstractEnds(abstract).flatMap((end) => byEnd.get(end) ?? []);
      if (candidates.length === 0) continue;
      const mine = abstractWords(abstract);
      for (const k of candidates) {
        const theirs = abstractWords(k.abstractKey);
        if (!matches.has(k) && !idsDiffer(k, paper) && paper.titleKeys.some((t) => titlesAlike(t, k.titleKey)) && overlap(theirs, mine) >= REVISION_SHARE * Math.max(theirs.size, mine.size)) matches.add(k);
      }
    }
    return [...matches];
  };
}
