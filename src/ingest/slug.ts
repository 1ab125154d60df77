import slugify from '@sindresorhus/slugify';
import { createHash } from 'node:crypto';

/** Long enough to read in a URL, short enough to paste into chat. */
const MAX_SLUG_LENGTH = 80;

/**
 * A URL-safe slug for a title: ASCII, lowercase, hyphenated (the slugify package
 * transliterates "α" and "ü" rather than dropping them), cut at a word boundary.
 * A title with nothing to transliterate gets a slug from its hash.
 */
export function slugForTitle(title: string): string {
  let slug = slugify(title, { decamelize: false });
  if (slug.length > MAX_SLUG_LENGTH) {
    const cut = slug.lastIndexOf('-', MAX_SLUG_LENGTH);
    slug = slug.slice(0, cut > 0 ? cut : MAX_SLUG_LENGTH);
  }
  return slug || `paper-${createHash('sha256').update(title).digest('hex').slice(0, 10)}`;
}

/**
 * Gives every paper an id, keeping the ids already assigned: a URL, once published, must
 * not move. New papers take their title's slug, or the first free `-2`, `-3`… after it;
 * `papers` must be in a fixed order for the result to be the same on every run.
 */
export function assignIds(papers: readonly { key: string; title: string }[], existing: ReadonlyMap<string, string>): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const paper of papers) {
    const id = existing.get(paper.key);
    if (id !== undefined && !taken.has(id)) {
      ids.set(paper.key, id);
      taken.add(id);
    }
  }
  // Ids of papers no longer listed stay reserved, so a removed paper's URL is never reused.
  for (const id of existing.values()) taken.add(id);
  for (const paper of papers) {
    if (ids.has(paper.key)) continue;
    const base = slugForTitle(paper.title);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    ids.set(paper.key, id);
    taken.add(id);
  }
  return ids;
}
