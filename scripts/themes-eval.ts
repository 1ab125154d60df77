/**
 * `npm run themes:eval` — precision and recall of the theme rules against the hand-labelled
 * sample in tests/fixtures/theme-labels.yaml. Curation is left out: it measures the rules.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { buildCatalog } from '../src/ingest/catalog.ts';
import { createClassifier } from '../src/ingest/classify.ts';
import { formatScores, scoreThemes, type Labelled } from '../src/ingest/evaluate.ts';
import { contentPaths, readCatalogInput } from '../src/ingest/store.ts';

const input = readCatalogInput(contentPaths(process.cwd()));
const papers = buildCatalog(input).papers;
const classify = createClassifier(input.taxonomy);
const labelled = parse(readFileSync('tests/fixtures/theme-labels.yaml', 'utf8')) as Labelled[];
const predicted = new Map(papers.map((p) => [p.id, classify(p.title, p.abstract).themes]));

console.log(`${labelled.length} labelled papers\n`);
console.log(formatScores(scoreThemes(['rectified-flow', 'efficient-attention', 'hybrid-models', 'ctc-asr'], labelled, predicted)));
