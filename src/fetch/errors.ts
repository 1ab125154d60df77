/**
 * How `npm run fetch` fails: one line that says what went wrong and that nothing was saved,
 * exit code 1, never a stack trace.
 */
import { stripControls } from '../ingest/normalize.ts';

/** A problem that stops the fetch, put in words for the person who ran it. */
export class FetchError extends Error {
  override name = 'FetchError';
}

/**
 * The line printed for any error. A response's own words (an API's error message) can reach
 * it, so control characters are removed: a terminal escape in a server's answer is not run.
 */
export function failureLine(e: unknown): string {
  const message = e instanceof FetchError ? e.message : `${(e as Error)?.message ?? e}`.split('\n')[0];
  return `fetch: ${stripControls(message ?? '')}; content/sources/ was not changed.`;
}
