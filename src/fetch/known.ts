/**
 * For `--new-only`: the papers the catalog already has, from the frontmatter of
 * `content/papers/*.mdx` (read by the ingest's own reader), by each of the three things the
 * ingest joins papers by: arXiv id, DOI and title, a title only where, by the ingest's own rule,
 * ids, abstracts or first authors do not say the papers are two ("A Survey of Large Language
 * Models" is several).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { knownPaperOf } from '../ingest/catalog.ts';
import { FrontmatterError, parsePaperFile } from '../ingest/frontmatter.ts';
import { titleKey } from '../ingest/normalize.ts';
import { isOtherPaper, type KnownPaper } from '../ingest/slug.ts';
import type { SourceRecord } from '../ingest/sources/record.ts';
import { paperIdOfFile, shownPath, type ContentPaths } from '../lib/content-dir.ts';
import { doiKey } from '../lib/ids.ts';
import type { Paper } from '../schemas/paper.ts';
import { FetchError } from './errors.ts';

export interface KnownPapers {
  arxivIds: Set<string>;
  /** DOIs as `doiKey` makes them. */
  dois: Set<string>;
  /** Papers by title, as `titleKey` makes it, as the ingest knows them. */
  titles: Map<string, KnownPaper[]>;
}

/** The catalog's papers; throws `FetchError` at the file and line of a paper that does not read. */
export function knownPapers(paths: ContentPaths): KnownPapers {
  const known = noPapers();
  if (!existsSync(paths.papers)) return known;
  for (const name of readdirSync(paths.papers).filter((n) => paperIdOfFile(n) !== null)) {
    const path = join(paths.papers, name);
    let data: Partial<Paper> | null;
    try {
      data = parsePaperFile(readFileSync(path, 'utf8')).data as Partial<Paper> | null;
    } catch (e) {
      if (!(e instanceof FrontmatterError)) throw e;
      throw new FetchError(`${shownPath(paths, path)}:${e.line}: ${e.message}; fix it (or run npm run ingest) before --new-only`);
    }
    if (typeof data?.arxivId === 'string') known.arxivIds.add(data.arxivId);
    if (typeof data?.doi === 'string') known.dois.add(doiKey(data.doi));
    if (typeof data?.title !== 'string') continue;
    const paper = knownPaperOf({ ...data, id: String(data.id ?? ''), title: data.title }, []);
    known.titles.set(paper.titleKey, [...(known.titles.get(paper.titleKey) ?? []), paper]);
  }
  return known;
}

/** A catalog with no papers (a run without `--new-only` knows none). */
export function noPapers(): KnownPapers {
  return { arxivIds: new Set(), dois: new Set(), titles: new Map() };
}

/** Whether the catalog has the paper of `record`: by its arXiv id or DOI, or by its title where the ingest's own rule (`isOtherPaper`) does not say the two are two. */
export function isKnown(known: KnownPapers, record: SourceRecord): boolean {
  if (record.arxivId !== null && known.arxivIds.has(record.arxivId)) return true;
  const doi = record.doi === null ? null : doiKey(record.doi);
  if (doi !== null && known.dois.has(doi)) return true;
  const key = titleKey(record.title);
  const paper = { key, title: record.title, titleKeys: [key], abstractKeys: record.abstract ? [titleKey(record.abstract)] : [], arxivId: record.arxivId, doiKey: doi, sourceKeys: [], sourceFiles: [], firstAuthor: record.authors[0] ?? null };
  return (known.titles.get(key) ?? []).some((k) => !isOtherPaper(k, paper));
}
