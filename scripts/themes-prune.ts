/**
 * `npm run themes:prune` — removes the rows of content/theme-labels.yaml whose paper is neither
 * in the catalog nor a training paper: once the demo catalog is replaced, its papers' labels,
 * which the ingest warns about. Labels of training papers and of the catalog's papers stay.
 */
import { buildCatalog } from '../src/ingest/catalog.ts';
import { IngestError } from '../src/ingest/diagnostics.ts';
import { readCatalogInput, removeLabels } from '../src/ingest/store.ts';
import { contentPaths, shownPaths } from '../src/lib/content-dir.ts';
import { readOptions } from '../src/lib/cli.ts';
import { oneLine } from '../src/lib/format.ts';

const USAGE = `npm run themes:prune

Removes the rows of the labels file that name papers neither in the catalog nor among the
training papers (after the demo catalog is replaced, its papers' labels). Run it after
\`npm run ingest\` has warned about them; the other rows and the comments stay.

  --help    print this`;

function main(): void {
  readOptions('themes:prune', USAGE, {});
  const paths = contentPaths(process.cwd());
  const input = readCatalogInput(paths);
  const plan = buildCatalog(input);
  // A source that does not read has no papers in the plan, and their labels would look stray.
  if (plan.diagnostics.some((d) => d.severity === 'error')) throw new IngestError(plan.diagnostics.filter((d) => d.severity === 'error'));
  const stray = plan.strayLabels;
  const file = shownPaths(paths).labels;
  if (stray.length === 0) {
    console.log(`${file}: every label names a paper of the catalog or a training paper; nothing removed.`);
    return;
  }
  removeLabels(paths, stray);
  const papers = new Set(stray.map((index) => input.labels[index]!.paper)).size;
  console.log(`${file}: removed ${stray.length} label(s) of ${papers} paper(s) that are neither in the catalog nor training papers; ${input.labels.length - stray.length} remain.`);
}

try {
  main();
} catch (e) {
  // An ingest error lists its diagnostics a line each; anything else is one line, never a stack trace.
  console.error(e instanceof IngestError ? e.message : `themes:prune: ${oneLine((e as Error).message)}`);
  process.exitCode = 1;
}
