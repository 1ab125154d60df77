import { warning, type Diagnostic } from './diagnostics.ts';
import { doiKey } from '../lib/ids.ts';
import { titleKey } from './normalize.ts';
import { authorKey, nameParts } from '../lib/authors.ts';
import { remembered } from '../lib/remembered.ts';
import type { SourceFormat } from './sources/detect.ts';
import type { SourceRecord } from './sources/record.ts';
import type { Paper, SourceRef, Venue } from '../schemas/paper.ts';

/** A source file after reading, with its format. */
export interface Source {
  /** File name in `content/sources/`. */
  file: string;
  /** Path shown in messages. */
  path: string;
  format: SourceFormat;
  records: SourceRecord[];
}

/** One paper after merging every source it appears in. */
export interface MergedPaper extends Pick<Paper, 'title' | 'abstract' | 'authors' | 'familyNames' | 'authorsCount' | 'etAl' | 'org' | 'arxivId' | 'arxivCategory' | 'doi' | 'venue' | 'published' | 'listedOn' | 'upvotes' | 'linksByKind'> {
  /** Every occurrence, each with its line, for messages (the paper file keeps a keyed entry's key alone). */
  sources: (SourceRef & { line: number })[];
  /** Unique, stable key: the title key, made unique when two different papers share a title. */
  key: string;
  /** Title keys of every source's title, so a known paper is recognised by any of them. */
  titleKeys: string[];
  /** Abstract keys of every source's abstract. */
  abstractKeys: string[];
}

interface Occurrence {
  source: Source;
  record: SourceRecord;
}

/**
 * Folds the sources into one record per paper. Two records are the same paper when they
 * share an arXiv id or a DOI, or a title (by `titleKey`) — and, for a title match, when
 * their ids do not contradict and their abstracts agree where both have one; without both
 * abstracts, when they are not two places in one venue (`apartInVenue`) and their first
 * authors are not two people. Sameness is
 * transitive: a record that shares an id with one paper and a title with another makes
 * them one, so the result does not depend on which file is read first. Sources are read
 * in file-name order and records in file order, so every choice is deterministic.
 */
export function mergeSources(sources: Source[]): { papers: MergedPaper[]; duplicates: number; diagnostics: Diagnostic[]; sharedIds: Map<string, number> } {
  const occurrences = [...sources].sort((a, b) => compare(a.file, b.file)).flatMap((source) => source.records.map((record) => ({ source, record })));
  const { groups, conflicts } = groupPapers(occurrences);
  const keysOf = (r: SourceRecord) => [r.arxivId, r.doi && doiKey(r.doi)].filter((id): id is string => Boolean(id));
  const sharedKeys = new Set(conflicts.flatMap(({ occurrence, other }) => keysOf(occurrence.record).filter((id) => keysOf(other.record).includes(id))));

  const diagnostics: Diagnostic[] = conflicts.map(({ occurrence: { source, record }, other, kind, id }) =>
    warning(source.path, record.line, `"${record.title}" has the ${kind} ${id} of "${other.record.title}" (${other.source.path}:${other.record.line}), whose title and first author are another paper's: one of the two ${kind === 'DOI' ? 'DOIs' : 'ids'} is wrong, and the two are kept apart until it is fixed`),
  );
  const groupOf = new Map(groups.flatMap((group) => group.map((o) => [o, group] as const)));
  for (const occurrence of occurrences) {
    const group = groupOf.get(occurrence)!;
    const before = group.slice(0, group.indexOf(occurrence));
    if (before.length > 0) report(before, occurrence, diagnostics);
  }

  const papers = groups.map(combine).sort((a, b) => compare(a.key, b.key));
  // Two different papers with one title: the later ones get a distinct key (ids still come from the title).
  const seen = new Map<string, number>();
  for (const paper of papers) {
    const n = (seen.get(paper.key) ?? 0) + 1;
    seen.set(paper.key, n);
    if (n > 1) paper.key = `${paper.key}\u0000${n}`;
  }
  // The ids papers kept apart share (arXiv ids, and DOIs by `doiKey`), each with how many papers
  // have it: the files they are written to will share it too.
  const sharedIds = new Map<string, number>();
  for (const paper of papers) {
    for (const id of [paper.arxivId, paper.doi && doiKey(paper.doi)]) if (id && sharedKeys.has(id)) sharedIds.set(id, (sharedIds.get(id) ?? 0) + 1);
  }
  return { papers, duplicates: occurrences.length - groups.length, diagnostics, sharedIds };
}

/**
 * The occurrences of each paper, in reading order; papers in order of first occurrence.
 * A union–find over occurrence indices, in two passes. First, a shared arXiv id or DOI
 * joins, which is the same whatever the order, unless the titles and first authors say the
 * records are two papers (`conflicts`: an id copied from another entry). They are kept apart
 * with a warning, not refused: an API's response is kept as fetched, and an error about it
 * would stop every ingest until the response was edited by hand. Then papers that share a title join
 * when `sameByTitle` holds for the papers as joined so far: that is what keeps two papers
 * with different arXiv ids apart when a listing has the title of both (the listing joins
 * the first one read).
 */
function groupPapers(occurrences: Occurrence[]): { groups: Occurrence[][]; conflicts: IdConflict[] } {
  const parent = occurrences.map((_, i) => i);
  const members = new Map(occurrences.map((o, i) => [i, [o]]));
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  // The earlier root stays the root, so a paper's occurrences stay in reading order when sorted by index.
  const unite = (a: number, b: number) => {
    const [root, other] = [find(a), find(b)].sort((x, y) => x - y) as [number, number];
    if (root === other) return;
    parent[other] = root;
    members.set(root, [...members.get(root)!, ...members.get(other)!]);
    members.delete(other);
  };

  const firstWithId = new Map<string, number>();
  const conflicts: IdConflict[] = [];
  occurrences.forEach((occurrence, i) => {
    const { record } = occurrence;
    for (const [kind, id, key] of [['arXiv id', record.arxivId, `arxiv:${record.arxivId}`], ['DOI', record.doi, `doi:${record.doi && doiKey(record.doi)}`]] as const) {
      if (!id) continue;
      const first = firstWithId.get(key);
      if (first === undefined) firstWithId.set(key, i);
      // An id pasted from the entry above: joined, one paper would take the other's title and id.
      else if (!titlesAlike(occurrences[first]!.record.title, record.title) && authorsDiffer(occurrences[first]!.record.authors[0], record.authors[0])) {
        // One warning for a pair, though it share both ids.
        if (!conflicts.some((c) => c.occurrence === occurrence && c.other === occurrences[first])) conflicts.push({ occurrence, other: occurrences[first]!, kind, id });
      }
      else unite(first, i);
    }
  });

  const withTitle = new Map<string, number[]>();
  for (const root of [...members.keys()].sort((a, b) => a - b)) {
    const keys = [...new Set(members.get(root)!.map((o) => titleKey(o.record.title)))];
    const earlier = [...new Set(keys.flatMap((key) => withTitle.get(key) ?? []))].sort((a, b) => a - b);
    for (const other of earlier) {
      if (find(other) !== find(root) && sameByTitle(members.get(find(other))!, members.get(find(root))!)) unite(other, root);
    }
    for (const key of keys) withTitle.set(key, [...(withTitle.get(key) ?? []), root]);
  }

  const index = new Map(occurrences.map((o, i) => [o, i]));
  return { groups: [...members.entries()].sort(([a], [b]) => a - b).map(([, group]) => group.toSorted((a, b) => index.get(a)! - index.get(b)!)), conflicts };
}

/** A record with the arXiv id or DOI of another whose title and first author both differ: one of the two ids is wrong. */
interface IdConflict {
  occurrence: Occurrence;
  other: Occurrence;
  kind: 'arXiv id' | 'DOI';
  id: string;
}

/** Papers that share a title are one unless ids, abstracts, places in one venue or first authors say otherwise. */
function sameByTitle(a: Occurrence[], b: Occurrence[]): boolean {
  const clash = (pick: (r: SourceRecord) => string | null) =>
    a.some(({ record: x }) => pick(x) !== null && b.some(({ record: y }) => pick(y) !== null && pick(y) !== pick(x)));
  if (clash((r) => r.arxivId) || clash((r) => (r.doi ? doiKey(r.doi) : null))) return false;
  const abstracts = (group: Occurrence[]) => group.map(({ record: r }) => r.abstract).filter((x): x is string => x !== null);
  const [mine, theirs] = [abstracts(a), abstracts(b)];
  if (mine.length > 0 && theirs.length > 0) return mine.some((x) => theirs.some((y) => abstractsAgree(x, y)));
  if (a.some(({ record: x }) => b.some(({ record: y }) => apartInVenue(x.venue, y.venue)))) return false;
  const named = (group: Occurrence[]) => group.map(({ record }) => record.authors[0]).filter((name) => nameWords(name).size > 0);
  const [x, y] = [named(a), named(b)];
  return x.length === 0 || y.length === 0 || x.some((p) => y.some((q) => !authorsDiffer(p, q)));
}

/**
 * Whether two records are two places in one venue: its name the same, and a volume, issue or
 * first page that both give and that differ. A journal's "Editorial" each year, by its editor,
 * is one title and one author, and often no abstract; two sources' copies of one article have
 * its place, though one may give the first page alone ("1735" of "1735-1780") or an issue as "08".
 */
function apartInVenue(x: Venue | null, y: Venue | null): boolean {
  if (!x || !y || titleKey(x.name) !== titleKey(y.name)) return false;
  return (['volume', 'issue', 'pages'] as const).some((field) => x[field] !== undefined && y[field] !== undefined && placeKey(x[field]) !== placeKey(y[field]));
}

/** A volume, issue or pages as compared: its first part, in lower case, without a label ("pp.", "no.") or leading zeros. */
const placeKey = (text: string): string =>
  text
    .toLowerCase()
    .replace(/^(?:pp?|vol|no|nr)\.?\s*/, '')
    .split('-')[0]!
    .trim()
    .replace(/^0+(?=\d)/, '');

/**
 * Whether two first authors are two people: both named, and sharing no name. "Deep learning"
 * by LeCun et al. (Nature, 2015) is not the book by Goodfellow et al. Only where abstracts
 * cannot tell: an abstract is the better witness ("Anonymous" under review, a name written two ways).
 * One shared name is enough to agree, so "Y. LeCun", "Yann Le Cun" and "LeCun Yann" do.
 */
export function authorsDiffer(a: string | undefined | null, b: string | undefined | null): boolean {
  const [x, y] = [nameWords(a), nameWords(b)];
  return x.size > 0 && y.size > 0 && ![...x].some((word) => y.has(word));
}

/** What an anonymous submission names instead of its authors ("Anonymous", "Anonymous Authors"). */
const NOBODY = /\banonymous\b/;

/**
 * A name's words as `authorKey` folds them, of two letters or more (initials are left out, as
 * sources differ on them), and each two neighbours joined, either way, as "Le Cun" is also
 * "LeCun"; none for an anonymous name.
 */
function nameWords(name: string | undefined | null): Set<string> {
  const key = authorKey(name ?? '');
  if (NOBODY.test(key)) return new Set();
  const all = key.split(' ').filter((word) => /^\p{L}+$/u.test(word));
  const words = all.filter((word) => word.length > 1);
  // And neighbours joined the other way too: "王小明" is "小明 王", as paper files written before
  // names in Chinese script were put family first have it.
  const joined = all.slice(1).flatMap((word, i) => [`${all[i]}${word}`, `${word}${all[i]}`]);
  return new Set([...words, ...words.slice(1).map((word, i) => `${words[i]}${word}`), ...joined]);
}

/**
 * Whether two abstracts are versions of one text. Sources differ in LaTeX, line breaks and
 * small edits between arXiv versions, so this compares words, not characters: at least half
 * the words of the shorter one appear in the other.
 */
export function abstractsAgree(a: string, b: string): boolean {
  const [x, y] = [abstractWords(a), abstractWords(b)];
  return x.size === 0 || y.size === 0 ? titleKey(a) === titleKey(b) : wordsAgree(x, y);
}

/** The words texts are compared by: three letters or more, so "of" and "a" do not count. */
export const textWords = (text: string): string[] => text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [];

/**
 * The words `abstractsAgree` compares, each text's made once: a re-ingest compares each paper's
 * abstract with its own record's, and merging with every title match's.
 */
export const abstractWords: (text: string) => ReadonlySet<string> = remembered((text) => new Set(textWords(text)), 50_000);

/** How many words two sets share. */
export function overlap(x: ReadonlySet<string>, y: ReadonlySet<string>): number {
  const [smaller, larger] = x.size <= y.size ? [x, y] : [y, x];
  let shared = 0;
  for (const word of smaller) if (larger.has(word)) shared++;
  return shared;
}

/** Whether at least half the words of the smaller set are in the other (both non-empty). */
export const wordsAgree = (x: ReadonlySet<string>, y: ReadonlySet<string>): boolean => overlap(x, y) >= Math.min(x.size, y.size) / 2;

/** Whether two titles share at least half the words of the shorter: one corrected, or revised, not another paper's. */
export function titlesAlike(a: string, b: string): boolean {
  const [x, y] = [abstractWords(a), abstractWords(b)];
  return x.size > 0 && y.size > 0 && wordsAgree(x, y);
}

/** Whether `cut` is `whole` cut short with an ellipsis, as a listing shows a long abstract. */
function cutShortOf(cut: string, whole: string): boolean {
  const kept = cut.replace(/\s*(?:…|\.\.\.)$/u, '');
  const squash = (text: string) => text.replace(/\s+/gu, ' ');
  return kept !== cut && whole.length > cut.length && squash(whole).startsWith(squash(kept));
}

/** Messages a listing author needs: a paper twice in one file, or the same format disagreeing on an abstract. */
function report(group: Occurrence[], { source, record }: Occurrence, diagnostics: Diagnostic[]) {
  const first = group[0]!;
  const sameFile = group.find((o) => o.source.file === source.file);
  if (sameFile) {
    // Joined by an id they share, though their titles differ: a copied id, or a paper and its retitled version.
    const said = titlesAlike(sameFile.record.title, record.title)
      ? `"${first.record.title}" is in this file twice (first at line ${sameFile.record.line}); the copies are merged`
      : `"${record.title}" shares an arXiv id or a DOI with "${sameFile.record.title}" (line ${sameFile.record.line}), so the two are one paper; if they are two, one of them has the other's id`;
    diagnostics.push(warning(source.path, record.line, said));
  }
  const sameFormat = group.find((o) => o.source.format === source.format && o.record.abstract !== null);
  const [one, other] = [record.abstract, sameFormat?.record.abstract];
  // One cut short ("…") is the other's start: the whole is kept, and nothing differs.
  if (sameFormat && one && other && one !== other && source.format === 'listing' && !cutShortOf(one, other) && !cutShortOf(other, one)) {
    diagnostics.push(warning(source.path, record.line, `the abstract of "${first.record.title}" differs from the one in ${sameFormat.source.file}:${sameFormat.record.line}; that first one is kept`));
  }
}

/**
 * How much bibliographic fact a record carries. Each field comes from the richest record
 * that has it (earlier files first among equals), so an arXiv entry's title and abstract
 * win over a listing's, and a listing-only catalog keeps its first listing's text.
 */
function richness(r: SourceRecord): number {
  return [r.abstract, r.authors.length > 0, r.arxivId, r.doi, r.venue, r.published].filter(Boolean).length;
}

/** Whether a title is written in capitals alone. */
const shouted = (title: string): boolean => /\p{Lu}/u.test(title) && !/\p{Ll}/u.test(title);

/** How much a record's venue says: its name and kind, and each of its date, volume, issue, pages and genre. */
const venueDetail = (r: SourceRecord): number => (r.venue ? Object.keys(r.venue).length : 0);

/** A paper's own page, written only when a source names one: most papers have none. */
const withPage = (page: string | null) => (page ? { page } : {});

function combine(group: Occurrence[]): MergedPaper {
  const inOrder = group.map((o) => o.record);
  // A later revision of the same record (a harvest after the paper's v2) wins over an earlier one that says as much.
  const rich = inOrder.toSorted((a, b) => richness(b) - richness(a) || (a.revised && b.revised ? compare(b.revised, a.revised) : 0));
  const pick = <T>(from: SourceRecord[], get: (r: SourceRecord) => T | null): T | null => {
    for (const r of from) {
      const value = get(r);
      if (value !== null) return value;
    }
    return null;
  };
  // The longest list of names, the richest source's among equals: a source that cuts the list short
  // (a Google Scholar export, a hand-made .bib) says less about the authors, however much else it says.
  const named = rich.reduce<SourceRecord | undefined>((longest, r) => (r.authors.length > (longest?.authors.length ?? 0) ? r : longest), undefined);
  const authors = named?.authors ?? [];
  const familyNames = statedFamilies(authors, inOrder);
  // A listing's count above the names, or a list as long that ended "and others": the names are not all.
  const counted = Math.max(0, ...inOrder.map((r) => r.authorsCount ?? 0));
  const etAl = authors.length > 0 && (inOrder.some((r) => r.moreAuthors && r.authors.length >= authors.length) || counted > authors.length);
  // A registry may keep a title in capitals ("LONG SHORT-TERM MEMORY"): another source's, cased as its authors wrote it, reads better.
  const title = (shouted(rich[0]!.title) ? rich.find((r) => !shouted(r.title)) : undefined)?.title ?? rich[0]!.title;
  const first = pick(rich, (r) => r.abstract);
  // A listing cuts a long abstract short ("…"): the whole text, wherever it is, wins.
  const abstract = inOrder.find((r) => first !== null && r.abstract !== null && cutShortOf(first, r.abstract))?.abstract ?? first;
  // A venue whose kind is known (a journal, proceedings, a book, …) decides how the paper is cited: it wins over one that is only named.
  // Among records that say as much, the venue that says most (its date, volume, pages): one read first with less does not hide it.
  const byVenue = rich.toSorted((a, b) => richness(b) - richness(a) || venueDetail(b) - venueDetail(a));
  const venue = pick(byVenue, (r) => (r.venue?.kind === 'other' ? null : r.venue)) ?? pick(byVenue, (r) => r.venue);
  return {
    key: titleKey(title),
    title,
    abstract,
    authors,
    ...(familyNames ? { familyNames } : {}),
    authorsCount: authors.length > 0 ? Math.max(authors.length, counted) : pick(inOrder, (r) => r.authorsCount),
    ...(etAl ? { etAl } : {}),
    org: pick(inOrder, (r) => r.org),
    arxivId: pick(rich, (r) => r.arxivId),
    arxivCategory: pick(rich, (r) => r.arxivCategory),
    // A DOI names one publication: a record's whose venue is of another kind (the journal version
    // of a conference paper, merged by its title) would cite the conference paper at the journal's
    // DOI. Names are no test: one conference is "ICRA" in one source and spelt out in another.
    doi: pick(rich, (r) => (r.venue && venue && isOtherKind(r.venue.kind, venue.kind) ? null : r.doi)),
    venue,
    published: firstPublished(inOrder.map((r) => r.published).filter((d): d is string => d !== null)),
    listedOn: pick(inOrder, (r) => r.listedOn),
    upvotes: pick(inOrder, (r) => r.upvotes),
    linksByKind: {
      code: pick(rich, (r) => r.links.code),
      project: pick(rich, (r) => r.links.project),
      pdf: pick(rich, (r) => r.links.pdf),
      ...withPage(pick(rich, (r) => r.links.page)),
    },
    sources: group.map(({ source, record }) => ({ listing: source.file, line: Math.max(record.line, 1), ...(record.key ? { key: record.key } : {}) })),
    titleKeys: [...new Set(inOrder.map((r) => titleKey(r.title)))],
    abstractKeys: [...new Set(inOrder.map((r) => (r.abstract ? titleKey(r.abstract) : null)).filter((k): k is string => k !== null))],
  };
}

/**
 * The family part of each of `authors` that a source states ("Shannon", "Garcia Satorras", a CSL
 * `literal` "SciPy 1.0 Contributors" that is not a person), from whichever record names the
 * author (by `authorKey`); undefined when there is none. Kept even where the last-word rule would
 * find the same part: only a stated part lets CSL-JSON split a name rather than guess.
 */
function statedFamilies(authors: readonly string[], records: readonly SourceRecord[]): Record<string, string> | undefined {
  const stated = new Map<string, string[]>();
  for (const record of records) for (const [name, family] of record.familyNames) stated.set(authorKey(name), [...(stated.get(authorKey(name)) ?? []), family]);
  const found = authors.flatMap((name) => {
    // A family part that does not end this spelling of the name (another source's accents) tells nothing.
    const family = stated.get(authorKey(name))?.find((f) => f === name || nameParts(name, f)?.family === f);
    return family !== undefined ? [[name, family] as const] : [];
  });
  return found.length > 0 ? Object.fromEntries(found) : undefined;
}

/** Whether two venues are known to be of different kinds, a journal and proceedings, say ("other" tells nothing). */
const isOtherKind = (a: Venue['kind'], b: Venue['kind']) => a !== b && a !== 'other' && b !== 'other';

/**
 * The earliest date any source gives is when the paper first came out, taken at the most
 * precise a source knows it: `2023` and `2023-12-01` give `2023-12-01`.
 */
function firstPublished(dates: string[]): string | null {
  const sorted = dates.toSorted(compare);
  return sorted.find((d) => !sorted.some((other) => other !== d && other.startsWith(d))) ?? null;
}

/** Code-point order: the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
