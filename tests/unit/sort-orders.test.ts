import { describe, expect, it } from 'vitest';
import { compareSortValues, listedValue, NO_VALUE, upvotesValue } from '../../src/lib/sort-orders.ts';

describe('the sort orders’ values', () => {
  it('put the latest listing day first and papers without one last', () => {
    const days = ['2023-01-09', NO_VALUE, '2024-05-01', '2024-04-30'];
    expect(days.sort(compareSortValues)).toEqual(['2024-05-01', '2024-04-30', '2023-01-09', NO_VALUE]);
  });

  it('put the most upvotes first, as numbers, not text, and papers without upvotes after those with none', () => {
    const counts = [upvotesValue(9), upvotesValue(null), upvotesValue(10), upvotesValue(0), upvotesValue(100)];
    expect(counts.sort(compareSortValues)).toEqual(['100', '10', '9', '0', NO_VALUE]);
  });

  it('give every paper a value, so a page is never left out of an order', () => {
    expect(listedValue(null)).toBe(NO_VALUE);
    expect(listedValue('2024-05-01')).toBe('2024-05-01');
    expect(upvotesValue(undefined)).toBe(NO_VALUE);
  });
});
