import { describe, expect, it } from 'vitest';
import { parseDateLine, resolveDate } from '../../src/ingest/dates.ts';

describe('reading a date line', () => {
  it('reads "Dec 8, 2024" as month, day and year', () => {
    expect(parseDateLine('Dec 8, 2024')).toEqual({ month: 12, day: 8, year: 2024 });
  });

  it('reads "Feb 23" as a date without a year', () => {
    expect(parseDateLine('Feb 23')).toEqual({ month: 2, day: 23 });
  });

  it('a number after the date is the upvote count, with or without a year', () => {
    expect(parseDateLine('Sep 30, 2023 11')).toEqual({ month: 9, day: 30, year: 2023, upvotes: 11 });
    expect(parseDateLine('Sep 29 2')).toEqual({ month: 9, day: 29, upvotes: 2 });
  });

  it('surrounding spaces do not matter', () => {
    expect(parseDateLine('  Jul 8 2  ')).toEqual({ month: 7, day: 8, upvotes: 2 });
  });

  it('full month names, "Sept." and any letter case are months', () => {
    expect(parseDateLine('September 3, 2024')).toEqual({ month: 9, day: 3, year: 2024 });
    expect(parseDateLine('Sept. 3')).toEqual({ month: 9, day: 3 });
    expect(parseDateLine('DEC 1, 2023')).toEqual({ month: 12, day: 1, year: 2023 });
  });

  it('a day that does not exist is not a date', () => {
    expect(parseDateLine('Feb 30, 2024')).toBeNull();
    expect(parseDateLine('Jun 31')).toBeNull();
    expect(parseDateLine('Feb 29, 2023')).toBeNull();
    expect(parseDateLine('Feb 29, 2024')).toEqual({ month: 2, day: 29, year: 2024 });
  });

  it('a word that merely starts like a month name is not a month ("Decoding 12" is a title, not Dec 12)', () => {
    expect(parseDateLine('Decoding 12')).toBeNull();
    expect(parseDateLine('Marching 3')).toBeNull();
    expect(parseDateLine('Maybe 1')).toBeNull();
  });

  it('titles, metadata and other text are not dates', () => {
    for (const line of ['Mamba 2', 'Dec', '11 Dec 2024', '• 4 authors', '·', '', 'Dec 11 and more']) {
      expect(parseDateLine(line), line).toBeNull();
    }
  });
});

describe('resolving a listing date to an ISO day', () => {
  const captured = '2025-12-11';

  it('a date with a year is that day, whatever the capture date', () => {
    expect(resolveDate({ month: 12, day: 8, year: 2024 }, captured)).toBe('2024-12-08');
    expect(resolveDate({ month: 12, day: 8, year: 2024 }, undefined)).toBe('2024-12-08');
  });

  it('a date without a year takes the capture year', () => {
    expect(resolveDate({ month: 2, day: 23 }, captured)).toBe('2025-02-23');
  });

  it('a date on the capture day itself is in the capture year', () => {
    expect(resolveDate({ month: 12, day: 11 }, captured)).toBe('2025-12-11');
  });

  it('the day after the capture day is in the capture year: the page dates by UTC, the capture by the saver\'s own day', () => {
    expect(resolveDate({ month: 12, day: 12 }, captured)).toBe('2025-12-12');
    expect(resolveDate({ month: 1, day: 1 }, '2025-12-31')).toBe('2026-01-01');
    expect(resolveDate({ month: 1, day: 3 }, '2026-01-02')).toBe('2026-01-03');
  });

  it('a date later than that falls in the year before', () => {
    expect(resolveDate({ month: 12, day: 13 }, captured)).toBe('2024-12-13');
    expect(resolveDate({ month: 6, day: 1 }, '2025-01-15')).toBe('2024-06-01');
  });

  it('without a capture date, a date without a year stays unknown rather than guessed', () => {
    expect(resolveDate({ month: 2, day: 23 }, undefined)).toBeNull();
  });

  it('Feb 29 without a year resolves on a page captured in a leap year', () => {
    expect(resolveDate({ month: 2, day: 29 }, '2024-03-01')).toBe('2024-02-29');
  });

  it('Feb 29 seen in a year without one is from the leap year before; with none the year before either, it stays unknown', () => {
    expect(resolveDate({ month: 2, day: 29 }, '2025-03-01')).toBe('2024-02-29');
    expect(resolveDate({ month: 2, day: 29 }, '2026-03-01')).toBeNull();
  });
});
