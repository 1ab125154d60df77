/**
 * A stand-in for the Hugging Face, arXiv and Zotero APIs: an HTTP server on a free port of 127.0.0.1
 * that answers each URL with a scripted sequence of replies — recorded responses from
 * `tests/fixtures/fetch/`, or statuses, headers and bodies written in the test — and records
 * every request it gets. A reply can be cut short (a truncated file, sent as a complete
 * answer) or stall part-way through its body (a server that stops answering).
 */
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const fetchFixturesDir = fileURLToPath(new URL('../fixtures/fetch/', import.meta.url));

/** The bytes of `tests/fixtures/fetch/<name>`. */
export function fetchFixture(name: string): Buffer {
  return readFileSync(join(fetchFixturesDir, name));
}

/**
 * A daily-papers page of `count` papers in the recorded format, for paging: copies of the
 * recorded day's first entry, with ids `2512.<first>`, `2512.<first + 1>`, … and titles to match.
 */
export function dailyPage(count: number, first: number): string {
  const [entry] = JSON.parse(fetchFixture('hf-daily-2025-12-11.json').toString('utf8')) as { paper: { id: string; title: string } }[];
  const entries = Array.from({ length: count }, (_, i) => {
    const id = `2512.${String(first + i).padStart(5, '0')}`;
    return { ...entry!, paper: { ...entry!.paper, id, title: `Paper ${id} on rectified flow` } };
  });
  return JSON.stringify(entries);
}

export interface Reply {
  /** Default 200. */
  status?: number;
  headers?: Record<string, string>;
  /** A file of `tests/fixtures/fetch/`, whose extension sets the Content-Type. */
  fixture?: string;
  /** The body, when it is not a fixture. */
  body?: string | Uint8Array;
  /** Send only the first `n` bytes of the body, as a complete answer. */
  truncate?: number;
  /** Send the headers and the first `n` bytes of the body, then nothing more until the client gives up. */
  stallAfter?: number;
}

export interface ReplayedRequest {
  /** Path and query, as requested. */
  url: string;
  userAgent: string | undefined;
  /** `Date.now()` when the request arrived and when its answer ended (or the client hung up). */
  start: number;
  end: number;
}

export interface ReplayServer {
  /** `http://127.0.0.1:<port>`, the base URL to give the fetch command. */
  url: string;
  requests: ReplayedRequest[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/atom+xml; charset=UTF-8',
  '.html': 'text/html; charset=utf-8',
};

/**
 * Serves `routes`: path-and-query → reply, or replies given in turn, the last repeated.
 * A URL with no route gets a 404, and is recorded like any other request.
 */
export async function startReplayServer(routes: Record<string, Reply | Reply[]>): Promise<ReplayServer> {
  const requests: ReplayedRequest[] = [];
  const served = new Map<string, number>();
  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    const record: ReplayedRequest = { url, userAgent: request.headers['user-agent'], start: Date.now(), end: Number.NaN };
    requests.push(record);
    response.on('close', () => (record.end = Date.now()));
    const script = routes[url];
    if (script === undefined) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end(`no recorded response for ${url}\n`);
      return;
    }
    const replies = Array.isArray(script) ? script : [script];
    const turn = served.get(url) ?? 0;
    served.set(url, turn + 1);
    reply(response, replies[Math.min(turn, replies.length - 1)]!);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function reply(response: ServerResponse, { status = 200, headers = {}, fixture, body, truncate, stallAfter }: Reply): void {
  let bytes = fixture ? fetchFixture(fixture) : Buffer.from(body ?? '');
  if (truncate !== undefined) bytes = bytes.subarray(0, truncate);
  const type = fixture ? TYPES[extname(fixture)] : undefined;
  response.writeHead(status, { ...(type ? { 'Content-Type': type } : {}), ...headers });
  if (stallAfter === undefined) {
    response.end(bytes);
    return;
  }
  // Chunked, so the client cannot tell the body is cut short until it waits for the rest.
  response.write(bytes.subarray(0, stallAfter));
}
