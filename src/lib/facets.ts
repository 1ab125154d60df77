/**
 * The search facets' values, in the one place both sides take them from: the paper page gives
 * each paper's values to Pagefind (`data-pagefind-filter`), and the search page lists the same
 * values with the tokens that stand for them in its URL (`?year=2024&source=…`).
 *
 * A listing's label is free text ("Hugging Face Papers: 変換器", "📚 reading list"), so its
 * token is a Unicode slug: letters and digits of any script, and pictographs, kept; everything
 * else a hyphen. Labels with no such character, and labels whose slugs collide ("a.b" and
 * "a b"), get a short hash of the label appended, so every label has a token of its own that
 * does not depend on which other labels exist.
 */

/** The year value of papers whose listing gave no date. */
export const UNDATED = 'Undated';
/** Its token in the URL. */
export const UNDATED_TOKEN = 'undated';

/** The `year` filter value of a paper: the year of `listedOn`, or `Undated`. */
export function yearValue(listedOn: string | null | undefined): string {
  return listedOn ? listedOn.slice(0, 4) : UNDATED;
}

/** The `source` filter value of a listing: its label, or its file name when the manifest has none. */
export function sourceValue(file: string, label: string | undefined): string {
  return label ?? file;
}

/** URL token of a year value. */
export function yearToken(year: string): string {
  return year === UNDATED ? UNDATED_TOKEN : year;
}

/** The published value of papers no source gives a publication date for. */
export const UNKNOWN = 'Unknown';
/** Its token in the URL. */
export const UNKNOWN_TOKEN = 'unknown';

/** The `published` filter value of a paper: the year of `published`, or `Unknown`. */
export function publishedValue(published: string | null | undefined): string {
  return published?.slice(0, 4) ?? UNKNOWN;
}

/** URL token of a published value. */
export function publishedToken(year: string): string {
  return year === UNKNOWN ? UNKNOWN_TOKEN : year;
}

const NOT_KEPT = /[^\p{L}\p{M}\p{N}\p{Extended_Pictographic}]+/gu;

/** The readable part of a token: lower case, NFKC, runs of anything else one hyphen. May be empty. */
export function slugOf(label: string): string {
  return label.normalize('NFKC').toLowerCase().replace(NOT_KEPT, '-').replace(/^-+|-+$/g, '');
}

/** FNV-1a, 32 bits, as 8 hex digits: a stable tag for a label, the same in Node and browsers. */
function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * A token for each distinct label, all different and none empty. A label keeps its plain slug
 * unless another label has the same slug or the slug is empty; then it is `<slug>-<hash>`
 * (or `l-<hash>`). Throws if two labels still share a token (a 32-bit hash collision), so a
 * facet value can never be unselectable or stand for two listings.
 */
export function facetTokens(labels: Iterable<string>): Map<string, string> {
  const distinct = [...new Set(labels)];
  const bySlug = new Map<string, number>();
  for (const label of distinct) bySlug.set(slugOf(label), (bySlug.get(slugOf(label)) ?? 0) + 1);
  const tokens = new Map<string, string>();
  const owner = new Map<string, string>();
  for (const label of distinct) {
    const slug = slugOf(label);
    const token = slug && bySlug.get(slug) === 1 ? slug : `${slug || 'l'}-${hashOf(label)}`;
    const other = owner.get(token);
    if (other !== undefined) throw new Error(`Facet labels "${other}" and "${label}" would share the URL token "${token}"`);
    owner.set(token, label);
    tokens.set(label, token);
  }
  return tokens;
}
