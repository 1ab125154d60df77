/**
 * Page chrome: text of the listing site's own interface that a saved page carries along.
 * Kept here as data, matched as whole lines, so a new phrase is a one-line change.
 */
export const CHROME_LINES: readonly string[] = [
  'new',
  'Subscribe',
  'Daily Papers',
  'Get trending papers in your email inbox!',
  'Get trending papers in your email inbox once a day!',
  'byAK and the research community',
];

const chromeSet = new Set(CHROME_LINES.map((line) => line.toLowerCase()));

/** True when the whole line is interface text, not catalog content. */
export function isChromeLine(line: string): boolean {
  return chromeSet.has(line.trim().toLowerCase());
}

/**
 * Removes chrome glued onto the start of a line ("SubscribeScaling Rectified Flow…"), as
 * happens when a page's text is copied without a line break after a button. Only a glued
 * phrase followed by more text is removed; the longest phrase wins.
 */
export function stripGluedChrome(line: string): string {
  let best = '';
  for (const phrase of CHROME_LINES) {
    if (phrase.length > best.length && line.length > phrase.length && line.startsWith(phrase) && /\S/.test(line[phrase.length]!)) {
      best = phrase;
    }
  }
  return best ? line.slice(best.length) : line;
}
