/**
 * `npm run bench:corpus -- --papers N [--out DIR] [--seed S]` — a synthetic catalog of N papers
 * for benchmarks, made from the real listings in content/sources/ (see bench/corpus.ts).
 * Writes DIR/content/{sources/, themes.yaml, curation.yaml, training-papers.yaml, theme-labels.yaml}, ready for
 * `CONTENT_DIR=DIR/content OUT_DIR=DIR/dist node scripts/build.ts`. The same N and seed give
 * byte-identical files. DIR defaults to $TMPDIR/shelfmark-bench/corpus-N.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { buildSourcePool, generateCorpus, type CorpusStats } from '../bench/corpus.ts';
import { createClassifier } from '../src/ingest/classify.ts';
import { readOptions } from '../src/lib/cli.ts';
import { contentPaths } from '../src/lib/content-dir.ts';
import { themeLabelsSchema, trainingPapersSchema } from '../src/schemas/labels.ts';
import { taxonomySchema } from '../src/schemas/theme.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Marks a folder as the generator's, so it may empty it; any other folder is left alone. */
export const MARKER = '.shelfmark-bench-corpus';

export function defaultCorpusDir(papers: number): string {
  return join(tmpdir(), 'shelfmark-bench', `corpus-${papers}`);
}

/**
 * Writes the corpus of `papers` papers under `out` (content/ inside it). Anything the generator
 * wrote there before — listings, and the ingest's papers/ — is removed first, so the folder
 * holds exactly this corpus; a folder that is not the generator's is refused.
 */
export function writeCorpus(out: string, papers: number, seed = 1, realContent = join(ROOT, 'content')): CorpusStats {
  const from = contentPaths(ROOT, realContent);
  const content = join(out, 'content');
  const to = contentPaths(out, content);
  const listings = readdirSync(from.sources)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => ({ file, text: readFileSync(join(from.sources, file), 'utf8') }));
  const themesYaml = readFileSync(from.themes, 'utf8');
  const taxonomy = taxonomySchema.parse(parse(themesYaml));
  const themeIds = taxonomy.map((t) => t.id);
  const corpus = generateCorpus(buildSourcePool(listings, createClassifier(taxonomy)), { papers, seed, themeIds, themesYaml, paths: to });

  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(join(out, MARKER))) {
    throw new Error(`${out} exists and was not made by bench:corpus; choose an empty or new --out folder`);
  }
  rmSync(content, { recursive: true, force: true });
  mkdirSync(to.sources, { recursive: true });
  writeFileSync(join(out, MARKER), 'Made by `npm run bench:corpus`; the generator may empty this folder.\n');
  for (const [path, text] of corpus.files) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  // The theme models learn from the training papers, as in the real catalog; the labels of the
  // real catalog's own papers are left out, since the synthetic catalog has other ids.
  if (existsSync(from.training)) {
    copyFileSync(from.training, to.training);
    const ids = new Set(trainingPapersSchema.parse(parse(readFileSync(from.training, 'utf8'))).papers.map((p) => p.id));
    const labels = themeLabelsSchema.parse(parse(readFileSync(from.labels, 'utf8'))).labels.filter((l) => ids.has(l.paper));
    writeFileSync(to.labels, `# The training papers' labels (npm run bench:corpus); generated, do not edit.\n${stringify({ labels }, { lineWidth: 0 })}`);
  }
  return corpus.stats;
}

const USAGE = `npm run bench:corpus -- --papers N [--out DIR] [--seed S]

Writes a synthetic catalog of N papers for benchmarks, made from the real listings; the same N
and seed give byte-identical files.

  --papers N   how many papers (required)
  --out DIR    where (\${TMPDIR}/shelfmark-bench/corpus-N by default)
  --seed S     1 by default
  --help       print this`;

function main(): number {
  const values = readOptions('bench:corpus', USAGE, { papers: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string', default: '1' } });
  const papers = Number(values.papers);
  if (!values.papers || !Number.isInteger(papers) || papers < 1) {
    console.error(`bench:corpus: --papers wants a positive whole number; \`npm run bench:corpus -- --help\` lists the options`);
    return 2;
  }
  const out = resolve(values.out ?? defaultCorpusDir(papers));
  const started = performance.now();
  const stats = writeCorpus(out, papers, Number(values.seed));
  const ms = performance.now() - started;
  const layouts = Object.entries(stats.listings).map(([k, v]) => `${v} ${k}`).join(', ');
  console.log(
    `bench:corpus: ${stats.papers} papers, ${stats.occurrences} listing entries (${stats.duplicates} repeats, ${((100 * stats.duplicates) / stats.occurrences).toFixed(1)}%) ` +
      `in ${Object.values(stats.listings).reduce((a, b) => a + b, 0)} listings (${layouts}); ` +
      `curation: ${stats.curation.hidden} hidden, ${stats.curation.addThemes} added, ${stats.curation.removeThemes} removed, ${stats.curation.renameTo} renamed; ` +
      `${(stats.bytes / 1e6).toFixed(1)} MB in ${(ms / 1000).toFixed(1)} s`,
  );
  console.log(`  CONTENT_DIR=${join(out, 'content')} OUT_DIR=${join(out, 'dist')} node scripts/build.ts`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main();
  } catch (e) {
    console.error(`bench:corpus: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}
