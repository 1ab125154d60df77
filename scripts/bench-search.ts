/**
 * `npm run bench:search [-- --papers N] [--site DIR [--src DIR]] [--sample 150] [--seed 1] [--runs corrected,as-typed] [--sizes-only] [--verbose]`
 *
 * How well search finds half-remembered papers, with and without typo correction, measured
 * in Chromium (bench/search.ts). Builds the default catalog, or with `--papers N` a
 * synthetic one (scripts/bench-corpus.ts), into $TMPDIR/shelfmark-bench-search/; `--site`
 * measures a site built elsewhere instead, and `--src` runs the search engine of another
 * source folder: an older commit's site and src/ with `--runs as-typed` measure search as it was.
 * `--sizes-only` ingests the catalog and reports the sizes of the files search loads, without
 * building the site. Exits non-zero when a target or budget is missed.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchSearch } from '../bench/search.ts';
import { readOptions } from '../src/lib/cli.ts';
import { CHROMIUM } from '../tests/support/chromium.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const USAGE = `npm run bench:search -- [options]

How well search finds half-remembered papers, with and without typo correction, in Chromium.
Exits non-zero when a target or budget is missed.

  --papers N                     a synthetic catalog of N papers instead of the default one
  --site DIR                     measure a site built elsewhere
  --src DIR                      … with the search engine of another source folder
  --sample N                     papers to look for (150 by default)
  --seed S                       which papers the sample draws (1 by default)
  --runs corrected,as-typed      which runs (both by default)
  --sizes-only                   only the sizes of the files search loads, no site build
  --verbose                      list every query that missed, not just the first few
  --help                         print this`;

const values = readOptions('bench:search', USAGE, {
  papers: { type: 'string' },
  site: { type: 'string' },
  src: { type: 'string' },
  sample: { type: 'string', default: '150' },
  seed: { type: 'string', default: '1' },
  runs: { type: 'string', default: 'corrected,as-typed' },
  'sizes-only': { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
});

const runs = values.runs.split(',').map((r) => (r.trim() === 'as-typed' ? 'as typed' : r.trim()));
if (runs.some((r) => r !== 'corrected' && r !== 'as typed')) {
  console.error('bench:search: --runs takes corrected, as-typed or both');
  process.exit(2);
}

try {
  const { report, failures } = await benchSearch({
    root: ROOT,
    papers: values.papers ? Number(values.papers) : null,
    site: values.site ?? null,
    src: values.src ?? null,
    sample: Number(values.sample),
    seed: Number(values.seed),
    runs: runs as ('corrected' | 'as typed')[],
    sizesOnly: values['sizes-only'],
    verbose: values.verbose,
    chromium: CHROMIUM,
  });
  console.log(report);
  for (const failure of failures) console.error(`bench:search: ${failure}`);
  process.exitCode = failures.length ? 1 : 0;
} catch (error) {
  console.error(`bench:search: ${(error as Error).message}`);
  process.exitCode = 1;
}
