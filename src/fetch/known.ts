/**
 * For `--new-only`: the arXiv ids the catalog already has, from the frontmatter of
 * `content/papers/*.mdx` (read by the ingest's own reader).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FrontmatterError, parsePaperFile } from '../ingest/frontmatter.ts';
import { shownPath, type ContentPaths } from '../lib/content-dir.ts';
import { FetchError } from './errors.ts';

/** The arXiv ids of the catalog's papers; throws `FetchError` at the file and line of a paper that does not read. */
export function knownArxivIds(paths: ContentPaths): Set<string> {
  const ids = new Set<string>();
  if (!existsSync(paths.papers)) return ids;
  for (const name of readdirSync(paths.papers).filter((n) => n.endsWith('.mdx'))) {
    const path = join(paths.papers, name);
    let data: unknown;
    try {
      data = parsePaperFile(readFileSync(path, 'utf8')).data;
    } catch (e) {
      if (!(e instanceof FrontmatterError)) throw e;
      throw new FetchError(`${shownPath(paths, path)}:${e.line}: ${e.message}; fix it (or run npm run ingest) before --new-only`);
    }
    const id = (data as { arxivId?: unknown } | null)?.arxivId;
    if (typeof id === 'string') ids.add(id);
  }
  return ids;
}
