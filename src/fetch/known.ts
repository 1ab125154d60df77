/**
 * For `--new-only`: the papers the catalog already has, from the frontmatter of
 * `content/papers/*.mdx` (read by the ingest's own reader), by each of the three things the
 * ingest joins papers by: arXiv id, DOI and title, a title only where, as in the ingest, ids and
 * first authors do not say the papers are two ("A Survey of Large Language Models" is several).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FrontmatterError, parsePaperFile } from '../ingest/frontmatter.ts';
import { doiKey } from '../lib/ids.ts';
import { authorsDiffer } from '../ingest/merge.ts';
import { titleKey } from '../ingest/normalize.ts';
import type { SourceRecord } from '../ingest/sources/record.ts';
import { shownPath, type ContentPaths } from '../lib/content-dir.ts';
import { FetchError } from './errors.ts';

export interface KnownPapers {
  arxivIds: Set<string>;
  /** DOIs as `doiKey` makes them. */
  dois: Set<string>;
  /** Papers by title, as `titleKey` makes it, with what tells two papers of one title apart. */
  titles: Map<string, TitledPaper[]>;
}

interface TitledPaper {
  arxivId: string | null;
  doi: string | null;
  firstAuthor: string | null;
}

/** The catalog's papers; throws `FetchError` at the file and line of a paper that does not read. */
export function knownPapers(paths: ContentPaths): KnownPapers {
  const known = noPapers();
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
    const { arxivId, doi, title, authors } = (data ?? {}) as { arxivId?: unknown; doi?: unknown; title?: unknown; authors?: unknown };
    const paper: TitledPaper = {
      arxivId: typeof arxivId === 'string' ? arxivId : null,
      doi: typeof doi === 'string' ? doiKey(doi) : null,
      firstAuthor: Array.isArray(authors) && typeof authors[0] === 'string' ? authors[0] : null,
    };
    if (paper.arxivId) known.arxivIds.add(paper.arxivId);
    if (paper.doi) known.dois.add(paper.doi);
    if (typeof title === 'string') known.titles.set(titleKey(title), [...(known.titles.get(titleKey(title)) ?? []), paper]);
  }
  return known;
}

/** A catalog with no papers (a run without `--new-only` knows none). */
export function noPapers(): KnownPapers {
  return { arxivIds: new Set(), dois: new Set(), titles: new Map() };
}

/** Whether the catalog has the paper of `record`, as the ingest would join them. */
export function isKnown(known: KnownPapers, record: SourceRecord): boolean {
  if (record.arxivId !== null && known.arxivIds.has(record.arxivId)) return true;
  if (record.doi !== null && known.dois.has(doiKey(record.doi))) return true;
  const differ = (a: string | null, b: string | null) => a !== null && b !== null && a !== b;
  return (known.titles.get(titleKey(record.title)) ?? []).some(
    (paper) => !differ(paper.arxivId, record.arxivId) && !differ(paper.doi, record.doi && doiKey(record.doi)) && !authorsDiffer(paper.firstAuthor, record.authors[0]),
  );
}
