import { resolve } from 'node:path';

/**
 * The folder a catalog is built from: `content/` unless CONTENT_DIR names another, so the
 * same code builds the default catalog, test fixtures and benchmark corpora.
 */
export function contentDir(root = process.cwd()): string {
  return resolve(root, process.env.CONTENT_DIR || 'content');
}
