import { describe, expect, it } from 'vitest';
import { remembered } from '../../src/lib/remembered.ts';

describe('remembered', () => {
  it('answers a text it has seen without asking again, the same answer', () => {
    const asked: string[] = [];
    const length = remembered((text) => (asked.push(text), { length: text.length }), 10);
    const first = length('attention');
    expect(length('attention')).toBe(first);
    expect(asked).toEqual(['attention']);
  });

  it('keeps an answer that is falsy: an empty set, 0, an empty string', () => {
    let calls = 0;
    const size = remembered((text) => (calls++, text.length), 10);
    size('');
    size('');
    expect(calls).toBe(1);
  });

  it('past `kept` texts, forgets them all at once and starts again', () => {
    const asked: string[] = [];
    const upper = remembered((text) => (asked.push(text), text.toUpperCase()), 2);
    for (const text of ['a', 'b', 'c', 'a']) upper(text);
    // "c" found the memory full (a, b) and cleared it; "a" is asked again.
    expect(asked).toEqual(['a', 'b', 'c', 'a']);
    upper('c');
    expect(asked).toHaveLength(4);
  });
});
