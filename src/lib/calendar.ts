/**
 * The calendar's rules, for every part that reads or writes dates (the ingest's readers, the
 * fetch, the citations and the pages): what days exist, the day after, and the months' short
 * names. Pure, for Node and the browser alike.
 */

/** The months' three-letter names, as pages show them ("Dec 8, 2024") and, in lower case, BibTeX's month macros. */
export const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** Whether the day exists: February 30 and June 31 do not. The one rule for days, whatever the source. */
export function isValidDay(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** The day `days` days after `day` (before, when negative), both `YYYY-MM-DD`. */
export function addDays(day: string, days: number): string {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}
