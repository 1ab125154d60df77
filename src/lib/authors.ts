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

/**
 * The names as one text (see `nameSeparator`); more than `max` as "A, B, … and Z"; names that are
 * not all of the authors (`etAl`) as "A, B, C et al.", at most `max - 1` of them.
 */
export function formatAuthors(names: readonly string[], { max = 4, etAl = false } = {}): string {
  if (etAl) return `${names.slice(0, max - 1).join(', ')} et al.`;
  if (names.length > max) return `${names[0]}, ${names[1]}, … and ${names.at(-1)}`;
  return names.map((name, i) => nameSeparator(i, names.length) + name).join('');
}

/** A generational suffix, after a comma or not ("John Smith, Jr.", "John Smith III"). */
const SUFFIX = /^(.*?)(?:,\s*|\s+)((?:jr|sr|ii|iii|iv)\.?)$/i;
/** The words of a family name's particle ("van der Berg", "de la Cruz"), in lower case as people write them. */
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'ten', 'ter', 'dos', 'das', 'bin', 'al', 'el']);
/** Words no person's name has and organisations' names do ("Gemini Team", "The CMS Collaboration", "Google DeepMind"); and "AI" in capitals ("Meta AI", not the family name Ai). */
const ORGANISATION = /\b(?:team|collaboration|consortium|group|labs?|laboratory|institute|university|inc|ltd|llc|corporation|project|committee|society|association|foundation|council|initiative|organi[sz]ation|cent(?:er|re)|research|deepmind)\b/i;
const AI = /\bAI\b/;

/** A person's name in the parts citation formats write apart. */
export interface NameParts {
  given: string;
  /** With its particle: "van Beethoven". */
  family: string;
  /** "Jr.", "III", or empty. */
  suffix: string;
}

/**
 * A person's name in its parts, by BibTeX's own rule for "First von Last": the last word is the
 * family name, with the lower-case particles before it, and a generational suffix follows it.
 * Null for an organisation's name and for a name of one word, which are written whole.
 */
export function nameParts(name: string): NameParts | null {
  // "Smith and Sons" and "Smith & Wesson" are firms, whatever their words.
  if (ORGANISATION.test(name) || AI.test(name) || /&|\band\b/i.test(name)) return null;
  const [, rest = name, suffix = ''] = SUFFIX.exec(name) ?? [];
  const words = rest.split(/\s+/).filter(Boolean);
  if (words.length < 2 || rest.includes(',')) return null;
  let start = words.length - 1;
  while (start > 1 && PARTICLES.has(words[start - 1]!)) start--;
  return { given: words.slice(0, start).join(' '), family: words.slice(start).join(' '), suffix };
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
