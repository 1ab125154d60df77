/**
 * `npm run ingest` — listings in content/sources/ → one MDX file per paper in content/papers/.
 *   --check   change nothing; exit 1 if content/papers/ is not what the listings give
 *   --strict  treat warnings as errors (for CI)
 * All the work is in src/ingest/; this file only reads flags, prints and sets the exit code.
 */
import { buildCatalog } from '../src/ingest/catalog.ts';
import { failureMessage, formatDiagnostics, IngestError } from '../src/ingest/diagnostics.ts';
import { summarize } from '../src/ingest/report.ts';
import { applyPlan, readCatalogInput, staleFiles } from '../src/ingest/store.ts';
import { contentPaths, paperIdOfFile } from '../src/lib/content-dir.ts';
import { readOptions } from '../src/lib/cli.ts';

const USAGE = `npm run ingest [-- OPTIONS]

Reads the listings in content/sources/ and writes one MDX file per paper to content/papers/,
shelving each paper on its themes.

  --check    change nothing; exit 1 if content/papers/ is not what the listings give
  --strict   treat warnings as errors (for CI)
  --help     print this`;

function main(): number {
  const values = readOptions('ingest', USAGE, { check: { type: 'boolean', default: false }, strict: { type: 'boolean', default: false } });
  const paths = contentPaths(process.cwd());
  const input = readCatalogInput(paths);
  const plan = buildCatalog(input);

  for (const line of formatDiagnostics(plan.diagnostics)) console.error(line);
  const errors = plan.diagnostics.filter((d) => d.severity === 'error' || values.strict).length;
  if (errors > 0) {
    console.error(`ingest: stopped with ${errors} problem(s) above; ${input.files.papers} was not changed.`);
    return 1;
  }

  console.log(summarize(plan, input.taxonomy));
  if (values.check) {
    const stale = staleFiles(paths, plan);
    if (stale.length > 0) {
      console.error(`ingest --check: ${stale.length} file(s) in ${input.files.papers} are out of date (${stale.slice(0, 5).join(', ')}${stale.length > 5 ? ', …' : ''}); run \`npm run ingest\` and commit the result.`);
      return 1;
    }
    console.log(`${input.files.papers} is up to date.`);
    return 0;
  }
  let result: ReturnType<typeof applyPlan>;
  try {
    result = applyPlan(paths, plan);
  } catch (e) {
    if (e instanceof IngestError) throw e;
    // applyPlan puts back whatever it had changed before throwing.
    throw new Error(`could not write ${input.files.papers} (${(e as Error).message}); it was left as it was.`);
  }
  const { written, removed } = result;
  console.log(`wrote ${written.length} file(s), removed ${removed.length}.`);
  // A page that goes leaves its links dead (a paper joined to another keeps its address, as a redirect): said by name.
  if (plan.gone.length > 0) {
    const ids = plan.gone.map((file) => paperIdOfFile(file)!);
    console.log(`no source has ${ids.length === 1 ? 'this paper' : 'these papers'} any more, so ${ids.length === 1 ? 'its page is' : 'their pages are'} gone: ${ids.slice(0, 10).join(', ')}${ids.length > 10 ? `, and ${ids.length - 10} more` : ''}.`);
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  console.error(failureMessage('ingest', e));
  process.exitCode = 1;
}
