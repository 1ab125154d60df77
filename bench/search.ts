/**
 * `npm run bench:search`: how well search finds a paper a reader half remembers, and what
 * that costs (see scripts/bench-search.ts for the options). Builds the catalog (the default
 * one, or a synthetic one of N papers), asks the queries of bench/search-queries.ts in
 * Chromium, and prints hit@1, hit@5 and MRR per kind of query, with and without typo
 * correction, plus the bytes and the time a query takes and the size of the files search
 * loads. "Find similar" is scored in Node on the same sample: paste a paper's abstract, is
 * the paper first?
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { termSpace } from '../src/lib/related.ts';
import { packSimilar, SimilarIndex } from '../src/lib/similar.ts';
import { indexedText, packVocabulary } from '../src/lib/spelling.ts';
import { runInChromium, TOP, type BrowserRun } from './search-browser.ts';
import { KINDS, makeQueries, score, type BenchPaper, type KindScore } from './search-queries.ts';
import { formatBytes } from './stats.ts';

export interface SearchBenchOptions {
  root: string;
  /** Papers in a synthetic catalog; null for the default one. */
  papers: number | null;
  /** A site already built; it is not built again. */
  site: string | null;
  /** The source folder whose search engine runs in the page (default: this project's src/), e.g. an older checkout's. */
  src: string | null;
  sample: number;
  seed: number;
  /** Which runs: with typo correction, without, or both. */
  runs: ('corrected' | 'as typed')[];
  /** Only measure the sizes of the vocabulary and the vectors (from the ingested catalog, no site build). */
  sizesOnly: boolean;
  /** List every query that missed, not just the first few of each kind. */
  verbose: boolean;
  chromium: string;
}

const WORK = join(tmpdir(), 'shelfmark-bench-search');

function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): void {
  const result = spawnSync(command, args, { cwd, env, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${[command, ...args].join(' ')} failed`);
}

/** The catalog's papers from content/papers/*.mdx: frontmatter for title, authors and abstract, the body for notes. */
function readCatalog(contentDir: string): { id: string; title: string; authors: string[]; abstract: string; body: string; hidden: boolean }[] {
  const dir = join(contentDir, 'papers');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mdx'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const end = text.indexOf('\n---', 4);
      const data = parse(text.slice(4, end)) as { id: string; title: string; authors?: string[]; abstract: string; hidden?: boolean };
      return { id: file.replace(/\.mdx$/, ''), title: data.title, authors: data.authors ?? [], abstract: data.abstract, body: text.slice(end + 4), hidden: data.hidden === true };
    });
}

interface Sizes {
  papers: number;
  vocabularyWords: number;
  vocabularyBytes: number;
  vocabularyGzip: number;
  similarBytes: number;
  similarGzip: number;
}

/** What search-vocabulary.js and search-similar.js weigh for a catalog, made as the build makes them. */
function sizesOf(contentDir: string): Sizes {
  const papers = readCatalog(contentDir).filter((p) => !p.hidden);
  const packed = packVocabulary(papers.map((p) => indexedText(p, p.body)));
  const vocabulary = `window.shelfmarkVocabulary=${JSON.stringify(packed)};\n`;
  const docs = papers.map(({ id, title, abstract }) => ({ id, title, abstract }));
  const similar = `window.shelfmarkSimilar=${JSON.stringify(packSimilar(docs, termSpace(docs), (id) => `papers/${id}/`))};\n`;
  const words = Object.values(packed.words).reduce((n, list) => n + list.split(' ').length, 0);
  return {
    papers: papers.length,
    vocabularyWords: words,
    vocabularyBytes: Buffer.byteLength(vocabulary),
    vocabularyGzip: gzipSync(vocabulary, { level: 9 }).length,
    similarBytes: Buffer.byteLength(similar),
    similarGzip: gzipSync(similar, { level: 9 }).length,
  };
}

/** Builds the site (skipped by scripts/build.ts when nothing changed) and returns its folder and content folder. */
function buildSite(opt: SearchBenchOptions): { site: string; content: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, SKIP_CARDS: '1', PATH: `${join(opt.root, 'node_modules', '.bin')}:${dirname(process.execPath)}:${process.env.PATH ?? ''}` };
  for (const k of ['BASE_PATH', 'SITE_URL', 'OFFLINE_DIR']) delete env[k];
  let content = join(opt.root, 'content');
  if (opt.papers !== null) {
    const corpus = join(WORK, `corpus-${opt.papers}`);
    run(process.execPath, ['scripts/bench-corpus.ts', '--papers', String(opt.papers), '--out', corpus], env, opt.root);
    content = join(corpus, 'content');
    env.CONTENT_DIR = content;
  }
  const site = join(WORK, opt.papers === null ? 'dist-default' : `dist-${opt.papers}`);
  env.OUT_DIR = site;
  if (opt.sizesOnly) {
    run(process.execPath, ['scripts/ingest.ts'], env, opt.root);
  } else {
    run(process.execPath, ['scripts/build.ts'], env, opt.root);
  }
  return { site, content };
}

function pct(x: number): string {
  return x.toFixed(3);
}

function renderScores(label: string, scores: KindScore[], browser: BrowserRun): string {
  const rows = [
    `${label}`,
    '| kind | queries | hit@1 | hit@5 | MRR@10 | corrected | search ms p50 / p95 | correction ms p50 / max (slowest run) | bytes / query |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const s of scores) {
    const bytes = s.queries ? (browser.queryBytes.get(s.kind) ?? 0) / s.queries : 0;
    rows.push(
      `| ${s.kind} | ${s.queries} | ${pct(s.hit1)} | ${pct(s.hit5)} | ${pct(s.mrr)} | ${s.corrected} | ${s.searchMsP50.toFixed(1)} / ${s.searchMsP95.toFixed(1)} | ${s.correctMsP50.toFixed(2)} / ${s.correctMsMax.toFixed(2)} (${s.correctMsWorst.toFixed(2)}) | ${formatBytes(Math.round(bytes))} |`,
    );
  }
  rows.push(
    `Loaded when search opens: ${formatBytes(browser.startBytes)} (vocabulary ${formatBytes(browser.vocabularyBytes)} of it, before HTTP compression)` +
      `; search ready in ${browser.openMs.toFixed(0)} ms` + (browser.vocabularyWords ? `, vocabulary of ${browser.vocabularyWords} words included.` : '.'),
  );
  return rows.join('\n');
}

export async function benchSearch(opt: SearchBenchOptions): Promise<{ report: string; failures: string[] }> {
  const built = opt.site ? { site: resolve(opt.site), content: join(opt.root, 'content') } : buildSite(opt);
  const out: string[] = [];
  const sizes = sizesOf(built.content);
  out.push(
    `Catalog: ${sizes.papers} papers. search-vocabulary.js: ${sizes.vocabularyWords} words, ${formatBytes(sizes.vocabularyBytes)}, ${formatBytes(sizes.vocabularyGzip)} gzipped. ` +
      `search-similar.js: ${formatBytes(sizes.similarBytes)}, ${formatBytes(sizes.similarGzip)} gzipped.`,
  );
  if (opt.sizesOnly) return { report: out.join('\n'), failures: [] };

  const papers: BenchPaper[] = readCatalog(built.content)
    .filter((p) => !p.hidden)
    .map((p) => ({ path: `papers/${p.id}/`, title: p.title, abstract: p.abstract }));
  const { sample, queries } = makeQueries(papers, opt.sample, opt.seed);
  // Kind by kind, so each kind's bytes are its own (later kinds find some chunks cached, as a reader would).
  const ordered = KINDS.flatMap((kind) => queries.filter((q) => q.kind === kind));
  out.push(`Sample: ${sample.length} papers (seed ${opt.seed}), ${ordered.length} queries, ranks read from the first ${TOP} results, in Chromium.`);

  const failures: string[] = [];
  const results = new Map<string, KindScore[]>();
  for (const mode of opt.runs) {
    const browser = await runInChromium(built.site, ordered, { correct: mode === 'corrected', chromium: opt.chromium, ...(opt.src ? { src: opt.src } : {}) });
    const scores = score(browser.answers);
    results.set(mode, scores);
    const engine = opt.src ? `the engine in ${opt.src}` : "this checkout's engine";
    out.push('', renderScores(`${mode === 'corrected' ? 'With typo correction' : 'Searched as typed'}, ${engine}, site ${built.site}:`, scores, browser));
    if (mode === 'corrected') {
      const wrong = browser.answers.filter((a) => a.query.kind === 'one typo' && a.corrected && a.searched.toLowerCase() !== a.query.intended!.toLowerCase());
      for (const kind of KINDS) {
        const missed = browser.answers.filter((a) => a.query.kind === kind && (a.rank === -1 || a.rank >= 5));
        const shown = missed.slice(0, opt.verbose ? missed.length : 8).map((a) => `“${a.query.text}”${a.corrected ? ` → “${a.searched}”` : ''} (${a.rank === -1 ? `not in ${TOP}` : `#${a.rank + 1}`})`);
        if (missed.length) out.push(`${kind}, not in the first five: ${shown.join('; ')}${missed.length > shown.length ? '; …' : ''}`);
      }
      out.push(`One typo corrected to other words than intended: ${wrong.length} of ${browser.answers.filter((a) => a.query.kind === 'one typo').length}.`);
      const changed = browser.answers.filter((a) => a.query.kind !== 'one typo' && a.corrected);
      if (changed.length) failures.push(`${changed.length} correct queries were corrected: ${changed.slice(0, 5).map((a) => `“${a.query.text}” → “${a.searched}”`).join('; ')}`);
      const slowest = browser.answers.toSorted((a, b) => b.correctMs - a.correctMs).slice(0, 3);
      out.push(`Slowest corrections (median of five runs): ${slowest.map((a) => `${a.correctMs.toFixed(2)} ms for “${a.query.text}”`).join('; ')}.`);
      const worst = browser.answers.toSorted((a, b) => b.correctMsWorst - a.correctMsWorst).slice(0, 3);
      out.push(`Slowest single runs: ${worst.map((a) => `${a.correctMsWorst.toFixed(2)} ms for “${a.query.text}” (query ${browser.answers.indexOf(a) + 1}, median ${a.correctMs.toFixed(2)} ms)`).join('; ')}.`);
      const max = Math.max(...browser.answers.map((a) => a.correctMs));
      if (max > 5) failures.push(`correction took up to ${max.toFixed(2)} ms a query (budget 5 ms)`);
    }
  }
  const corrected = results.get('corrected');
  if (corrected) {
    const byKind = new Map(corrected.map((s) => [s.kind, s]));
    const targets: [string, number, number][] = [
      ['titles hit@1', byKind.get('titles')!.hit1, 0.99],
      ['title words hit@5', byKind.get('title words')!.hit5, 0.99],
      ['one typo hit@5', byKind.get('one typo')!.hit5, 0.9],
      ['abstract words hit@5', byKind.get('abstract words')!.hit5, 0.97],
    ];
    out.push('', 'Targets: ' + targets.map(([name, value, bar]) => `${name} ${pct(value)} ${value >= bar ? '≥' : '<'} ${bar}${value >= bar ? '' : ' MISSED'}`).join('; '));
    for (const [name, value, bar] of targets) if (value < bar) failures.push(`${name} is ${pct(value)}, below ${bar}`);
  }

  // Find similar, in Node: the same module the page runs, over the same vectors the build writes.
  const docs = readCatalog(built.content).filter((p) => !p.hidden).map(({ id, title, abstract }) => ({ id, title, abstract }));
  const index = new SimilarIndex(JSON.parse(JSON.stringify(packSimilar(docs, termSpace(docs), (id) => `papers/${id}/`))));
  const ranks = sample.map((p) => index.like(p.abstract, TOP).findIndex((h) => h.url === p.path));
  const n = ranks.length || 1;
  out.push(
    `Find similar, a paper's abstract pasted (${ranks.length} papers): hit@1 ${pct(ranks.filter((r) => r === 0).length / n)}, hit@5 ${pct(ranks.filter((r) => r >= 0 && r < 5).length / n)}.`,
  );
  if (existsSync(join(built.site, 'search-vocabulary.js'))) {
    const built_ = readFileSync(join(built.site, 'search-vocabulary.js'));
    out.push(`Built ${join(built.site, 'search-vocabulary.js')}: ${formatBytes(built_.length)}, ${formatBytes(gzipSync(built_, { level: 9 }).length)} gzipped.`);
  }
  return { report: out.join('\n'), failures };
}
