/**
 * Page chrome: text of the listing site's own interface that a saved page carries along.
 * Kept here as data, matched as whole lines, so a new phrase is a one-line change.
 */
/** The papers page's own header and buttons, whose text a copy may glue onto the first title below them. */
export const PAGE_CHROME: readonly string[] = [
  'new',
  'Subscribe',
  'Daily Papers',
  'Get trending papers in your email inbox!',
  'Get trending papers in your email inbox once a day!',
  'byAK and the research community',
  'by AK and the research community',
];

/**
 * The site's navigation bar, which a page selected whole (Ctrl+A) begins with. It stands above
 * the page's own header, never against a title, so it is chrome only as a whole line: a title
 * such as "CommunityLM: …" or "Docs2KG: …" keeps its first word.
 */
const NAVIGATION = ['Hugging Face', 'Models', 'Datasets', 'Spaces', 'Posts', 'Community', 'Docs', 'Solutions', 'Enterprise', 'Pricing', 'Log In', 'Sign Up'];

const CHROME_LINES: readonly string[] = [...PAGE_CHROME, ...NAVIGATION];

/** A line as chrome is compared: spaces of any kind (a page saved from HTML has non-breaking ones) as one, in any case. */
const chromeKey = (line: string) => line.replace(/\s+/gu, ' ').trim().toLowerCase();
const chromeSet = new Set(CHROME_LINES.map(chromeKey));
/**
 * More characters other than spaces than the longest chrome line has: most lines of a listing,
 * its titles and abstracts, are told apart by this alone (the listings of 10,000 papers: 0.33 s
 * of keys made for nothing).
 */
const longerThanChrome = new RegExp(`\\S(?:\\s*\\S){${Math.max(...[...chromeSet].map((key) => key.length))}}`, 'u');

/** True when the whole line is interface text, not catalog content. */
export function isChromeLine(line: string): boolean {
  return !longerThanChrome.test(line) && chromeSet.has(chromeKey(line));
}

/**
 * Removes the page's chrome glued onto the start of a line ("SubscribeScaling Rectified Flow…",
 * or "Subscribe" and a tab), as happens when a page's text is copied without a line break after
 * a button. Only a phrase glued to a word that starts anew (a capital or a digit, or anything
 * after a phrase's "!") or set off by a tab is removed, so "Daily Papers of …" and
 * "newton…" stay whole; the longest phrase wins.
 */
export function stripGluedChrome(line: string): string {
  let best = '';
  for (const phrase of PAGE_CHROME) {
    const next = line[phrase.length];
    const glued = next !== undefined && (/[\p{Lu}\p{N}\t]/u.test(next) || (/\P{L}$/u.test(phrase) && /\S/.test(next)));
    if (phrase.length > best.length && glued && line.startsWith(phrase)) best = phrase;
  }
  return best ? line.slice(best.length).replace(/^\t+/, '') : line;
}
