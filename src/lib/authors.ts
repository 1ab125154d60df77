/**
 * Author names as readers see them, and the one rule for when two names are one author:
 * the same letters after Unicode compatibility folding, case folding and accent removal
 * ("Jürgen Schmidhuber" = "Jurgen Schmidhuber", "Søgaard" = "Sogaard"). No more than that is claimed: two people
 * with one name share a page, and one person written two ways has two.
 */
import slugify from '@sindresorhus/slugify';

/** What goes before the `i`th of `count` names, so they read "A", "A and B", "A, B and C"; a paper page links each name between them. */
export function nameSeparator(i: number, count: number): string {
  return i === 0 ? '' : i === count - 1 ? ' and ' : ', ';
}

/** The names as one text (see `nameSeparator`); more than `max` as "A, B, … and Z". */
export function formatAuthors(names: readonly string[], { max = 4 } = {}): string {
  if (names.length > max) return `${names[0]}, ${names[1]}, … and ${names.at(-1)}`;
  return names.map((name, i) => nameSeparator(i, names.length) + name).join('');
}

/** Letters that are not a letter and an accent, so NFKD does not take them apart. */
const LETTERS: Record<string, string> = { ø: 'o', ł: 'l', ß: 'ss', æ: 'ae', œ: 'oe', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** The identity of an author name: what two spellings of one name have in common. */
export function authorKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øłßæœđðþı]/g, (c) => LETTERS[c]!)
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
