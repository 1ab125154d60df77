/**
 * How `npm run fetch` fails: one line that says what went wrong and that nothing was saved,
 * exit code 1, never a stack trace.
 */
import { oneLine } from '../lib/format.ts';

/** A problem that stops the fetch, put in words for the person who ran it. */
export class FetchError extends Error {
  override name = 'FetchError';
}

/**
 * The line printed for any error, always one line, saying that `sources` (the folder, as shown)
 * was not changed. A response's own words (an API's error message) can reach it, so it goes
 * through `oneLine`: a terminal escape in a server's answer is not run.
 */
export function failureLine(e: unknown, sources: string): string {
  // Anything else (a disk error, a bug) is still one line: its first.
  const message = e instanceof FetchError ? e.message : (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
  return `fetch: ${oneLine(message)}; ${sources} was not changed.`;
}
