/** Time as the fetch command sees it, passed in so that tests of its waits need not wait. */

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves once `ms` milliseconds have passed. */
  sleep(ms: number): Promise<void>;
}

/** The machine's clock and timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The UTC calendar day of an instant, `YYYY-MM-DD`: the day APIs and `sources.yaml` speak of. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

