/**
 * Loaded with `--import` into a process under test (and, through NODE_OPTIONS, into every Node
 * process it starts): writes each connection it opens to a host other than this machine, and
 * each fetch, to the file NETWORK_LOG names, one a line. The connection still goes ahead, so the
 * process behaves as it would; the test reads the file. Plain JavaScript, so Node loads it as is.
 */
import { appendFileSync } from 'node:fs';
import net from 'node:net';

const log = process.env.NETWORK_LOG;
const record = (what) => appendFileSync(log, `${what}\n`);
const isLocal = (host) => host === undefined || host === 'localhost' || host === '::1' || /^127\./.test(host);

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const options = Array.isArray(args[0]) ? args[0][0] : typeof args[0] === 'object' ? args[0] : { port: args[0], host: typeof args[1] === 'string' ? args[1] : undefined };
  if (options && options.path === undefined && !isLocal(options.host)) record(`connect ${options.host}:${options.port}`);
  return connect.apply(this, args);
};

const originalFetch = globalThis.fetch;
globalThis.fetch = function (input, init) {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  if (!isLocal(url.hostname.replace(/^\[|\]$/g, ''))) record(`fetch ${url.href}`);
  return originalFetch.call(this, input, init);
};
