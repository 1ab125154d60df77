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

/** What the catalog already knows about a paper: the URL it was published under. */
export interface KnownPaper {
  id: string;
  /** Former ids that redirect to `id`. */
  aliases: string[];
  titleKey: string;
  abstractKey: string;
}

export interface Assigned {
  id: string;
  aliases: string[];
  /** The catalog's record this paper was recognised as, if any. */
  known?: KnownPaper;
}

/**
 * Gives every paper an id, keeping the ids already published: a URL, once shared, must not
 * move. A paper is recognised by its title, or, when its title was corrected, by its
 * abstract. New papers take their title's slug, or the first free `-2`, `-3`… after it,
 * never an id or alias used before. `papers` must be in a fixed order for the result to
 * be the same on every run.
 */
export function assignIds(papers: readonly { key: string; title: string; abstractKey: string }[], known: readonly KnownPaper[]): Map<string, Assigned> {
  const assigned = new Map<string, Assigned>();
  const claimed = new Set<KnownPaper>();
  // Guards against a damaged catalog in which two files carry the same id.
  const claimedIds = new Set<string>();
  const claim = (key: string, match: KnownPaper | undefined) => {
    if (!match || claimed.has(match) || claimedIds.has(match.id) || assigned.has(key)) return;
    claimed.add(match);
    claimedIds.add(match.id);
    assigned.set(key, { id: match.id, aliases: match.aliases, known: match });
  };
  const byTitle = new Map(known.map((k) => [k.titleKey, k]));
  for (const paper of papers) claim(paper.key, byTitle.get(paper.key));
  const byAbstract = new Map(known.map((k) => [k.abstractKey, k]));
  for (const paper of papers) claim(paper.key, byAbstract.get(paper.abstractKey));

  const taken = new Set(known.flatMap((k) => [k.id, ...k.aliases]));
  for (const paper of papers) {
    if (assigned.has(paper.key)) continue;
    const base = slugForTitle(paper.title);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    assigned.set(paper.key, { id, aliases: [] });
    taken.add(id);
  }
  return assigned;
}
