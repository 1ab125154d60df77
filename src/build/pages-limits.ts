/**
 * Whether a built site can be deployed to GitHub Pages: the artifact the deploy workflow
 * uploads (`actions/upload-pages-artifact`, a tar of the folder) must stay within Pages' 1 GB,
 * and no file may pass 100 MB. The build checks this at its end (src/build/integration.ts) and
 * the deploy workflow again before it uploads (scripts/pages-limits.ts), so a catalog that has
 * outgrown Pages fails with the files to blame named, not half-way through a deployment.
 *
 * Only `listSite` touches the disk; the verdict is a pure function of the listing.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface PagesLimits {
  /** Largest tar the deploy uploads, in bytes. */
  artifactBytes: number;
  /** Largest single file, in bytes. */
  fileBytes: number;
}

/**
 * GitHub Pages' published limits, in decimal units (1 GB = 10^9 bytes), the stricter reading:
 * sites "no larger than 1 GB", files under 100 MB.
 */
export const PAGES_LIMITS: PagesLimits = { artifactBytes: 1e9, fileBytes: 100e6 };

export interface SiteEntry {
  /** Path relative to the site folder, `/`-separated; a folder's ends with `/`. */
  path: string;
  /** A file's size (a link counts as what it points at, as the upload copies it); 0 for a folder. */
  bytes: number;
}

/** Names the upload leaves out of the tar (`--exclude=.git --exclude=.github`), at any depth. */
const EXCLUDED = new Set(['.git', '.github']);

/** Every folder and file under `dir`, sorted, following links as the upload does. */
export function listSite(dir: string): SiteEntry[] {
  const entries: SiteEntry[] = [];
  const walk = (folder: string, prefix: string) => {
    for (const name of readdirSync(folder).sort()) {
      if (EXCLUDED.has(name)) continue;
      const full = join(folder, name);
      const stat = statSync(full);
      if (stat.isDirectory()) {
        entries.push({ path: `${prefix}${name}/`, bytes: 0 });
        walk(full, `${prefix}${name}/`);
      } else entries.push({ path: prefix + name, bytes: stat.size });
    }
  };
  walk(dir, '');
  return entries;
}

const BLOCK = 512;
/** GNU tar writes in records of 20 blocks: the archive is padded to a whole record. */
const RECORD = 20 * BLOCK;
/** Names this long or longer get a GNU long-name entry of their own before the header. */
const NAME_FIELD = 100;

const blocks = (bytes: number) => Math.ceil(bytes / BLOCK) * BLOCK;

/**
 * The size of the tar the deploy uploads, as GNU tar makes it (`tar -cf … .` in the site
 * folder): for each entry, named `./<path>`, a 512-byte header, a long-name entry when the
 * name reaches 100 bytes, and the content padded to 512-byte blocks; then two empty blocks,
 * the whole padded to a 10,240-byte record. With tens of thousands of small pages, headers
 * and padding are a real share of the artifact: the sum of file sizes understates it.
 */
export function artifactBytes(entries: readonly SiteEntry[]): number {
  let total = BLOCK; // "./", the folder itself
  for (const { path, bytes } of entries) {
    const name = Buffer.byteLength(`./${path}`);
    if (name >= NAME_FIELD) total += BLOCK + blocks(name + 1);
    total += BLOCK + blocks(bytes);
  }
  return Math.ceil((total + 2 * BLOCK) / RECORD) * RECORD;
}

export interface PagesVerdict {
  ok: boolean;
  files: number;
  /** The files' sizes added up. */
  siteBytes: number;
  /** The tar's size: what counts against the limit. */
  artifactBytes: number;
  /** The largest files, largest first. */
  largest: SiteEntry[];
  /** Files over the per-file limit, largest first. */
  oversized: SiteEntry[];
  limits: PagesLimits;
}

/** Holds a site's listing against the limits. */
export function checkPagesLimits(entries: readonly SiteEntry[], limits: PagesLimits = PAGES_LIMITS): PagesVerdict {
  const files = entries.filter((e) => !e.path.endsWith('/'));
  const bySize = files.toSorted((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1));
  const oversized = bySize.filter((f) => f.bytes > limits.fileBytes);
  const tar = artifactBytes(entries);
  return {
    ok: tar <= limits.artifactBytes && oversized.length === 0,
    files: files.length,
    siteBytes: files.reduce((n, f) => n + f.bytes, 0),
    artifactBytes: tar,
    largest: bySize.slice(0, 5),
    oversized,
    limits,
  };
}

/** Bytes in decimal megabytes, as the limits are written. */
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** The verdict on the site in folder `site`, in words: one line when it fits, what is over and what weighs most when not. */
export function describeVerdict(v: PagesVerdict, site: string): string {
  const size = `${v.files.toLocaleString('en-US')} files, ${mb(v.siteBytes)}; the Pages artifact ${mb(v.artifactBytes)} of ${mb(v.limits.artifactBytes)}`;
  if (v.ok) return `${site}/ fits GitHub Pages: ${size}, largest file ${v.largest[0] ? `${v.largest[0].path} (${mb(v.largest[0].bytes)})` : 'none'}.`;
  const lines = [`${site}/ is too large for GitHub Pages: ${size}.`];
  if (v.artifactBytes > v.limits.artifactBytes) {
    lines.push(`The artifact is ${mb(v.artifactBytes - v.limits.artifactBytes)} over. The largest files:`);
    for (const f of v.largest) lines.push(`  ${f.path} (${mb(f.bytes)})`);
  }
  if (v.oversized.length) {
    lines.push(`${v.oversized.length === 1 ? 'One file is' : `${v.oversized.length} files are`} over the ${mb(v.limits.fileBytes)} a file may have:`);
    for (const f of v.oversized) lines.push(`  ${f.path} (${mb(f.bytes)})`);
  }
  lines.push('See "Scale" in README.md for what a large catalog leaves out of the site.');
  return lines.join('\n');
}
