/**
 * The fetch command's manners on the network, against a local server that replays scripted
 * answers; a fake clock records every wait, so none is waited for. Only timeouts use real
 * time: short ones where every attempt stalls, a generous one elsewhere, so that a loaded
 * machine's slow answer is never taken for a stall.
 */
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FetchError } from '../../src/fetch/errors.ts';
import { createHttpClient, retryAfterMs, USER_AGENT } from '../../src/fetch/http.ts';
import { DEFAULT_SETTINGS, type FetchSettings } from '../../src/fetch/settings.ts';
import { fakeClock, type FakeClock } from '../support/fake-clock.ts';
import { fetchFixture, startReplayServer, type Reply, type ReplayServer } from '../support/replay-server.ts';

const PAGE = '/api/daily_papers?date=2025-12-11&p=0&limit=50';
const QUERY = '/api/query?id_list=2312.00752&max_results=1';
const settings: FetchSettings = { ...DEFAULT_SETTINGS, timeoutMs: 10_000 };
/** For tests in which every attempt stalls. */
const STALL_TIMEOUT = { timeoutMs: 50 };

let server: ReplayServer;
afterEach(() => server?.close());

/** A server answering `routes`, a fake clock and a client on both; `log` collects the retry lines. */
async function setUp(routes: Record<string, Reply | Reply[]>, overrides: Partial<FetchSettings> = {}) {
  server = await startReplayServer(routes);
  const clock: FakeClock = fakeClock();
  const log: string[] = [];
  const http = createHttpClient({ ...settings, ...overrides }, clock, (line) => log.push(line));
  return { http, clock, log, url: (path: string) => `${server.url}${path}` };
}

/** The `FetchError` a promise rejects with; fails the test when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<FetchError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

const ok: Reply = { fixture: 'hf-daily-2025-12-11.json' };

describe('answers', () => {
  it('a 200 gives the body\'s bytes exactly as sent, after one request that says who is asking', async () => {
    const { http, clock, url } = await setUp({ [PAGE]: ok });
    const bytes = await http.get(url(PAGE), 'hf');
    expect(Buffer.from(bytes).equals(fetchFixture('hf-daily-2025-12-11.json'))).toBe(true);
    expect(server.requests.map((r) => [r.url, r.userAgent])).toEqual([[PAGE, USER_AGENT]]);
    expect(clock.sleeps).toEqual([]);
  });

  it('400 and 404 are final at once: one request, no wait', async () => {
    for (const status of [400, 404]) {
      const { http, clock, url } = await setUp({ [PAGE]: { status, body: 'no' } });
      expect((await rejection(http.get(url(PAGE), 'hf'))).message).toMatch(new RegExp(`^HTTP ${status} .* from http://127\\.0\\.0\\.1:\\d+/api/daily_papers`));
      expect(server.requests).toHaveLength(1);
      expect(clock.sleeps).toEqual([]);
      await server.close();
    }
  });
});

describe('retries', () => {
  it('a 500 is tried again after 1 s, and the answer that follows is used', async () => {
    const { http, clock, log, url } = await setUp({ [PAGE]: [{ status: 500 }, ok] });
    expect((await http.get(url(PAGE), 'hf')).length).toBeGreaterThan(0);
    expect(server.requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([1_000]);
    expect(log).toEqual([expect.stringMatching(/^HTTP 500 Internal Server Error from .*; trying again in 1 s$/)]);
  });

  it('a status text with terminal escapes is printed without them, in the retry lines as in the error', async () => {
    // Node's own server refuses such a status line, so this one is written by hand.
    const raw = createServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 503 \x1b]0;owned\x07\x1b[2JBusy\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')));
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const log: string[] = [];
    const http = createHttpClient(settings, fakeClock(), (line) => log.push(line));
    const error = await rejection(http.get(`http://127.0.0.1:${(raw.address() as AddressInfo).port}${PAGE}`, 'hf'));
    raw.close();
    expect(log).toHaveLength(3);
    for (const line of [...log, error.message]) expect(line).toMatch(/^HTTP 503 \]0;owned\[2JBusy from /);
  });

  it('5xx and 408 are tried 3 more times, after 1, 2 and 4 s, then fail naming the status and the tries', async () => {
    const { http, clock, url } = await setUp({ [PAGE]: [{ status: 503 }, { status: 408 }, { status: 502 }, { status: 504 }] });
    expect((await rejection(http.get(url(PAGE), 'hf'))).message).toMatch(/^HTTP 504 Gateway Timeout from .* \(tried 4 times\)$/);
    expect(server.requests).toHaveLength(4);
    expect(clock.sleeps).toEqual([1_000, 2_000, 4_000]);
  });

  it('a 429 waits as long as Retry-After says, in seconds', async () => {
    const { http, clock, url } = await setUp({ [PAGE]: [{ status: 429, headers: { 'Retry-After': '7' } }, ok] });
    await http.get(url(PAGE), 'hf');
    expect(clock.sleeps).toEqual([7_000]);
  });

  it('a Retry-After shorter than the back-off (0) does not hurry it: the next try still waits 1, then 2 s', async () => {
    const { http, clock, url } = await setUp({ [PAGE]: [{ status: 429, headers: { 'Retry-After': '0' } }, { status: 429, headers: { 'Retry-After': '1' } }, ok] });
    await http.get(url(PAGE), 'hf');
    expect(clock.sleeps).toEqual([1_000, 2_000]);
  });

  it('a 429 waits until the HTTP-date Retry-After names', async () => {
    const later = new Date(fakeClock().now() + 42_000).toUTCString();
    const { http, clock, url } = await setUp({ [PAGE]: [{ status: 429, headers: { 'Retry-After': later } }, ok] });
    await http.get(url(PAGE), 'hf');
    expect(clock.sleeps).toEqual([42_000]);
  });

  it('a 429 without Retry-After waits like a 5xx', async () => {
    const { http, clock, url } = await setUp({ [PAGE]: [{ status: 429 }, { status: 429 }, ok] });
    await http.get(url(PAGE), 'hf');
    expect(clock.sleeps).toEqual([1_000, 2_000]);
  });

  it('a 503 waits as long as its Retry-After says, as a 429 does', async () => {
    const { http, clock, url } = await setUp({ [PAGE]: [{ status: 503, headers: { 'Retry-After': '20' } }, ok] });
    await http.get(url(PAGE), 'hf');
    expect(clock.sleeps).toEqual([20_000]);
  });

  it('a 429 asking for more than 120 s is not asked again', async () => {
    const { http, clock, url } = await setUp({ [PAGE]: [{ status: 429, headers: { 'Retry-After': '3600' } }, ok] });
    expect((await rejection(http.get(url(PAGE), 'hf'))).message).toMatch(/^HTTP 429 Too Many Requests from .*, asking to wait 3600 s, longer than the 120 s this command waits; try again later$/);
    expect(server.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('Retry-After is read as delay-seconds or an HTTP-date; anything else is no value', () => {
    const now = Date.UTC(2025, 11, 11, 6);
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Thu, 11 Dec 2025 06:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Thu, 11 Dec 2025 05:00:00 GMT', now)).toBe(0);
    for (const value of [null, '', 'soon', '-5', '2025-12-11']) expect(retryAfterMs(value, now), String(value)).toBeUndefined();
  });
});

describe('timeouts and sizes', () => {
  it('an answer that stalls, mid-body or before it, times out and is tried again; after 4 tries it fails naming the timeout', async () => {
    const stalls: Reply[] = [100, 0, 2_000, 0].map((stallAfter) => ({ fixture: 'hf-daily-2025-12-11.json', stallAfter }));
    const { http, clock, log, url } = await setUp({ [PAGE]: stalls }, STALL_TIMEOUT);
    expect((await rejection(http.get(url(PAGE), 'hf'))).message).toMatch(/^no complete answer within 0\.05 s from .* \(tried 4 times\)$/);
    expect(server.requests).toHaveLength(4);
    expect(clock.sleeps).toEqual([1_000, 2_000, 4_000]);
    expect(log).toHaveLength(3);
    expect(log[0]).toMatch(/^no complete answer within 0\.05 s from .*; trying again in 1 s$/);
  });

  it('a body larger than the cap is refused, not retried', async () => {
    const { http, url } = await setUp({ [PAGE]: ok }, { maxBytes: 1_000 });
    expect((await rejection(http.get(url(PAGE), 'hf'))).message).toMatch(/^a response of more than 1000 bytes/);
    expect(server.requests).toHaveLength(1);
  });

  it('a host name that does not resolve is named at once, not retried', async () => {
    let calls = 0;
    const send = async () => {
      calls++;
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } });
    };
    const clock = fakeClock();
    const http = createHttpClient(settings, clock, () => {}, send as typeof fetch);
    expect((await rejection(http.get('https://huggingface.co/api/daily_papers', 'hf'))).message).toMatch(/^huggingface\.co could not be found \(ENOTFOUND\): is this machine offline\?/);
    expect(calls).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('an error a second attempt would meet again (a redirect loop, a port fetch refuses) is named at once, not retried', async () => {
    for (const cause of [{ message: 'redirect count exceeded' }, { message: 'bad port' }, { code: 'CERT_HAS_EXPIRED' }]) {
      let calls = 0;
      const send = async () => {
        calls++;
        throw Object.assign(new TypeError('fetch failed'), { cause });
      };
      const clock = fakeClock();
      const http = createHttpClient(settings, clock, () => {}, send as typeof fetch);
      expect((await rejection(http.get('https://huggingface.co/api/daily_papers', 'hf'))).message).toMatch(/^no answer \(/);
      expect([calls, clock.sleeps], JSON.stringify(cause)).toEqual([1, []]);
    }
  });

  it('a refused connection is retried, then named', async () => {
    const { http, clock } = await setUp({});
    const closed = server.url;
    await server.close();
    expect((await rejection(http.get(`${closed}${PAGE}`, 'hf'))).message).toMatch(/^no answer \(ECONNREFUSED\) from .* \(tried 4 times\)$/);
    expect(clock.sleeps).toEqual([1_000, 2_000, 4_000]);
  });
});

describe('one request at a time, and arXiv\'s three seconds', () => {
  it('requests asked for together are sent one after the other', async () => {
    // A stand-in for fetch that counts the answers being sent at once: each takes 20 ms and
    // is done when its body has been read.
    let open = 0;
    let most = 0;
    const send = async () => {
      most = Math.max(most, ++open);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const body = new ReadableStream({
        pull(controller) {
          controller.enqueue(new Uint8Array([91, 93]));
          controller.close();
          open--;
        },
      });
      return new Response(body);
    };
    const http = createHttpClient(settings, fakeClock(), () => {}, send as typeof fetch);
    await Promise.all([http.get('http://127.0.0.1:9/a', 'hf'), http.get('http://127.0.0.1:9/b', 'arxiv'), http.get('http://127.0.0.1:9/c', 'hf')]);
    expect(most).toBe(1);
  });

  it('a second arXiv request waits 3 s from the end of the first; Hugging Face requests do not wait', async () => {
    const { http, clock, url } = await setUp({ [QUERY]: { fixture: 'arxiv-2312.00752-2405.21060.xml' }, [PAGE]: ok });
    await http.get(url(QUERY), 'arxiv');
    await http.get(url(PAGE), 'hf');
    await http.get(url(PAGE), 'hf');
    expect(clock.sleeps).toEqual([]);
    await clock.sleep(1_200);
    await http.get(url(QUERY), 'arxiv');
    expect(clock.sleeps).toEqual([1_200, 1_800]);
  });

  it('an arXiv retry keeps the 3 s too: the back-off, then what is left of the interval, and says 3 s', async () => {
    const { http, clock, log, url } = await setUp({ [QUERY]: [{ status: 503 }, { fixture: 'arxiv-2312.00752-2405.21060.xml' }] });
    await http.get(url(QUERY), 'arxiv');
    expect(clock.sleeps).toEqual([1_000, 2_000]);
    expect(log).toEqual([expect.stringMatching(/^HTTP 503 Service Unavailable from .*; trying again in 3 s$/)]);
  });

  it('Zotero\'s Backoff holds the next request to the service back as long as it says; other services are not held', async () => {
    const { http, clock, url } = await setUp({ [PAGE]: [{ ...ok, headers: { Backoff: '30' } }, ok], [QUERY]: { fixture: 'arxiv-2312.00752-2405.21060.xml' } });
    await http.get(url(PAGE), 'zotero');
    await http.get(url(QUERY), 'hf');
    expect(clock.sleeps).toEqual([]);
    await http.get(url(PAGE), 'zotero');
    expect(clock.sleeps).toEqual([30_000]);
  });

  it('a Backoff wait of a few seconds or more is said before it, so a quiet terminal is not taken for a hang', async () => {
    const { http, log, url } = await setUp({ [PAGE]: [{ ...ok, headers: { Backoff: '30' } }, ok] });
    await http.get(url(PAGE), 'zotero');
    expect(log).toEqual([]);
    await http.get(url(PAGE), 'zotero');
    expect(log).toEqual([`waiting 30 s before asking ${url(PAGE)}, as the service asked`]);
  });
});
