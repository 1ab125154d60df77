/**
 * A synthetic catalog for benchmarks, built from the real listings' own material: every
 * sentence of every synthetic abstract is a sentence of a real abstract, every title is
 * made of real title phrases, and the listings use both layouts the ingest reads, page
 * chrome and metadata included. Pure: the caller reads the real listings and writes the
 * result; the same inputs, paper count and seed always give byte-identical files.
 *
 * What it does not reproduce: the vocabulary of a real catalog of that size. Sentences
 * are reused (at 10,000 papers each real sentence appears about 20 times), so new words
 * only come from the coined method names; the search index and the related-papers terms
 * are therefore somewhat smaller and more repetitive than a real catalog's would be.
 */
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseDateLine } from '../src/ingest/dates.ts';
import { titleKey } from '../src/ingest/normalize.ts';
import { MANIFEST_FILE, type ContentPaths } from '../src/lib/content-dir.ts';
import { cleanText } from '../src/lib/format.ts';
import { parseListing } from '../src/ingest/parse.ts';
import { isChromeLine } from '../src/ingest/chrome.ts';
import { slugForTitle } from '../src/ingest/slug.ts';
import { createRng, type Rng } from './prng.ts';

/** Share of listing occurrences that repeat a paper already in another listing (the real five: 101 of 525, 19%). */
export const DUPLICATE_SHARE = 0.19;
/** Share of real titles with a "Name: …" prefix (41% in the real listings). */
const NAMED_TITLE_SHARE = 0.41;
/** Papers per listing page, drawn uniformly (the real pages hold 43 to 167). */
const LISTING_SIZE: [number, number] = [40, 170];
/** Words that join the two halves of a title ("X for Y", "X with Y"). */
const CONNECTORS = new Set(['for', 'with', 'via', 'in', 'of', 'on', 'through', 'using', 'from', 'to', 'by', 'without', 'beyond', 'towards', 'as']);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const AUTHORS_LINE = /^(?:[•·*-]\s*)?\d+\s+authors?$/i;

export type Layout = 'lines' | 'blocks' | 'blocks-meta';

/** Real material shared by papers on one topic: title halves and abstract sentences by position. */
export interface Topic {
  /** Title halves around a connector word. */
  tails: string[];
  /** Abstract sentences by position, each with the real paper's method name if it had one. */
  first: Sentence[];
  middle: Sentence[];
  last: Sentence[];
}

/**
 * One real paper as a model for synthetic ones: a synthetic paper keeps its parent's
 * sentence count and most of its sentences, and takes the rest from the parent's topic (the
 * real papers with the same themes by the catalog's own rules). Sentences drawn freely from
 * the whole corpus would add up the sub-threshold evidence of many papers and shelve each
 * synthetic paper under a third more themes than real ones, inflating every theme page.
 */
export interface Parent {
  topic: Topic;
  sentences: Sentence[];
  /** The title without its name prefix, split at its first connector word when it has one. */
  head: string;
  connector: string | null;
  tail: string | null;
}

/** What the generator learns from the real listings. */
export interface SourcePool {
  parents: Parent[];
  /** Everything, for topics too small to stand alone. */
  all: Topic;
  connectors: string[];
  /** Ends of real method names ("Space" of FluxSpace, "Former" of ComFormer). */
  nameTails: string[];
  /** Real title words of five letters or more, for the start of coined names. */
  nameStarts: string[];
  /** Author counts shown on the real block listing. */
  authorCounts: number[];
  /** Share of real titles with a name prefix. */
  namedShare: number;
}

interface Sentence {
  text: string;
  name: string | null;
}

/** Share of a parent's sentences replaced by sentences of its topic. */
const REPLACED_SHARE = 0.35;

/** Splits a real abstract into sentences: after `.`, `!` or `?` and a space, before a capital, digit or `(`. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z0-9(\\$])/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** "FluxSpace: Disentangled…" → ["FluxSpace", "Disentangled…"]; a prefix of up to three words counts as a name. */
function splitName(title: string): [string | null, string] {
  const m = /^([^:]{2,40}?):\s+(.+)$/u.exec(title);
  if (!m || m[1]!.split(' ').length > 3) return [null, title];
  return [m[1]!, m[2]!];
}

/**
 * Learns titles, sentences and metadata distributions from the real listings; `classify`
 * (the ingest's theme rules) sorts the real papers into topics.
 */
export function buildSourcePool(listings: readonly { file: string; text: string }[], classify?: (title: string, abstract: string) => { themes: string[] }): SourcePool {
  const emptyTopic = (): Topic => ({ tails: [], first: [], middle: [], last: [] });
  const all = emptyTopic();
  const topics = new Map<string, Topic>();
  const pool: SourcePool = { parents: [], all, connectors: [], nameTails: [], nameStarts: [], authorCounts: [], namedShare: 0 };
  const parentKeys: [key: string, primary: string][] = [];
  const seen = new Set<string>();
  let named = 0;
  for (const { file, text } of listings) {
    for (const paper of parseListing(file, text).papers) {
      if (paper.authorsCount) pool.authorCounts.push(paper.authorsCount);
      const title = cleanText(paper.title);
      const key = titleKey(title);
      if (seen.has(key)) continue;
      seen.add(key);
      const abstract = paper.abstract.trim();
      const themes = classify?.(title, abstract).themes ?? [];
      const setKey = `set:${themes.join('+')}`;
      const primaryKey = `primary:${themes[0] ?? ''}`;
      for (const k of [setKey, primaryKey]) if (!topics.has(k)) topics.set(k, emptyTopic());
      const targets = [all, topics.get(setKey)!, topics.get(primaryKey)!];
      parentKeys.push([setKey, primaryKey]);

      const [name, body] = splitName(title);
      if (name) {
        named++;
        const tail = /(?:[A-Z][a-z]+|[A-Z]{2,}|\d+)$/u.exec(name.replace(/[^\p{L}\p{N}]+$/u, ''))?.[0];
        if (tail && tail.length >= 2 && tail !== name) pool.nameTails.push(tail);
      }
      for (const w of title.split(/[\s:,()-]+/u)) if (/^\p{L}{5,}$/u.test(w)) pool.nameStarts.push(w);
      const words = body.split(' ');
      const at = words.findIndex((w, i) => i > 0 && i < words.length - 1 && CONNECTORS.has(w.toLowerCase()));
      const parent: Parent = { topic: all, sentences: [], head: body, connector: null, tail: null };
      if (at > 0) {
        parent.head = words.slice(0, at).join(' ');
        parent.connector = words[at]!.toLowerCase();
        parent.tail = words.slice(at + 1).join(' ');
        pool.connectors.push(parent.connector);
        for (const t of targets) t.tails.push(parent.tail);
      }

      const usableName = name && name.length >= 3 && !name.includes(' ') ? name : null;
      const sentences = splitSentences(abstract).map((s) => ({ text: s, name: usableName && s.includes(usableName) ? usableName : null }));
      parent.sentences = sentences;
      for (const t of targets) {
        sentences.forEach((entry, i) => {
          if (i === 0) t.first.push(entry);
          else if (i === sentences.length - 1) t.last.push(entry);
          else t.middle.push(entry);
        });
      }
      pool.parents.push(parent);
    }
  }
  pool.namedShare = seen.size ? named / seen.size : NAMED_TITLE_SHARE;
  if (pool.parents.length === 0 || all.tails.length === 0 || all.middle.length === 0) {
    throw new Error('bench corpus: the real listings gave too little material (no titles with a connector word, or no multi-sentence abstracts)');
  }
  // A parent's topic: the real papers with exactly its themes when there are a few, else those sharing its first theme.
  const usable = (t: Topic | undefined) => !!t && t.tails.length >= 3 && t.first.length >= 3 && t.middle.length >= 10 && t.last.length >= 3;
  pool.parents.forEach((parent, i) => {
    const [setKey, primaryKey] = parentKeys[i]!;
    parent.topic = [topics.get(setKey), topics.get(primaryKey)].find(usable) ?? all;
  });
  if (pool.connectors.length === 0) pool.connectors.push('for');
  if (pool.authorCounts.length === 0) pool.authorCounts.push(3, 4, 5, 6, 8);
  if (pool.nameTails.length === 0) pool.nameTails.push('Former', 'Net', 'Flow');
  return pool;
}

/** One paper of the synthetic catalog. */
export interface SyntheticPaper {
  title: string;
  abstract: string;
}

export interface CorpusOptions {
  papers: number;
  seed?: number;
  /** Theme ids from themes.yaml, for a few hand decisions in curation.yaml. */
  themeIds: readonly string[];
  /** The text of themes.yaml, copied as is. */
  themesYaml: string;
  /** Where the files go: the keys of `Corpus.files`. */
  paths: ContentPaths;
}

export interface CorpusStats {
  papers: number;
  occurrences: number;
  duplicates: number;
  listings: Record<Layout, number>;
  curation: { hidden: number; addThemes: number; removeThemes: number; renameTo: number };
  bytes: number;
}

export interface Corpus {
  /** Path (under `CorpusOptions.paths`) → file text, in path order. */
  files: Map<string, string>;
  stats: CorpusStats;
}

/** Generates a catalog of `papers` unique papers spread over listings in both layouts, with ~19% repeated occurrences. */
export function generateCorpus(pool: SourcePool, options: CorpusOptions): Corpus {
  const n = options.papers;
  if (!Number.isInteger(n) || n < 1) throw new Error(`bench corpus: --papers must be a positive integer, not ${n}`);
  const rng = createRng(options.seed ?? 1, n);
  const coined = new Set<string>();
  const coin = () => coinName(rng, pool, coined);
  const papers = makePapers(rng, pool, n, coin);

  // Listing sizes for every occurrence, then the unique papers spread over them in proportion.
  const total = Math.round(n / (1 - DUPLICATE_SHARE));
  const sizes: number[] = [];
  for (let sum = 0; sum < total; ) {
    const size = Math.min(rng.int(...LISTING_SIZE), total - sum);
    sizes.push(size);
    sum += size;
  }
  const order = rng.shuffle(papers.map((_, i) => i));
  const members: number[][] = [];
  let taken = 0;
  sizes.forEach((size, i) => {
    const share = i === sizes.length - 1 ? n - taken : Math.min(n - taken, Math.round((size * n) / total));
    members.push(order.slice(taken, taken + share));
    taken += share;
  });
  // Repeated occurrences: a paper already shelved, into a listing that does not hold it yet.
  const homes = new Map<number, Set<number>>();
  members.forEach((list, li) => list.forEach((p) => homes.set(p, new Set([li]))));
  let duplicates = 0;
  for (let i = 0; i < total - n; i++) {
    const p = rng.int(0, n - 1);
    const inList = homes.get(p)!;
    if (inList.size >= members.length) continue;
    let li = rng.int(0, members.length - 1);
    while (inList.has(li)) li = (li + 1) % members.length;
    inList.add(li);
    const list = members[li]!;
    list.splice(rng.int(0, list.length), 0, p);
    duplicates++;
  }

  const files = new Map<string, string>();
  const manifest: { file: string; label: string; captured?: string }[] = [];
  const layouts: Record<Layout, number> = { lines: 0, blocks: 0, 'blocks-meta': 0 };
  const width = String(members.length - 1).length < 3 ? 3 : String(members.length - 1).length;
  // Layouts dealt from shuffled decks of 20 (12 line, 3 block, 5 block-with-metadata), so every mix holds all three.
  const deck: Layout[] = [];
  members.forEach((list, li) => {
    if (deck.length === 0) deck.push(...rng.shuffle<Layout>([...Array<Layout>(12).fill('lines'), ...Array<Layout>(3).fill('blocks'), ...Array<Layout>(5).fill('blocks-meta')]));
    const layout = deck.pop()!;
    layouts[layout]++;
    const file = `${String(li).padStart(width, '0')}_${rng.hex(16)}.txt`;
    const captured = layout === 'blocks-meta' || rng.chance(0.2) ? isoDay(2025, rng.int(0, 364)) : undefined;
    const listed = list.map((p) => ({ ...papers[p]!, title: variant(rng, papers[p]!.title) }));
    files.set(join(options.paths.sources, file), layout === 'lines' ? lineListing(listed) : blockListing(rng, pool, listed, layout === 'blocks-meta', captured, coin));
    const topic = rng.pick(pool.parents).head;
    manifest.push({ file, label: `Synthetic ${layout === 'lines' ? 'search results' : layout === 'blocks' ? 'search results (block layout)' : 'daily papers'}: ${topic}`, ...(captured ? { captured } : {}) });
  });

  files.set(join(options.paths.sources, MANIFEST_FILE), `# Synthetic listings for benchmarks (npm run bench:corpus); generated, do not edit.\n${stringify({ listings: manifest }, { lineWidth: 0 })}`);
  const curation = curationFor(rng, papers, options.themeIds);
  files.set(options.paths.curation, `# Synthetic hand decisions for benchmarks; generated, do not edit.\n${stringify({ papers: curation.papers }, { lineWidth: 0 })}`);
  files.set(options.paths.themes, options.themesYaml);

  const sorted = new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  let bytes = 0;
  for (const text of sorted.values()) bytes += Buffer.byteLength(text);
  return { files: sorted, stats: { papers: n, occurrences: n + duplicates, duplicates, listings: layouts, curation: curation.counts, bytes } };
}

function makePapers(rng: Rng, pool: SourcePool, n: number, coin: () => string): SyntheticPaper[] {
  const keys = new Set<string>();
  const papers: SyntheticPaper[] = [];
  while (papers.length < n) {
    const parent = rng.pick(pool.parents);
    // The parent's first half, joined to a second half from its topic (or anywhere, now and then).
    const body = `${parent.head} ${parent.connector ?? rng.pick(pool.connectors)} ${rng.pick(rng.chance(0.8) ? parent.topic.tails : pool.all.tails)}`;
    const name = rng.chance(pool.namedShare) ? coin() : null;
    const title = name ? `${name}: ${body}` : body;
    const key = titleKey(title);
    if (keys.has(key) || !isSafeTitle(title)) continue;
    keys.add(key);
    papers.push({ title, abstract: makeAbstract(rng, parent, name) });
  }
  return papers;
}

/** A title the ingest reads as a title: not a date, not an author count, not page chrome, not a paragraph. */
function isSafeTitle(title: string): boolean {
  return title.length <= 300 && !parseDateLine(title) && !AUTHORS_LINE.test(title) && !isChromeLine(title) && title.trim() !== '·';
}

function makeAbstract(rng: Rng, parent: Parent, name: string | null): string {
  const { topic } = parent;
  const last = parent.sentences.length - 1;
  const chosen = parent.sentences.map((s, i) => {
    if (!rng.chance(REPLACED_SHARE)) return s;
    return rng.pick(i === 0 ? topic.first : i === last ? topic.last : topic.middle);
  });
  // A real paper's method name becomes this paper's, so each paper brings its own new word.
  const text = chosen.map((s) => (s.name && name ? s.text.split(s.name).join(name) : s.text)).join(' ');
  return text.length >= 80 ? text : `${text} ${rng.pick(topic.middle).text}`;
}

/** A new method name from a real title word's start and a real name's end: "Trans" + "Former". */
function coinName(rng: Rng, pool: SourcePool, used: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const word = rng.pick(pool.nameStarts);
    const start = word.slice(0, rng.int(3, Math.min(6, word.length)));
    let name = start.charAt(0).toUpperCase() + start.slice(1).toLowerCase() + rng.pick(pool.nameTails);
    const r = rng.next();
    if (r < 0.08) name += `-${rng.int(2, 4)}`;
    else if (r < 0.14) name += String(rng.int(2, 3));
    if (attempt > 20) name += `-${attempt}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

/** A repeated occurrence sometimes shows the title with different spacing, as copied pages do. */
function variant(rng: Rng, title: string): string {
  if (!rng.chance(0.04)) return title;
  const spaces = [...title.matchAll(/ /g)].map((m) => m.index!);
  if (spaces.length === 0) return title;
  const at = rng.pick(spaces);
  return title.slice(0, at) + (rng.chance(0.5) ? '  ' : '\u00a0') + title.slice(at + 1);
}

/** The search-results layout: chrome glued onto the first title, then title and abstract lines, no blank lines. */
function lineListing(papers: readonly SyntheticPaper[]): string {
  const lines = ['Get trending papers in your email inbox once a day!', 'Get trending papers in your email inbox!'];
  papers.forEach((p, i) => {
    lines.push(i === 0 ? `Subscribe${p.title}` : p.title, p.abstract);
  });
  return `${lines.join('\n')}\n`;
}

/** The block layout: blank-line separated title, abstract and, on daily pages, `• N authors` or an organisation, `·`, a date. */
function blockListing(rng: Rng, pool: SourcePool, papers: readonly SyntheticPaper[], meta: boolean, captured: string | undefined, coin: () => string): string {
  const pageDate = captured ? shortDate(captured) : `${rng.pick(MONTHS)} ${rng.int(1, 28)}`;
  const blocks = ['new', 'Get trending papers in your email inbox!', 'Subscribe', ...(meta ? ['Daily Papers'] : []), 'byAK and the research community', pageDate];
  for (const p of papers) {
    blocks.push(p.title, p.abstract);
    if (!meta || !rng.chance(0.95)) continue;
    let submitter: string;
    if (rng.chance(0.03)) {
      const org = coin();
      submitter = `${org.toLowerCase().replace(/[^a-z0-9]/g, '')} ${org}`;
    } else {
      const count = rng.pick(pool.authorCounts);
      // The pages say "1 authors" too.
      submitter = `  • ${count} authors`;
    }
    const date = captured && rng.chance(0.8) ? yearlessBefore(rng, captured) : `${rng.pick(MONTHS)} ${rng.int(1, 28)}, ${rng.int(2019, 2024)}`;
    const upvotes = rng.chance(0.25) ? ` ${Math.floor(Math.exp(rng.next() * Math.log(60)))}` : '';
    blocks.push(`${submitter}\n·\n${date}${upvotes}`);
  }
  return `${blocks.join('\n\n')}\n`;
}

/** "Mar 4" for a day up to 300 days before the capture day: the ingest resolves it to the right year. */
function yearlessBefore(rng: Rng, captured: string): string {
  const day = new Date(`${captured}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - rng.int(0, 300));
  // 29 February has no day in the year the ingest may place it in; pages would show 28.
  if (day.getUTCMonth() === 1 && day.getUTCDate() === 29) day.setUTCDate(28);
  return `${MONTHS[day.getUTCMonth()]} ${day.getUTCDate()}`;
}

function shortDate(iso: string): string {
  const [, m, d] = iso.split('-').map(Number);
  return `${MONTHS[m! - 1]} ${d}`;
}

function isoDay(year: number, offset: number): string {
  const d = new Date(Date.UTC(year, 0, 1 + offset));
  return d.toISOString().slice(0, 10);
}

/** A few hand decisions per thousand papers, on papers whose id is certain (a slug no other title shares). */
function curationFor(rng: Rng, papers: readonly SyntheticPaper[], themeIds: readonly string[]) {
  const slugs = papers.map((p) => slugForTitle(p.title));
  const count = new Map<string, number>();
  for (const s of slugs) count.set(s, (count.get(s) ?? 0) + 1);
  const unique = rng.shuffle(slugs.filter((s) => count.get(s) === 1 && !/-\d+$/.test(s)));
  const per = Math.max(1, Math.round(papers.length / 1000));
  const result: Record<string, Record<string, unknown>> = {};
  const counts = { hidden: 0, addThemes: 0, removeThemes: 0, renameTo: 0 };
  let i = 0;
  const take = () => unique[i++];
  for (let k = 0; k < per; k++) {
    const hide = take();
    if (hide) {
      result[hide] = { hidden: true, reason: 'benchmark: a hidden paper' };
      counts.hidden++;
    }
    const add = take();
    if (add && themeIds.length) {
      result[add] = { addThemes: [rng.pick(themeIds)], reason: 'benchmark: a theme added by hand' };
      counts.addThemes++;
    }
    const remove = take();
    if (remove && themeIds.length) {
      result[remove] = { removeThemes: [rng.pick(themeIds)], reason: 'benchmark: a theme removed by hand' };
      counts.removeThemes++;
    }
    const rename = take();
    if (rename) {
      result[rename] = { renameTo: `${rename.slice(0, 60).replace(/-+$/, '')}-renamed`, reason: 'benchmark: a renamed paper (its old URL redirects)' };
      counts.renameTo++;
    }
  }
  return { papers: Object.fromEntries(Object.entries(result).sort(([a], [b]) => (a < b ? -1 : 1))), counts };
}
