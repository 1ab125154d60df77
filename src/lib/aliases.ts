import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePaperFile } from '../ingest/frontmatter.ts';

/**
 * Site paths of every redirect page (a paper's former ids). Read from the files at config
 * time, before the content layer exists, so the sitemap can leave them out.
 */
export function aliasPaths(papersDir: string): Set<string> {
  const paths = new Set<string>();
  for (const file of readdirSync(papersDir).filter((f) => f.endsWith('.mdx'))) {
    const { data } = parsePaperFile(readFileSync(join(papersDir, file), 'utf8'));
    for (const alias of (data as { aliases?: string[] }).aliases ?? []) paths.add(`papers/${alias}/`);
  }
  return paths;
}
