import { describe, expect, it } from 'vitest';
import { bestThreshold, type Outcome } from '../../src/ingest/evaluate.ts';

/** Outcomes from `[probability, labelled in]` pairs; what the shelves decided does not matter here. */
const outcomes = (pairs: [number | null, boolean][]): Outcome[] => pairs.map(([probability, expected]) => ({ expected, probability, got: { shelves: false, rules: false } }));

describe('bestThreshold', () => {
  it('finds the most precise threshold that keeps recall at the bar', () => {
    // 20 papers in: 17 of them from 0.99 down to 0.83 (recall 0.85), with 3 papers out among
    // them; below, each step down lets in an out before the next ins, so precision only falls.
    const list = outcomes([
      ...Array.from({ length: 17 }, (_, i): [number, boolean] => [(99 - i) / 100, true]),
      [0.95, false],
      [0.9, false],
      [0.85, false],
      [0.5, false],
      [0.4, true],
      [0.3, true],
      [0.2, true],
    ]);
    expect(bestThreshold(list)).toEqual({ threshold: 0.83, precision: 17 / 20, recall: 0.85 });
  });

  it('lets papers with the same probability in together', () => {
    // At 0.5 all four go in at once: no threshold takes two of them.
    const best = bestThreshold(outcomes([[0.5, true], [0.5, false], [0.5, true], [0.5, false], [0.1, true]]));
    expect(best).toEqual({ threshold: 0.1, precision: 3 / 5, recall: 1 });
  });

  it('has nothing to say of a theme decided by its rules alone', () => {
    expect(bestThreshold(outcomes([[null, true], [null, false]]))).toBeNull();
  });
});
