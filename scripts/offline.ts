/**
 * `npm run build:offline` — turns the built site (OUT_DIR, default dist) into the offline
 * edition: `dist-offline/` (OFFLINE_DIR), a folder you can open from disk, and
 * `<OUT_DIR>/shelfmark-offline.zip`, the same folder zipped for the hosted site to offer.
 *
 * - HTML and CSS: every internal link relative, directories as `…/index.html` (file:// has
 *   no directory index), module scripts inlined (src/offline/rewrite.ts).
 * - Search: Pagefind can't run from file://, so the pages Pagefind indexed are read again
 *   (src/offline/extract.ts) into a prebuilt index, `search-index.js`, a classic script. The
 *   search UI is already a classic script (see src/scripts/search/loader.ts) and switches to
 *   this index when it finds itself on file://.
 *   `search-index.js` is also written to OUT_DIR, where it is the fallback if Pagefind fails.
 * - Left out: `pagefind/` (useless from disk), the social preview `cards/`, and the zip itself.
 *
 * The zip is deterministic: sorted entries, one fixed timestamp (src/offline/zip.ts).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
const offlineDir = resolve(root, process.env.OFFLINE_DIR || 'dist-offline');
const ZIP_NAME = 'shelfmark-offline.zip';
const ZIP_ROOT = 'shelfmark-offline';
/**
 * Site paths (relative to the root) not copied into the offline edition: Pagefind (it can't
 * run from disk), the social preview cards (only named by absolute og:image URLs for link
 * unfurlers, never shown by a page), the zip itself, and what this script makes anew.
 */
const EXCLUDED = [/^pagefind\//, /^cards\//, new RegExp(`^${ZIP_NAME.replace('.', '\\.')}$`), /^search-index\.js$/];

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
const files = walk(outDir).filter((path) => !EXCLUDED.some((re) => re.test(path)));
const isDirectory = (path: string) => {
  try {
    return statSync(join(outDir, ...path.split('/'))).isDirectory();
  } catch {
    return false;
  }
};
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
    const context = { base, page: path, isDirectory, readModule };
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
output.set('search-index.js', indexScript);

rmSync(offlineDir, { recursive: true, force: true });
for (const [path, bytes] of output) {
  const file = join(offlineDir, ...path.split('/'));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, bytes);
}
writeFileSync(join(outDir, 'search-index.js'), indexScript);

const zip = makeZip(output, ZIP_ROOT);
writeFileSync(join(outDir, ZIP_NAME), zip);

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `offline: ${pages} pages, ${docs.length} indexed, search-index.js ${kb(indexScript.length)}; ` +
    `${relative(root, offlineDir)}${sep} and ${relative(root, join(outDir, ZIP_NAME))} (${kb(zip.length)}) in ${seconds} s`,
);
