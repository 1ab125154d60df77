import type { Loader } from 'astro/loaders';
import { glob } from 'astro/loaders';
import { paperFileName, paperIdOfFile } from './content-dir.ts';
import { hasNotes } from './notes.ts';

/**
 * The papers collection: Astro's glob loader over `<content>/papers/*.mdx`, except that a paper
 * whose body (the human notes) is blank is stored as data only.
 *
 * Why: the glob loader turns every MDX entry into a module that Vite compiles and bundles at
 * build time, notes or not. Nearly every paper has no notes, and at 10,000 papers those empty
 * modules cost most of Astro's build time and gigabytes of memory. A paper with notes is still
 * compiled as MDX, so notes keep every MDX feature; one without has nothing to render.
 */
export function papersLoader(base: string): Loader {
  const inner = glob({ pattern: paperFileName('*'), base, generateId: ({ entry }) => paperIdOfFile(entry)! });
  return {
    name: 'shelfmark-papers',
    load: (context) =>
      inner.load({
        ...context,
        store: {
          ...context.store,
          set: (entry) => context.store.set(hasNotes(entry.body) ? entry : { ...entry, deferredRender: false }),
        },
      }),
  };
}
