/**
 * `npm run themes:eval` — how well the shelves agree with people, for each theme with labels:
 * precision and recall by 5-fold cross-validation over content/theme-labels.yaml (the
 * shelves — the model with the rules as its second signal — beside the rules alone, on the
 * same folds), then on the two samples no model ever trains on: the fresh sample
 * (tests/fixtures/theme-fresh.yaml, like a weekly listing) and the near-miss sample
 * (tests/fixtures/theme-near-misses.yaml, papers on the themes' borders). Curation is left
 * out: this measures the shelves, not the maintainers.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { buildCatalog } from '../src/ingest/catalog.ts';
import { failureMessage, IngestError } from '../src/ingest/diagnostics.ts';
import { BAR, bestThreshold, crossValidate, FOLDS, formatScores, freshLabels, HELD_OUT_SAMPLES, judgeUnseen, meetsBar, REQUIRED_THEMES, scoreOutcomes, type FreshPaper, type Method, type Outcome } from '../src/ingest/evaluate.ts';
import { readCatalogInput } from '../src/ingest/store.ts';
import { contentPaths } from '../src/lib/content-dir.ts';
import { readOptions } from '../src/lib/cli.ts';

const USAGE = `npm run themes:eval

How well the shelves agree with people, for each theme with labels: precision and recall by
${FOLDS}-fold cross-validation over the labels, then on the two held-out samples in tests/fixtures/.
It changes nothing.

  --help    print this`;

const methods: Method[] = ['shelves', 'rules'];

function table(outcomes: Map<string, Outcome[]>): string {
  const themes = [...outcomes].filter(([theme, list]) => REQUIRED_THEMES.includes(theme) || list.length > 0);
  return formatScores(themes.flatMap(([theme, list]) => methods.map((method) => ({ ...scoreOutcomes(theme, list, method), method }))));
}

function main(): void {
  readOptions('themes:eval', USAGE, {});
  const input = readCatalogInput(contentPaths(process.cwd()));
  const plan = buildCatalog(input);
  // Figures of a catalog the ingest refuses would be of shelves no one will see: its errors come first.
  const errors = plan.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new IngestError(errors);
  const { labelled } = plan.shelving;
  const started = performance.now();
  console.log(`cross-validated, ${FOLDS} folds over ${labelled.length} labelled papers (${input.files.labels} and ${input.files.training}):`);
  const crossValidated = crossValidate(input.taxonomy, labelled);
  console.log(table(crossValidated));
  if ([...crossValidated].some(([theme, list]) => !REQUIRED_THEMES.includes(theme) && list.length > 0)) {
    // themes:review asks about the papers the shelves are least sure of, so a theme taught only
    // that way is scored on its hardest papers, and reads lower than it shelves the catalog.
    console.log('(themes beyond the four required ones are scored on the papers themes:review asked about: the least clear ones)');
  }
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  // Whether the bar is a threshold away, or needs better evidence (more labels, other features).
  for (const [theme, list] of crossValidated) {
    if (!REQUIRED_THEMES.includes(theme)) continue;
    const best = bestThreshold(list);
    if (!best) continue;
    const short = meetsBar(best) ? '' : ' — no threshold meets the bar';
    console.log(`${theme}: best precision at recall ≥ ${BAR.recall} over all model thresholds: ${best.precision.toFixed(3)} (threshold ${best.threshold.toFixed(2)}, recall ${best.recall.toFixed(3)})${short}`);
  }

  for (const { name, file } of HELD_OUT_SAMPLES) {
    const papers = freshLabels(parse(readFileSync(`tests/fixtures/${file}`, 'utf8')) as FreshPaper[]);
    console.log(`\n${name}, ${papers.length} papers never trained on (tests/fixtures/${file}):`);
    console.log(table(judgeUnseen(input.taxonomy, labelled, papers)));
  }

  const shown = plan.papers.filter((p) => !p.hidden);
  const shelved = shown.filter((p) => p.themes.length > 0).length;
  console.log(`\ncatalog: ${shelved} of ${shown.length} papers (${((100 * shelved) / shown.length).toFixed(1)}%) on at least one shelf; ${shown.length - shelved} unsorted.`);
}

try {
  main();
} catch (e) {
  console.error(failureMessage('themes:eval', e));
  process.exitCode = 1;
}
