/**
 * The offline edition: the built site turned into a folder that works opened from disk
 * (`file://`), and the same folder zipped for the hosted site to offer.
 *
 * - What a reader needs from disk, and nothing else: pages, styles, scripts and images (the
 *   favicon). Left out: `pagefind/` (it can't run from disk), the social preview `cards/`
 *   (only link unfurlers fetch them), the feeds, sitemaps and `papers.json` (data for
 *   programs, which the pages only link to) and the zip itself.
 * - HTML and CSS: every internal link relative, directories as `…/index.html` (file:// has
 *   no directory index), module scripts inlined, `<link>`s to what was left out dropped
 *   (./rewrite.ts).
 * - Search: Pagefind can't run from file://, so the pages Pagefind indexed are read again
 *   (./extract.ts) into a prebuilt index, `search-index.js`, a classic script. The
 *   search UI is already a classic script (see src/browser/search/loader.ts) and uses this
 *   index where Pagefind is missing. Only the offline edition has it: the hosted site searches
 *   with Pagefind.
 *
 * The zip is deterministic: sorted entries, one fixed timestamp (./zip.ts). A large catalog's
 * zip is written beside the site instead, for the deploy to publish as a release asset
 * (src/lib/large-catalog.ts).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeAtomically } from '../lib/atomic-write.ts';
import { compareText } from '../lib/format.ts';
import { isLargeCatalog } from '../lib/large-catalog.ts';
import { INDEX_FILE } from '../lib/packed-index.ts';
import { CARDS_DIR, OFFLINE_ZIP_PATH } from '../lib/paths.ts';
import { PAGEFIND_DIR } from '../lib/search-parts.ts';
import { extractPage } from './extract.ts';
import { relativizeCss } from './relativize.ts';
import { rewriteHtml } from './rewrite.ts';
import { buildIndex, indexScript, type SourceDoc } from './search-index.ts';
import { makeZip } from './zip.ts';

/** The one folder the zip unpacks into. */
const ZIP_ROOT = 'shelfmark-offline';
/** Kinds of files a page needs to be read from disk: itself, its styles and scripts, images. */
const NEEDED = /\.(?:html|css|js|svg|png|jpe?g|gif|webp|avif|woff2?)$/;
/** Site folders of such files that no page shows: Pagefind (useless from disk) and the social preview cards. */
const NOT_NEEDED = [PAGEFIND_DIR, `${CARDS_DIR}/`];

export interface EditionOptions {
  /** The built site. */
  outDir: string;
  /** Where the edition's folder goes; replaced whole. */
  offlineDir: string;
  /** Where a large catalog's zip goes, off the site. */
  releaseDir: string;
  /** The base path the site was built with; read from its home page when absent. */
  base?: string;
}

export interface Edition {
  pages: number;
  /** Pages in the search index. */
  indexed: number;
  indexBytes: number;
  /** The zip: in the site, or in the release folder for a large catalog. */
  zipFile: string;
  zipBytes: number;
}

/** Makes the offline edition of the site in `outDir`: its folder, and the zip inside the site. */
export async function writeOfflineEdition({ outDir, offlineDir, releaseDir, base }: EditionOptions): Promise<Edition> {
  if (!existsSync(join(outDir, 'index.html'))) throw new Error(`${join(outDir, 'index.html')} not found; run npm run build first`);
  const site = walk(outDir);
  const { files, pages, docs } = await convert(outDir, site, base ?? baseOfHome(outDir));
  const index = new TextEncoder().encode(indexScript(buildIndex(docs)));
  files.set(INDEX_FILE, index);

  writeFolder(offlineDir, files);
  const zip = makeZip(files, ZIP_ROOT);
  // Every indexed page is a published paper. Only one of the two places keeps a zip: this build's.
  const zipFile = join(isLargeCatalog(docs.length) ? releaseDir : outDir, OFFLINE_ZIP_PATH);
  for (const dir of [outDir, releaseDir]) rmSync(join(dir, OFFLINE_ZIP_PATH), { force: true });
  mkdirSync(dirname(zipFile), { recursive: true });
  writeAtomically([[zipFile, zip]]);
  return { pages, indexed: docs.length, indexBytes: index.length, zipFile, zipBytes: zip.length };
}

/** Which of the site's files go into the edition. A search-index.js in the site is a leftover of older builds. */
function editionFiles(site: readonly string[]): string[] {
  return site.filter((path) => path !== INDEX_FILE && NEEDED.test(path) && !NOT_NEEDED.some((folder) => path.startsWith(folder)));
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

/** The base path the search dialog on the home page names. */
function baseOfHome(outDir: string): string {
  const home = readFileSync(join(outDir, 'index.html'), 'utf8');
  return /data-root-url="([^"]*)"/.exec(home)?.[1] || '/';
}

/** The edition's files, rewritten for disk, and what Pagefind indexed of its pages, in title order. */
async function convert(outDir: string, site: readonly string[], base: string) {
  const kept = editionFiles(site);
  const inEdition = new Set([...kept, INDEX_FILE]);
  // The site's folders, from its file list: every page asks about each of its links, and a stat each is slow at scale.
  const directories = new Set<string>();
  for (const path of site) for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) directories.add(path.slice(0, i));
  const isDirectory = (path: string) => directories.has(path);
  const readModule = (path: string) => {
    const file = join(outDir, ...path.split('/'));
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  };

  const files = new Map<string, Uint8Array>();
  const docs: SourceDoc[] = [];
  const encoder = new TextEncoder();
  let pages = 0;
  for (const path of kept) {
    const bytes = readFileSync(join(outDir, ...path.split('/')));
    if (path.endsWith('.html')) {
      const html = bytes.toString('utf8');
      const context = { base, page: path, isDirectory, readModule, includes: (file: string) => inEdition.has(file) };
      files.set(path, encoder.encode(await rewriteHtml(html, context)));
      pages++;
      const page = extractPage(html);
      if (page) {
        // Pagefind's URL for the page: its directory, for the site's /dir/index.html layout.
        const url = path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
        docs.push({ url, ...page });
      }
    } else if (path.endsWith('.css')) {
      files.set(path, encoder.encode(relativizeCss(bytes.toString('utf8'), { base, page: path, isDirectory })));
    } else {
      files.set(path, bytes);
    }
  }

  // Documents in title order, so results that tie (and browsing without words) read alphabetically.
  docs.sort((a, b) => compareText(a.title, b.title) || (a.url < b.url ? -1 : 1));
  return { files, pages, docs };
}

/** Writes the folder beside its final place and swaps it in, so a stopped build leaves the old one or the new one. */
function writeFolder(dir: string, files: ReadonlyMap<string, Uint8Array>): void {
  const temporary = `${dir}.${process.pid}.tmp`;
  rmSync(temporary, { recursive: true, force: true });
  for (const [path, bytes] of files) {
    const file = join(temporary, ...path.split('/'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(temporary, dir);
}
