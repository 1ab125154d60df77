import { join, relative, resolve } from 'node:path';

/**
 * The folder a catalog is built from: `content/` unless CONTENT_DIR names another, so the
 * same code builds the default catalog, test fixtures and benchmark corpora.
 */
export function contentDir(root = process.cwd()): string {
  return resolve(root, process.env.CONTENT_DIR || 'content');
}

/** Where a project keeps its content: the one place the layout of `content/` is written. */
export interface ContentPaths {
  root: string;
  sources: string;
  papers: string;
  themes: string;
  curation: string;
  labels: string;
  training: string;
}

/** A paper's file in `papers/`: its id and `.mdx`. */
export const paperFileName = (id: string): string => `${id}.mdx`;

/** The id a file in `papers/` names, `paperFileName` read back; null for a file that is no paper's (`redirects.json`). */
export const paperIdOfFile = (name: string): string | null => (name.endsWith('.mdx') ? name.slice(0, -'.mdx'.length) : null);

/** The file in `sources/` that gives each listing its label and capture day. */
export const MANIFEST_FILE = 'sources.yaml';

/**
 * Whether a name in `sources/` is one the ingest reads as a source: not the manifest, and not
 * hidden (an editor's or an interrupted write's temporary file, `.name.1234.tmp`).
 */
export const isSourceName = (name: string): boolean => name !== MANIFEST_FILE && !name.startsWith('.');

/** The files of the catalog whose content folder is `dir` (by default `contentDir(root)`); messages name them relative to `root`. */
export function contentPaths(root = process.cwd(), dir = contentDir(root)): ContentPaths {
  return { root, sources: join(dir, 'sources'), papers: join(dir, 'papers'), themes: join(dir, 'themes.yaml'), curation: join(dir, 'curation.yaml'), labels: join(dir, 'theme-labels.yaml'), training: join(dir, 'training-papers.yaml') };
}

/** A content file or folder as messages name it: relative to the project root, wherever CONTENT_DIR puts it. */
export function shownPath(paths: ContentPaths, path: string): string {
  return relative(paths.root, path) || path;
}

/** The content files and folders as messages name them (folders end in "/"). */
export type ShownPaths = Omit<ContentPaths, 'root'>;

export function shownPaths(paths: ContentPaths): ShownPaths {
  const shown = (path: string) => shownPath(paths, path);
  return { sources: `${shown(paths.sources)}/`, papers: `${shown(paths.papers)}/`, themes: shown(paths.themes), curation: shown(paths.curation), labels: shown(paths.labels), training: shown(paths.training) };
}
