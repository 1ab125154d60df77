/**
 * The fetch command's only way onto the network: GET requests, one at a time, with the
 * manners the services ask for.
 * - One request at a time, whoever asks: requests wait their turn.
 * - arXiv: three seconds from the end of one request to the start of the next (its terms of
 *   use), retries included.
 * - 429, 5xx, 408, timeouts and dropped connections are tried again after 1, 2 and 4 seconds,
 *   or longer when the answer's `Retry-After` says so (seconds or an HTTP-date; a 503 may say it
 *   as a 429 does), up to a cap: a server asking for longer is not asked again. One saying 0 is
 *   not asked again at once: four requests in 22 ms are no manners.
 * - An answer's `Backoff` (Zotero's way to slow a client down) holds the next request to its
 *   service back that many seconds, up to the same cap; a wait of more than a few seconds is said.
 * - A timeout covers the whole answer, body included, so a server that stalls mid-body fails
 *   like one that never answers; a body larger than the cap is refused, not buffered.
 */
import { stripControls } from '../lib/format.ts';
import type { Clock } from './clock.ts';
import { FetchError } from './errors.ts';
import type { FetchSettings } from './settings.ts';
import type { Service } from './spec.ts';

/** Sends GET requests; resolves to the body of a 2xx answer, or throws `FetchError`. */
export interface HttpClient {
  get(url: string, service: Service): Promise<Uint8Array>;
}

/** Says who is asking, as arXiv's and Hugging Face's guidelines ask clients to. */
export const USER_AGENT = 'Shelfmark/0.1 (static research-paper catalog; npm run fetch)';

type Attempt =
  | { ok: true; bytes: Uint8Array; backoffMs?: number | undefined }
  | { ok: false; reason: string; retry: boolean; waitMs?: number | undefined; backoffMs?: number | undefined };

/**
 * The errors of a connection dropped or refused on the way, which a later attempt may not meet.
 * Any other (a redirect loop, a port fetch refuses to use, a bad certificate) would be met again.
 */
const DROPPED = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED']);

/** A wait for a service's `Backoff` this long or longer is said, so a quiet terminal is not taken for a hang. */
const SAID_WAIT_MS = 5000;

/** `send` is the WHATWG `fetch`; `log` hears about each retry before its wait; `headers` go with every request to their service. */
export function createHttpClient(
  settings: FetchSettings,
  clock: Clock,
  log: (line: string) => void = () => {},
  send: typeof fetch = fetch,
  headers: Partial<Record<Service, Record<string, string>>> = {},
): HttpClient {
  /** When each service may next be asked: its interval after the last answer, or later if it asked. */
  const nextAt = new Map<Service, number>();
  let queue: Promise<unknown> = Promise.resolve();

  async function getInTurn(url: string, service: Service): Promise<Uint8Array> {
    for (let retries = 0; ; retries++) {
      const gap = (nextAt.get(service) ?? 0) - clock.now();
      if (gap >= SAID_WAIT_MS) log(`waiting ${seconds(gap)} before asking ${url}, as the service asked`);
      if (gap > 0) await clock.sleep(gap);
      const attempt = await attemptGet(url, { ...headers[service], 'User-Agent': USER_AGENT }, settings, clock, send);
      nextAt.set(service, clock.now() + Math.max(settings.intervalMs[service], Math.min(attempt.backoffMs ?? 0, settings.retryAfterCapMs)));
      if (attempt.ok) return attempt.bytes;
      const tries = retries + 1;
      if (!attempt.retry || retries >= settings.backoffMs.length) {
        throw new FetchError(`${attempt.reason} from ${url}${tries > 1 ? ` (tried ${tries} times)` : ''}`);
      }
      const wait = Math.max(attempt.waitMs ?? 0, settings.backoffMs[retries]!);
      if (wait > settings.retryAfterCapMs) {
        throw new FetchError(`${attempt.reason} from ${url}, asking to wait ${seconds(wait)}, longer than the ${seconds(settings.retryAfterCapMs)} this command waits; try again later`);
      }
      // The service's own interval may hold the next try back longer than the retry's wait (arXiv's 3 s).
      log(`${attempt.reason} from ${url}; trying again in ${seconds(Math.max(wait, nextAt.get(service)! - clock.now()))}`);
      await clock.sleep(wait);
    }
  }

  return {
    get(url, service) {
      const turn = queue.then(() => getInTurn(url, service));
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}

/** One attempt: never throws; says whether a failure is worth another try. */
async function attemptGet(url: string, headers: Record<string, string>, settings: FetchSettings, clock: Clock, send: typeof fetch): Promise<Attempt> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), settings.timeoutMs);
  try {
    const response = await send(url, { signal: controller.signal, redirect: 'follow', headers });
    const { status } = response;
    if (status < 200 || status >= 300) {
      // Nothing in the body of a failed answer is kept, so none of it is read.
      await response.body?.cancel().catch(() => undefined);
      // The status text is the server's own words, printed in retry lines as they happen: a terminal escape in it is not run.
      const statusText = stripControls(response.statusText);
      const reason = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
      const retry = status === 429 || status === 408 || status >= 500;
      return { ok: false, retry, reason, waitMs: retry ? retryAfterMs(response.headers.get('retry-after'), clock.now()) : undefined, backoffMs: backoffMs(response) };
    }
    const declared = Number(response.headers.get('content-length') ?? 0);
    const body = declared > settings.maxBytes ? null : await readBody(response, settings.maxBytes);
    if (body === null) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, retry: false, reason: `a response of more than ${settings.maxBytes} bytes, larger than any page of papers should be` };
    }
    return { ok: true, bytes: body, backoffMs: backoffMs(response) };
  } catch (e) {
    if (controller.signal.aborted) return { ok: false, retry: true, reason: `no complete answer within ${seconds(settings.timeoutMs)}` };
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    // A name that does not resolve will not resolve in 7 s either: offline, or a wrong address.
    if (cause?.code === 'ENOTFOUND') return { ok: false, retry: false, reason: `${new URL(url).host} could not be found (ENOTFOUND): is this machine offline?` };
    return { ok: false, retry: DROPPED.has(cause?.code ?? ''), reason: `no answer (${cause?.code ?? cause?.message ?? (e as Error).message})` };
  } finally {
    clearTimeout(timer);
  }
}

/** The body, or null once it passes `max` bytes (the rest is not read). */
async function readBody(response: Response, max: number): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (!response.body) return new Uint8Array();
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > max) return null;
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * The wait a `Retry-After` value asks for, in milliseconds: delay-seconds or an HTTP-date
 * (RFC 9110, 10.2.3); undefined when there is none or it cannot be read.
 */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP-date form starts with a day's name ("Thu, 11 Dec 2025 06:00:30 GMT"); Date.parse alone would take "-5".
  const date = /^[A-Z][a-z]{2}/.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Zotero's `Backoff` header: seconds to leave the service alone for, or undefined. */
function backoffMs(response: Response): number | undefined {
  const text = response.headers.get('backoff')?.trim();
  return text && /^\d+$/.test(text) ? Number(text) * 1000 : undefined;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
