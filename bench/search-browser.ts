/**
 * Asks a built site the bench queries in Chromium through the search UI's own engine
 * (src/browser/search/engine.ts: Pagefind, the vocabulary, typo correction unless told not to),
 * reading the URLs of the first results as the UI would show them.
 *
 * The site is served by a small server that counts the bytes it sends, and also serves this
 * project's `src/` as ES modules with their types stripped (Node's `stripTypeScriptTypes`),
 * so the page runs the engine's modules themselves, with no bundler in between. The packages
 * they import (`PACKAGES`) are named to the page by an import map, each wrapped as a module.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire, stripTypeScriptTypes } from 'node:module';
import { extname, join, normalize, resolve } from 'node:path';
import { searchPartPaths } from '../src/lib/search-parts.ts';
import type { Answer, BenchQuery } from './search-queries.ts';

/** This project's src/. */
const SRC = resolve(import.meta.dirname, '../src');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};
/**
 * The packages the engine's modules import, which the bundler would otherwise bring in: each a
 * CommonJS file, served as a module whose default export is its `module.exports`.
 */
const PACKAGES = ['wink-porter2-stemmer'];
const require = createRequire(import.meta.url);
const IMPORT_MAP = JSON.stringify({ imports: Object.fromEntries(PACKAGES.map((name) => [name, `/__packages/${name}.js`])) });

/** A CommonJS file as an ES module: what it exports, as the default export. */
function asModule(name: string): string {
  return `const module = { exports: {} };\n${readFileSync(require.resolve(name), 'utf8')}\nexport default module.exports;\n`;
}

/** First results whose URLs are read: MRR counts ranks up to here. */
export const TOP = 10;

interface Served {
  bytes: number;
  byPath: Map<string, number>;
}

async function serve(site: string, src: string): Promise<{ url: string; served: Served; close: () => void }> {
  const served: Served = { bytes: 0, byPath: new Map() };
  const count = (path: string, n: number) => {
    served.bytes += n;
    served.byPath.set(path, (served.byPath.get(path) ?? 0) + n);
  };
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (path === '/__bench.html') {
      response.writeHead(200, { 'Content-Type': TYPES['.html']! }).end(`<!doctype html><script type="importmap">${IMPORT_MAP}</script><title>bench</title>`);
      return;
    }
    const name = /^\/__packages\/(.+)\.js$/.exec(path)?.[1];
    if (name !== undefined) {
      if (!PACKAGES.includes(name)) return void response.writeHead(404).end();
      response.writeHead(200, { 'Content-Type': TYPES['.js']! }).end(asModule(name));
      return;
    }
    if (path.startsWith('/__src/')) {
      const file = normalize(join(src, path.slice('/__src/'.length)));
      if (!file.startsWith(src) || !existsSync(file)) return void response.writeHead(404).end();
      response.writeHead(200, { 'Content-Type': TYPES['.js']! }).end(stripTypeScriptTypes(readFileSync(file, 'utf8')));
      return;
    }
    const file = normalize(join(site, path));
    if (!file.startsWith(site) || !existsSync(file) || !statSync(file).isFile()) return void response.writeHead(404).end();
    count(path, statSync(file).size);
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, served, close: () => server.close() };
}

export interface BrowserRun {
  answers: Answer[];
  /** Bytes served before the first query: Pagefind's script, WebAssembly and entry files, and the vocabulary. */
  startBytes: number;
  vocabularyBytes: number;
  /** Bytes served while the queries ran (index chunks and result fragments), per query kind. */
  queryBytes: Map<string, number>;
  /** Time from opening search to the engine being ready: Pagefind's start and the vocabulary, loaded and unpacked. */
  openMs: number;
  vocabularyWords: number;
}

/**
 * `src` is the source folder whose engine runs: this project's, or an older checkout's, to
 * measure search as it was (that engine may predate correction: `run` then has no `correct`
 * option and its outcome no `query`).
 */
/** The engine's module within a source folder; checkouts older than src/browser/ keep it in src/scripts/. */
function engineModule(src: string): string {
  return existsSync(join(src, 'browser/search/engine.ts')) ? 'browser/search/engine.ts' : 'scripts/search/engine.ts';
}

export async function runInChromium(
  site: string,
  queries: readonly BenchQuery[],
  { correct, chromium: executablePath, src = SRC }: { correct: boolean; chromium: string; src?: string },
): Promise<BrowserRun> {
  const { chromium } = await import('@playwright/test');
  const server = await serve(resolve(site), resolve(src));
  // A large catalog's index is in parts; the pages say how many (src/lib/large-catalog.ts).
  const partPaths = searchPartPaths(Number(/data-search-parts="(\d+)"/.exec(readFileSync(join(site, 'index.html'), 'utf8'))?.[1] ?? 1));
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/__bench.html`);
    const start = await page.evaluate(async ({ origin, engineUrl, partPaths }) => {
      const w = window as unknown as Record<string, unknown>;
      const { openEngine } = (await import(engineUrl)) as typeof import('../src/browser/search/engine.ts');
      const root = `${origin}/`;
      const t0 = performance.now();
      const engine = await openEngine({
        rootUrl: root,
        pagefindUrl: `${root}pagefind/pagefind.js`,
        pagefindParts: partPaths.map((path) => root + path),
        indexUrl: `${root}search-index.js`,
        pageUrl: `${root}search/`,
        vocabularyUrl: `${root}search-vocabulary.js`,
        idsUrl: `${root}search-ids.js`,
        similarUrl: `${root}search-similar.js`,
      });
      w.benchEngine = engine;
      return { openMs: performance.now() - t0, words: engine.speller?.size ?? 0, backend: engine.name };
    }, { origin: server.url, engineUrl: `/__src/${engineModule(resolve(src))}`, partPaths });
    if (start.backend !== 'pagefind') throw new Error(`the site's search opened on ${start.backend}, not Pagefind`);
    const startBytes = server.served.bytes;
    const vocabularyBytes = server.served.byPath.get('/search-vocabulary.js') ?? 0;

    const answers: Answer[] = [];
    const queryBytes = new Map<string, number>();
    for (const query of queries) {
      const before = server.served.bytes;
      const answer = await page.evaluate(
        async ({ text, top, correct }) => {
          const engine = (window as unknown as { benchEngine: import('../src/browser/search/engine.ts').SearchEngine }).benchEngine;
          // Correction alone, timed apart, five times: the median is its cost, the slowest what a
          // pause of the page (garbage collection, a busy core) can add. run() corrects once more.
          const times: number[] = [];
          for (let i = 0; i < (correct ? 5 : 1); i++) {
            const t = performance.now();
            if (correct) engine.speller?.correct(text);
            times.push(performance.now() - t);
          }
          times.sort((x, y) => x - y);
          const t1 = performance.now();
          const outcome = await engine.run(text, {}, 'relevance', { correct });
          const t2 = performance.now();
          const hits = await outcome.page(0, top);
          return { searched: outcome.query ?? text, corrected: (outcome.corrections?.length ?? 0) > 0, correctMs: times[times.length >> 1]!, correctMsWorst: times.at(-1)!, searchMs: t2 - t1, urls: hits.map((h) => h.url) };
        },
        { text: query.text, top: TOP, correct },
      );
      queryBytes.set(query.kind, (queryBytes.get(query.kind) ?? 0) + server.served.bytes - before);
      const rank = answer.urls.findIndex((url) => new URL(url, server.url).pathname.replace(/^\/+/, '') === query.target);
      answers.push({ query, rank, searched: answer.searched, corrected: answer.corrected, correctMs: answer.correctMs, correctMsWorst: answer.correctMsWorst, searchMs: answer.searchMs });
    }
    return { answers, startBytes, vocabularyBytes, queryBytes, openMs: start.openMs, vocabularyWords: start.words };
  } finally {
    await browser.close();
    server.close();
  }
}
