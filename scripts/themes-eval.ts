/**
 * `npm run themes:eval` — precision and recall of the theme rules against the hand-labelled
 * samples in tests/fixtures/: the development sample (360 papers, which the rules were
 * adjusted against) and the held-out sample (the remaining 64 papers, which they never
 * were; its figures are the honest ones). Curation is left out: this measures the rules.
 * See tests/fixtures/README.md for the protocol: only the held-out totals are ever read.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { buildCatalog } from '../src/ingest/catalog.ts';
import { createClassifier } from '../src/ingest/classify.ts';
import { formatScores, REQUIRED_THEMES, scoreThemes, type Labelled } from '../src/ingest/evaluate.ts';
import { contentPaths, readCatalogInput } from '../src/ingest/store.ts';

const input = readCatalogInput(contentPaths(process.cwd()));
const papers = buildCatalog(input).papers;
const classify = createClassifier(input.taxonomy);
const predicted = new Map(papers.map((p) => [p.id, classify(p.title, p.abstract ?? '').themes]));

for (const [name, file] of [
  ['development', 'theme-labels.yaml'],
  ['held-out', 'theme-labels-holdout.yaml'],
]) {
  const labelled = parse(readFileSync(`tests/fixtures/${file}`, 'utf8')) as Labelled[];
  console.log(`\n${name} sample: ${labelled.length} papers (tests/fixtures/${file})`);
  console.log(formatScores(scoreThemes(REQUIRED_THEMES, labelled, predicted)));
}
