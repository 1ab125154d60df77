/**
 * Author names as readers see them, and the one rule for when two names are one author:
 * the same letters after Unicode compatibility folding, case folding and accent removal
 * ("Jürgen Schmidhuber" = "Jurgen Schmidhuber", "Søgaard" = "Sogaard"). No more than that is claimed: two people
 * with one name share a page, and one person written two ways has two.
 */
import slugify from '@sindresorhus/slugify';
import { fold } from './search-text.ts';

/**
 * What goes before the `i`th of `count` names, so they read "A", "A and B", "A, B and C"; names
 * that are not all of the authors (`etAl`) have no last one, and read "A, B, C" before `ET_AL`.
 * A paper page links each name between them.
 */
export function nameSeparator(i: number, count: number, etAl = false): string {
  return i === 0 ? '' : i === count - 1 && !etAl ? ' and ' : ', ';
}

/** What follows names that are not all of the authors. */
export const ET_AL = ' et al.';

/** Whether a source's "author" is its way of saying et al. ("et al.", "et al"), as hand-made lists do. */
export const isEtAl = (name: string): boolean => /^et\.?\s*al\.?$/i.test(name.trim());

/**
 * The names as one text (see `nameSeparator`); more than `max` as "A, B, … and Z"; names that are
 * not all of the authors (`etAl`) as "A, B, C et al.", at most `max - 1` of them.
 */
export function formatAuthors(names: readonly string[], { max = 4, etAl = false } = {}): string {
  if (!etAl && names.length > max) return `${names[0]}, ${names[1]}, … and ${names.at(-1)}`;
  const shown = etAl ? names.slice(0, max - 1) : names;
  return shown.map((name, i) => nameSeparator(i, shown.length, etAl) + name).join('') + (etAl ? ET_AL : '');
}

/** A generational suffix; V and VI only after a comma ("Henry Ford, VI"), since alone they may be an initial. Capitals only: Ii is a family name. */
export function isSuffix(word: string, afterComma: boolean): boolean {
  return /^(?:(?:Jr|Sr|JR|SR)\.?|II|III|IV)$/.test(word) || (afterComma && /^(?:V|VI)$/.test(word));
}

/** The words of a family name's particle ("van der Berg", "de la Cruz"), in lower case as people write them. */
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'ten', 'ter', 'dos', 'das', 'bin', 'al', 'el']);
/**
 * Words in organisations' names and in no person's ("Gemini Team", "The CMS Collaboration",
 * "Université de Montréal", "BigScience Workshop"), as whole words in any script; a hyphen joins
 * a word, so "Co-Reyes" and "Anderson-Group" are names, but not the stems no name has
 * ("Max-Planck-Institut").
 */
const ORGANISATION_WORDS = /(?<![\p{L}\p{N}-])(?:team|collaboration|consortium|group|labs?|project|committee|society|association|foundation|council|initiative|organi[sz]ation|cent(?:er|re)|research|workshop|deepmind|and)(?![\p{L}\p{N}-])|(?<![\p{L}\p{N}])(?:laborator|institut|universit)\p{L}*|&/iu;
/** A firm's legal form as firms write it ("Wiley, Inc.", "Siemens AG", "Co." with its point: Co is a family name), and "AI" last, in capitals ("Meta AI"). */
const FIRM = /(?<![\p{L}\p{N}-])(?:Inc|Ltd|LLC|PLC|plc|GmbH|AG|Corp)(?![\p{L}\p{N}-])|(?<![\p{L}\p{N}-])Co\.|\sAI$/u;

/** Whether a name is an organisation's: the one rule the readers and the citations share. */
export function isOrganisation(name: string): boolean {
  return ORGANISATION_WORDS.test(name) || FIRM.test(name);
}

/** A name written in Chinese, Japanese or Korean script, whose family part comes first, with no space. */
const CJK_NAME = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+$/u;

/**
 * A person's name from the parts a source states, as it is written: given names, then the
 * family part ("Ludwig van Beethoven"); but the family part first, with no space, where both are
 * in Chinese, Japanese or Korean script ("王, 小明" is 王小明). The one rule every reader follows.
 */
export function joinName(given: string | null | undefined, family: string | null | undefined): string {
  const [first, last] = [given?.trim() ?? '', family?.trim() ?? ''];
  if (CJK_NAME.test(first) && CJK_NAME.test(last)) return last + first;
  return [first, last].filter(Boolean).join(' ');
}

/** A person's name in the parts citation formats write apart. */
export interface NameParts {
  given: string;
  /** With its particle: "van Beethoven". */
  family: string;
  /** "Jr.", "III", or empty. */
  suffix: string;
}

/**
 * A person's name in its parts. Where its source stated the family part (`family`: "Garcia
 * Satorras", or the whole name for a name stated whole), as stated; otherwise by BibTeX's own
 * rule for "First von Last": the last word is the family name, with the lower-case particles
 * before it, and a generational suffix follows it (after a comma, as the catalog writes it, or
 * not). The readers write every name given name first ("太郎 山田" from `山田, 太郎`), so the
 * rule holds in every script. Null for a name stated whole, and by the rule for an
 * organisation's name, a name of one word and a name that is all family name ("van Gogh"):
 * those are written whole.
 */
export function nameParts(name: string, family?: string): NameParts | null {
  if (family === name) return null;
  let [rest, suffix] = [name, ''];
  const comma = /^(.*?),\s*([^,]+)$/.exec(name);
  const last = name.split(/\s+/).at(-1)!;
  if (comma && isSuffix(comma[2]!.trim(), true)) [rest, suffix] = [comma[1]!, comma[2]!.trim()];
  else if (isSuffix(last, false)) [rest, suffix] = [name.slice(0, -last.length).trim(), last];
  // A stated family part that is not how the name ends (another spelling) tells nothing.
  if (family && rest.endsWith(` ${family}`)) return { given: rest.slice(0, -family.length).trim(), family, suffix };
  // Written family first, as `joinName` writes a Chinese, Japanese or Korean name: 王小明.
  if (family && CJK_NAME.test(rest) && rest.startsWith(family) && rest.length > family.length) return { given: rest.slice(family.length), family, suffix };
  if (isOrganisation(name)) return null;
  const words = rest.split(/\s+/).filter(Boolean);
  if (words.length < 2 || rest.includes(',')) return null;
  let start = words.length - 1;
  while (start > 0 && PARTICLES.has(words[start - 1]!)) start--;
  if (start === 0) return null;
  return { given: words.slice(0, start).join(' '), family: words.slice(start).join(' '), suffix };
}

/** The identity of an author name: what two spellings of one name have in common. */
export function authorKey(name: string): string {
  return fold(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The longest author slug kept whole: a folder name takes 255 bytes, and a slug is ASCII. Longer
 * ones (a consortium, or every author of a paper on one line of an export: a 266-character name
 * failed the build) are cut; shorter ones keep the address they always had.
 */
const MAX_AUTHOR_SLUG = 240;

/**
 * URL segment of an author's page: the name's slug (ASCII), or a stable fallback for a name with
 * no letters to spell. A slug too long for a folder is cut at a word and keeps a hash of the
 * whole, so two long names that differ only past the cut keep two pages.
 */
export function authorSlug(name: string): string {
  const slug = slugify(authorKey(name));
  if (!slug) return `author-${hashOf(authorKey(name) || name)}`;
  if (slug.length <= MAX_AUTHOR_SLUG) return slug;
  const cut = slug.lastIndexOf('-', MAX_AUTHOR_SLUG - 8);
  return `${slug.slice(0, cut > 0 ? cut : MAX_AUTHOR_SLUG - 8)}-${hashOf(slug)}`;
}

/** A short, stable hash of a text, in base 36 (the fallback's since the first author pages). */
function hashOf(text: string): string {
  let hash = 0;
  for (const ch of text) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return hash.toString(36);
}
