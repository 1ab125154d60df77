import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { paperSitePath } from './paths.ts';

/**
 * The redirects manifest: every former id of a paper (its `aliases`) and the id it moved to,
 * written by the ingest beside the paper files. The site config reads this one small file to
 * leave redirect pages out of the sitemap, instead of parsing every paper on every `astro` command.
 */
export const REDIRECTS_FILE = 'redirects.json';

/** Every id these papers have had, current and former: the names a link or a label may use for them. */
export function everyId(papers: Iterable<{ id: string; aliases: readonly string[] }>): Set<string> {
  const ids = new Set<string>();
  for (const { id, aliases } of papers) for (const name of [id, ...aliases]) ids.add(name);
  return ids;
}

/** The manifest's text for these papers, sorted so that it is deterministic. */
export function redirectsManifest(papers: Iterable<{ id: string; aliases: readonly string[] }>): string {
  const moved: [string, string][] = [];
  for (const { id, aliases } of papers) for (const alias of aliases) moved.push([alias, id]);
  moved.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${JSON.stringify(Object.fromEntries(moved), null, 1)}\n`;
}

/** Site paths (`papers/<alias>/`) of every redirect page, from the manifest in `papersDir`; none when there is no manifest yet. */
export function redirectPaths(papersDir: string): Set<string> {
  const file = join(papersDir, REDIRECTS_FILE);
  if (!existsSync(file)) return new Set();
  const moved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  return new Set(Object.keys(moved).map((alias) => paperSitePath(alias)));
}
