/**
 * The author index: every author name in the catalog, grouped by `authorSlug` (the
 * normalised name, as a URL segment), with the papers that name them.
 */
import { authorSlug } from './authors.ts';
import { compareText } from './format.ts';
import { authorSitePath } from './paths.ts';
import { withBase } from './urls.ts';

/** URL of the page of the author whose slug is `slug`. */
export const authorPagePath = (slug: string) => withBase(authorSitePath(slug));
/** URL of the page of the author named `name`. */
export const authorPath = (name: string) => authorPagePath(authorSlug(name));

export interface Author<P> {
  slug: string;
  /** The spelling most papers use (the first seen among equals). */
  name: string;
  papers: P[];
}

/** Authors of `papers`, alphabetical by name; each author's papers keep the order given. */
export function authorsOf<P>(papers: readonly P[], namesOf: (paper: P) => readonly string[]): Author<P>[] {
  const bySlug = new Map<string, { spellings: Map<string, number>; papers: P[] }>();
  for (const paper of papers) {
    for (const name of new Set(namesOf(paper))) {
      const slug = authorSlug(name);
      const entry = bySlug.get(slug) ?? { spellings: new Map<string, number>(), papers: [] as P[] };
      entry.spellings.set(name, (entry.spellings.get(name) ?? 0) + 1);
      if (entry.papers.at(-1) !== paper) entry.papers.push(paper);
      bySlug.set(slug, entry);
    }
  }
  return [...bySlug]
    .map(([slug, { spellings, papers }]) => ({ slug, name: [...spellings].reduce((best, s) => (s[1] > best[1] ? s : best))[0], papers }))
    .sort((a, b) => compareText(a.name, b.name) || (a.slug < b.slug ? -1 : 1));
}
