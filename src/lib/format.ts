/** Text helpers shared by pages and components; pure, so they render the same everywhere. */

/**
 * Shortens `text` to at most `max` characters, cutting at a word boundary and ending with `…`.
 * Trailing punctuation is dropped before the ellipsis so cuts never read as `word,…`.
 */
export function excerpt(text: string, max = 220): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  // A single overlong word is cut mid-word rather than returned whole.
  const head = space > 0 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,;:.–—-]+$/, '')}…`;
}

const dateFormat = new Intl.DateTimeFormat('en', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** `2024-01-05` → `Jan 5, 2024`. Read as UTC so the build machine's time zone can't shift the day. */
export function formatDate(isoDate: string): string {
  return dateFormat.format(new Date(`${isoDate}T00:00:00Z`));
}

const monthFormat = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', timeZone: 'UTC' });

/** A date as precise as it is known: `2023` → `2023`, `2023-12` → `Dec 2023`, `2023-12-01` → `Dec 1, 2023`. */
export function formatPartialDate(date: string): string {
  if (date.length === 4) return date;
  if (date.length === 7) return monthFormat.format(new Date(`${date}-01T00:00:00Z`));
  return formatDate(date);
}

/** `A`–`Z` by a title's first character with accents removed; digits and symbols share `#`. */
export function initialOf(title: string): string {
  const first = title.normalize('NFD').charAt(0).toUpperCase();
  return /[A-Z]/.test(first) ? first : '#';
}
