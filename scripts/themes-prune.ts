/**
 * `npm run themes:prune` — removes the rows of content/theme-labels.yaml that can teach nothing:
 * those whose paper is neither in the catalog nor a training paper (once the demo catalog is
 * replaced, its papers' labels, which the ingest warns about), and, for each theme named with
 * `--theme`, the rows of that theme once themes.yaml no longer has it (the demo's themes,
 * removed). A theme is named on purpose: a misspelt or renamed theme in themes.yaml would look
 * removed too, and its labels are people's work.
 */
import { existsSync } from 'node:fs';
import { buildCatalog } from '../src/ingest/catalog.ts';
import { failureMessage, IngestError } from '../src/ingest/diagnostics.ts';
import { readCatalogInput, removeLabels } from '../src/ingest/store.ts';
import { contentPaths, shownPaths } from '../src/lib/content-dir.ts';
import { readOptions } from '../src/lib/cli.ts';

const USAGE = `npm run themes:prune [-- --theme ID …]

Removes the rows of the labels file that name papers neither in the catalog nor among the
training papers (after the demo catalog is replaced, its papers' labels). Run it after
\`npm run ingest\` has warned about them; the other rows and the comments stay.

  --theme ID   also remove the labels of theme ID, which themes.yaml no longer has (a theme
               you removed; a renamed one's labels are to be renamed instead); repeatable
  --help       print this`;

function main(): void {
  const { theme: named = [] } = readOptions('themes:prune', USAGE, { theme: { type: 'string', multiple: true } });
  const paths = contentPaths(process.cwd());
  const input = readCatalogInput(paths);
  const plan = buildCatalog(input);
  const file = shownPaths(paths).labels;
  const themes = new Set(input.taxonomy.map((t) => t.id));
  const kept = named.filter((id) => themes.has(id));
  if (kept.length > 0) throw new Error(`${kept.join(', ')} ${kept.length === 1 ? 'is' : 'are'} in themes.yaml; only the labels of a theme it no longer has are removed`);
  const removing = plan.goneThemes.filter((gone) => named.includes(gone.theme));
  const unlabelled = named.filter((id) => !removing.some((gone) => gone.theme === id));
  if (unlabelled.length > 0) throw new Error(`no label names ${unlabelled.map((id) => `"${id}"`).join(', ')}; nothing removed`);
  const chosen = removing.flatMap((gone) => gone.rows);
  // A source that does not read has no papers in the plan, and their labels would look stray. A
  // gone theme's labels are an error until they are removed, so the errors of those named do not stop it.
  const blocking = plan.diagnostics.filter((d) => d.severity === 'error' && !removing.some((gone) => gone.error === d));
  if (blocking.length > 0) throw new IngestError(blocking);
  // Disjoint: a row naming a gone theme is never also a stray.
  const stray = plan.strayLabels;
  if (stray.length === 0 && chosen.length === 0) {
    console.log(`${file}: every label names a paper of the catalog or a training paper; nothing removed.`);
    return;
  }
  // Without the training file, its papers' labels (5,000 rows of the demo's) all look stray: a file
  // deleted by mistake would take them with it.
  if (stray.length > 0 && !existsSync(paths.training)) {
    throw new Error(`${shownPaths(paths).training} is missing, so the labels of its papers look like strays too; nothing removed. Restore it (git checkout ${shownPaths(paths).training}), or, to remove them all the same, write "papers: []" in it and prune again`);
  }
  removeLabels(paths, [...stray, ...chosen], input.labels);
  const papers = new Set(stray.map((index) => input.labels[index]!.paper)).size;
  const removed = [
    ...(stray.length > 0 ? [`${stray.length} label(s) of ${papers} paper(s) that are neither in the catalog nor training papers`] : []),
    ...(chosen.length > 0 ? [`${chosen.length} label(s) of ${named.join(', ')}, a theme themes.yaml no longer has`] : []),
  ];
  console.log(`${file}: removed ${removed.join(' and ')}; ${input.labels.length - stray.length - chosen.length} remain.`);
}

try {
  main();
} catch (e) {
  console.error(failureMessage('themes:prune', e));
  process.exitCode = 1;
}
