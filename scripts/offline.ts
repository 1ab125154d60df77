/**
 * `npm run build:offline` — turns the built site (OUT_DIR, default dist) into the offline
 * edition: `<OUT_DIR>-offline/` (OFFLINE_DIR; `dist-offline/` by default), a folder you can
 * open from disk, and `<OUT_DIR>/shelfmark-offline.zip`, the same folder zipped for the hosted
 * site to offer.
 *
 * - What a reader needs from disk, and nothing else: pages, styles, scripts and images (the
 *   favicon). Left out: `pagefind/` (it can't run from disk), the social preview `cards/`
 *   (only link unfurlers fetch them), the feeds, sitemaps and `papers.json` (data for
 *   programs, which the pages only link to) and the zip itself.
 * - HTML and CSS: every internal link relative, directories as `…/index.html` (file:// has
 *   no directory index), module scripts inlined, `<link>`s to what was left out dropped
 *   (src/offline/rewrite.ts).
 * - Search: Pagefind can't run from file://, so the pages Pagefind indexed are read again
 *   (src/offline/extract.ts) into a prebuilt index, `search-index.js`, a classic script. The
 *   search UI is already a classic script (see src/browser/search/loader.ts) and uses this
 *   index where Pagefind is missing. Only the offline edition has it: the hosted site searches
 *   with Pagefind.
 *
 * The zip is deterministic: sorted entries, one fixed timestamp (src/offline/zip.ts).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractPage } from '../src/offline/extract.ts';
import { relativizeCss } from '../src/offline/relativize.ts';
import { rewriteHtml } from '../src/offline/rewrite.ts';
import { buildIndex, type SourceDoc } from '../src/offline/search-index.ts';
import { makeZip } from '../src/offline/zip.ts';

const started = performance.now();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(root, process.env.OUT_DIR || 'dist');
// Beside the site it comes from, so builds of several sites (dist, dist-base) keep theirs apart.
const offlineDir = resolve(root, process.env.OFFLINE_DIR || `${outDir}-offline`);
const ZIP_NAME = 'shelfmark-offline.zip';
const ZIP_ROOT = 'shelfmark-offline';
const INDEX_NAME = 'search-index.js';
/** Kinds of files a page needs to be read from disk: itself, its styles and scripts, images. */
const NEEDED = /\.(?:html|css|js|svg|png|jpe?g|gif|webp|avif|woff2?)$/;
/** Site folders of such files that no page shows: Pagefind (useless from disk) and the social preview cards. */
const NOT_NEEDED = /^(?:pagefind|cards)\//;

if (!existsSync(join(outDir, 'index.html'))) {
  console.error(`offline: ${relative(root, outDir)}/index.html not found; run npm run build first.`);
  process.exit(1);
}

/** Every file under `dir`, as `/`-separated paths relative to it, sorted. */
function walk(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      const path = prefix + entry.name;
      return entry.isDirectory() ? walk(join(dir, entry.name), `${path}/`) : [path];
    });
}

/** The base path the site was built with: BASE_PATH, else what the search dialog on the home page says. */
function detectBase(): string {
  if (process.env.BASE_PATH) return process.env.BASE_PATH;
  const home = readFileSync(join(outDir, 'index.html'), 'utf8');
  return /data-root-url="([^"]*)"/.exec(home)?.[1] || '/';
}

const base = detectBase();
const site = walk(outDir);
// A search-index.js in OUT_DIR is a leftover of older builds; this edition's is made anew below.
const files = site.filter((path) => path !== INDEX_NAME && NEEDED.test(path) && !NOT_NEEDED.test(path));
const inEdition = new Set([...files, INDEX_NAME]);
// The site's folders, from its file list: every page asks about each of its links, and a stat each is slow at scale.
const directories = new Set<string>();
for (const path of site) for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) directories.add(path.slice(0, i));
const isDirectory = (path: string) => directories.has(path);
const readModule = (path: string) => {
  const file = join(outDir, ...path.split('/'));
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
};

const output = new Map<string, Uint8Array>();
const docs: SourceDoc[] = [];
const encoder = new TextEncoder();
let pages = 0;

for (const path of files) {
  const bytes = readFileSync(join(outDir, ...path.split('/')));
  if (path.endsWith('.html')) {
    const html = bytes.toString('utf8');
    const context = { base, page: path, isDirectory, readModule, includes: (file: string) => inEdition.has(file) };
    output.set(path, encoder.encode(await rewriteHtml(html, context)));
    pages++;
    const page = extractPage(html);
    if (page) {
      // Pagefind's URL for the page: its directory, for the site's /dir/index.html layout.
      const url = path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
      docs.push({ url, ...page });
    }
  } else if (path.endsWith('.css')) {
    output.set(path, encoder.encode(relativizeCss(bytes.toString('utf8'), { base, page: path, isDirectory })));
  } else {
    output.set(path, bytes);
  }
}

// Documents in title order, so results that tie (and browsing without words) read alphabetically.
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
docs.sort((a, b) => collator.compare(a.title, b.title) || (a.url < b.url ? -1 : 1));
const index = buildIndex(docs);
const indexScript = encoder.encode(
  `/* Shelfmark offline search index: ${docs.length} pages. Made by scripts/offline.ts. */\nwindow.shelfmarkSearchIndex=${JSON.stringify(index)};\n`,
);
output.set(INDEX_NAME, indexScript);

rmSync(offlineDir, { recursive: true, force: true });
for (const [path, bytes] of output) {
  const file = join(offlineDir, ...path.split('/'));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, bytes);
}

const zip = makeZip(output, ZIP_ROOT);
writeFileSync(join(outDir, ZIP_NAME), zip);

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `offline: ${pages} pages, ${docs.length} indexed, ${INDEX_NAME} ${kb(indexScript.length)}; ` +
    `${relative(root, offlineDir)}${sep} and ${relative(root, join(outDir, ZIP_NAME))} (${kb(zip.length)}) in ${seconds} s`,
);
