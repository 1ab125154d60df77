/**
 * Listing dates as the pages show them: `Dec 8, 2024`, or `Feb 23` for the year the page
 * was captured, optionally followed by an upvote count (`Sep 30, 2023 11`).
 */

import { addDays, isValidDay, MONTH_ABBREVIATIONS } from '../lib/calendar.ts';

const MONTHS = MONTH_ABBREVIATIONS.map((name) => name.toLowerCase());

/** A month's number (1–12) from its English name or abbreviation, in any case; 0 for no month. */
export const monthNumber = (name: string): number => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;

/** A month as pages and exports write it: its name or abbreviation ("Sep", "Sept.", "September"), never just a word that starts like one ("Decoding 12"). A pattern's source, for patterns that ignore case. */
export const MONTH_NAME = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';

const DATE_LINE = new RegExp(`^(${MONTH_NAME})\\.?\\s+(\\d{1,2})(?:,\\s*(\\d{4}))?(?:\\s+(\\d+))?$`, 'i');

export interface ListingDate {
  month: number;
  day: number;
  /** Absent when the page left it out. */
  year?: number;
  /** Upvote count shown after the date, if any. */
  upvotes?: number;
}

/**
 * A page's own date above its papers, in any of the page's views: a day ("Dec 11"), a week
 * ("Dec 8 - Dec 14", "Week 50, 2025") or a month ("December 2025"). It dates no paper.
 */
const PAGE_DATE = new RegExp(`^(?:(?:${MONTH_NAME})\\.?\\s+\\d{1,2}(?:,\\s*\\d{4})?\\s*[-–—]\\s*(?:(?:${MONTH_NAME})\\.?\\s+)?\\d{1,2}(?:,\\s*\\d{4})?|week\\s+\\d{1,2},?\\s+\\d{4}|(?:${MONTH_NAME})\\.?,?\\s+\\d{4})$`, 'i');

/** Whether a line is a page's own date: a listing date, or a week's or a month's. */
export function isPageDateLine(line: string): boolean {
  return parseDateLine(line) !== null || PAGE_DATE.test(line.trim());
}

/** Parses a date line, or returns null when the line is not one. */
export function parseDateLine(line: string): ListingDate | null {
  const m = DATE_LINE.exec(line.trim());
  if (!m) return null;
  const month = monthNumber(m[1]!);
  const day = Number(m[2]);
  const year = m[3] === undefined ? undefined : Number(m[3]);
  if (!isValidDay(year ?? 2000, month, day)) return null;
  return { month, day, ...(year === undefined ? {} : { year }), ...(m[4] === undefined ? {} : { upvotes: Number(m[4]) }) };
}

/**
 * The ISO date of a listing date. A date without a year belongs to the capture year,
 * unless that would put it after the capture day (or the day is not in that year): pages
 * drop the year only for recent dates, so such a date is from the year before. The day after
 * the capture counts as before it: the page dates by UTC, the capture is the saver's own day,
 * and a page saved in the evening west of Greenwich already shows tomorrow. With no
 * capture date, it stays unknown.
 */
export function resolveDate(date: ListingDate, captured: string | undefined): string | null {
  let year = date.year;
  if (year === undefined) {
    if (!captured) return null;
    const capturedYear = Number(captured.slice(0, 4));
    // The latest such day on or before the day after the capture: "Feb 29" seen in 2025 is from 2024.
    const tomorrow = addDays(captured, 1);
    const later = iso(capturedYear, date.month, date.day) > tomorrow || !isValidDay(capturedYear, date.month, date.day);
    // On New Year's Eve, the day after is in the next year.
    year = iso(capturedYear + 1, date.month, date.day) === tomorrow ? capturedYear + 1 : later ? capturedYear - 1 : capturedYear;
  }
  if (!isValidDay(year, date.month, date.day)) return null;
  return iso(year, date.month, date.day);
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

