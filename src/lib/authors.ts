/**
 * Author names as readers see them, and the one rule for when two names are one author:
 * the same letters after Unicode compatibility folding, case folding and accent removal
 * ("Jürgen Schmidhuber" = "Jurgen Schmidhuber"). No more than that is claimed: two people
 * with one name share a page, and one person written two ways has two.
 */
import slugify from '@sindresorhus/slugify';

/** "A", "A and B", "A, B and C"; longer lists "A, B, … and Z" unless `full`. */
export function formatAuthors(names: readonly string[], { full = false, max = 4 } = {}): string {
  if (names.length === 0) return '';
  if (names.length === 1) return names[0]!;
  if (!full && names.length > max) return `${names[0]}, ${names[1]}, … and ${names.at(-1)}`;
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The identity of an author name: what two spellings of one name have in common. */
export function authorKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** URL segment of an author's page: the name's slug (ASCII), or a stable fallback for a name with no letters to spell. */
export function authorSlug(name: string): string {
  const slug = slugify(authorKey(name));
  if (slug) return slug;
  let hash = 0;
  for (const ch of authorKey(name) || name) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return `author-${hash.toString(36)}`;
}
