import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePaperFile } from '../ingest/frontmatter.ts';
import { paperSitePath } from './paths.ts';

/**
 * The redirects manifest: every former id of a paper (its `aliases`) and the id it moved to,
 * written by the ingest beside the paper files. The site config reads this one small file to
 * leave redirect pages out of the sitemap, instead of parsing every paper on every `astro` command.
 */
export const REDIRECTS_FILE = 'redirects.json';

/** The manifest's text for these paper files (name → text), sorted so that it is deterministic. */
export function redirectsManifest(files: Iterable<[name: string, text: string]>): string {
  const moved: [string, string][] = [];
  for (const [name, text] of files) {
    if (!name.endsWith('.mdx')) continue;
    const { data } = parsePaperFile(text) as { data: { id?: string; aliases?: string[] } };
    for (const alias of data.aliases ?? []) moved.push([alias, data.id ?? name.replace(/\.mdx$/, '')]);
  }
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
