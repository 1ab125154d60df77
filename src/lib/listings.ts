/** Human labels for the listing files a paper was found in, from `content/sources/sources.yaml`. */
import { parse } from 'yaml';
import manifestText from '../../content/sources/sources.yaml?raw';
import { listingManifest } from '../schemas/paper.ts';

const labels = new Map(listingManifest.parse(parse(manifestText)).listings.map((l) => [l.file, l.label]));

/** The listing's label, or `undefined` when the manifest does not name it (pages then show the file name alone). */
export function listingLabel(file: string): string | undefined {
  return labels.get(file);
}
