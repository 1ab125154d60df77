/**
 * For `--new-only`: the papers the catalog already has, from the frontmatter of
 * `content/papers/*.mdx` (read by the ingest's own reader), by each of the three things the
 * ingest joins papers by: arXiv id, DOI and title.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FrontmatterError, parsePaperFile } from '../ingest/frontmatter.ts';
import { doiKey } from '../lib/ids.ts';
import { titleKey } from '../ingest/normalize.ts';
import type { SourceRecord } from '../ingest/sources/record.ts';
import { shownPath, type ContentPaths } from '../lib/content-dir.ts';
import { FetchError } from './errors.ts';

export interface KnownPapers {
  arxivIds: Set<string>;
  /** DOIs as `doiKey` makes them. */
  dois: Set<string>;
  /** Titles as `titleKey` makes them. */
  titles: Set<string>;
}

/** The catalog's papers; throws `FetchError` at the file and line of a paper that does not read. */
export function knownPapers(paths: ContentPaths): KnownPapers {
  const known: KnownPapers = { arxivIds: new Set(), dois: new Set(), titles: new Set() };
  if (!existsSync(paths.papers)) return known;
  for (const name of readdirSync(paths.papers).filter((n) => n.endsWith('.mdx'))) {
    const path = join(paths.papers, name);
    let data: unknown;
    try {
      data = parsePaperFile(readFileSync(path, 'utf8')).data;
    } catch (e) {
      if (!(e instanceof FrontmatterError)) throw e;
      throw new FetchError(`${shownPath(paths, path)}:${e.line}: ${e.message}; fix it (or run npm run ingest) before --new-only`);
    }
    const { arxivId, doi, title } = (data ?? {}) as { arxivId?: unknown; doi?: unknown; title?: unknown };
    if (typeof arxivId === 'string') known.arxivIds.add(arxivId);
    if (typeof doi === 'string') known.dois.add(doiKey(doi));
    if (typeof title === 'string') known.titles.add(titleKey(title));
  }
  return known;
}

/** Whether the catalog has the paper of `record`, as the ingest would join them. */
export function isKnown(known: KnownPapers, record: SourceRecord): boolean {
  return (
    (record.arxivId !== null && known.arxivIds.has(record.arxivId)) ||
    (record.doi !== null && known.dois.has(doiKey(record.doi))) ||
    known.titles.has(titleKey(record.title))
  );
}
