/** Human labels for the listing files a paper was found in, from `content/sources/sources.yaml`. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { listingManifest } from '../schemas/paper.ts';
import { contentPaths, MANIFEST_FILE } from './content-dir.ts';
import { stripControls } from './format.ts';

// The manifest is optional: a catalog of unlabelled listings shows file names. Labels may come
// from a fetch (a search's own words), so they get the stripping any untrusted text gets.
const manifestPath = join(contentPaths().sources, MANIFEST_FILE);
const labels = new Map(
  existsSync(manifestPath) ? listingManifest.parse(parse(readFileSync(manifestPath, 'utf8'))).listings.flatMap((l) => (l.label ? [[l.file, stripControls(l.label)] as const] : [])) : [],
);

/** The listing's label, or `undefined` when the manifest does not name it (pages then show the file name alone). */
export function listingLabel(file: string): string | undefined {
  return labels.get(file);
}
