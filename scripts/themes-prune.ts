/**
 * `npm run themes:prune` — removes the rows of content/theme-labels.yaml that can teach nothing:
 * those whose paper is neither in the catalog nor a training paper (once the demo catalog is
 * replaced, its papers' labels, which the ingest warns about), and those naming a theme
 * themes.yaml no longer has (the demo's themes, removed: an error at the ingest). Labels of
 * training papers and of the catalog's papers, for themes that exist, stay.
 */
import { buildCatalog } from '../src/ingest/catalog.ts';
import { IngestError } from '../src/ingest/diagnostics.ts';
import { readCatalogInput, removeLabels } from '../src/ingest/store.ts';
import { contentPaths, shownPaths } from '../src/lib/content-dir.ts';
import { readOptions } from '../src/lib/cli.ts';
import { oneLine } from '../src/lib/format.ts';

const USAGE = `npm run themes:prune

Removes the rows of the labels file that name papers neither in the catalog nor among the
training papers (after the demo catalog is replaced, its papers' labels), and the rows that
name a theme themes.yaml no longer has. Run it after \`npm run ingest\` has reported them;
the other rows and the comments stay.

  --help    print this`;

function main(): void {
  readOptions('themes:prune', USAGE, {});
  const paths = contentPaths(process.cwd());
  const input = readCatalogInput(paths);
  const plan = buildCatalog(input);
  // A source that does not read has no papers in the plan, and their labels would look stray.
  const gone = plan.labelsOfGoneThemes;
  const blocking = plan.diagnostics.filter((d) => d.severity === 'error' && !gone.errors.includes(d));
  if (blocking.length > 0) throw new IngestError(blocking);
  const file = shownPaths(paths).labels;
  // Disjoint: a row naming a gone theme is never also a stray.
  const stray = new Set(plan.strayLabels);
  if (stray.size === 0 && gone.rows.length === 0) {
    console.log(`${file}: every label names a paper of the catalog or a training paper, and a theme of themes.yaml; nothing removed.`);
    return;
  }
  removeLabels(paths, [...stray, ...gone.rows]);
  const papers = new Set([...stray].map((index) => input.labels[index]!.paper)).size;
  const themes = [...new Set(gone.rows.map((index) => input.labels[index]!.theme))];
  const removed = [
    ...(stray.size > 0 ? [`${stray.size} label(s) of ${papers} paper(s) that are neither in the catalog nor training papers`] : []),
    ...(gone.rows.length > 0 ? [`${gone.rows.length} label(s) of theme(s) no longer in themes.yaml (${themes.join(', ')})`] : []),
  ];
  console.log(`${file}: removed ${removed.join(' and ')}; ${input.labels.length - stray.size - gone.rows.length} remain.`);
}

try {
  main();
} catch (e) {
  // An ingest error lists its diagnostics a line each; anything else is one line, never a stack trace.
  console.error(e instanceof IngestError ? e.message : `themes:prune: ${oneLine((e as Error).message)}`);
  process.exitCode = 1;
}
