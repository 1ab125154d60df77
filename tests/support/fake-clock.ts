/**
 * A clock for tests of the fetch command: sleeping moves its time on at once and is
 * recorded, so a test can assert every wait without waiting.
 */
import type { Clock } from '../../src/fetch/clock.ts';

export interface FakeClock extends Clock {
  /** Every sleep asked for, in milliseconds, in order. */
  sleeps: number[];
}

/** A fake clock starting at `start` (by default 2025-12-11 06:00 UTC). */
export function fakeClock(start = Date.UTC(2025, 11, 11, 6)): FakeClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}
