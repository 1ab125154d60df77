/**
 * Writes the cards of a build, rendering only what changed.
 *
 * A card's cache key is a short sha256 of everything that decides its pixels: its input, the
 * template version, the renderer versions and the font files. Rendered cards are kept as `<cacheDir>/<key>.png`
 * (by default in node_modules/.cache/, which survives builds and is never committed), so an
 * unchanged paper costs one hard link on the next build (a copy where links can't be made).
 * Every write lands under a temporary
 * name first and is renamed into place, so a build that is stopped half-way never leaves a
 * truncated PNG in the cache or in the site.
 */
import { createHash, randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import type { CardInput } from './layout.ts';
import { renderCard, templateFingerprint } from './render.ts';
import { CARD_FOLDERS, cardPath } from '../lib/paths.ts';

export const DEFAULT_CACHE_DIR = 'node_modules/.cache/shelfmark-cards';

/** Cache entries no build has used for this long are deleted (old titles, old template versions). */
const CACHE_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Cards in flight at once. A card is composed on the main thread and deflated on libuv's pool,
 * so enough must be in flight for the main thread never to wait on the pool or the disk.
 */
const CONCURRENCY = 4 * availableParallelism();

export interface CardItem {
  /** Slug of the paper or theme; the file name. Ignored for the site card. */
  id: string;
  input: CardInput;
}

/** The cache key: 16 hex digits of sha256 over the template's fingerprint and the input. */
export function cardKey(input: CardInput): string {
  const canonical = JSON.stringify([
    templateFingerprint(),
    input.kind,
    input.title,
    input.subtitle ?? null,
    input.themes,
    input.date,
    input.siteName,
  ]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

export interface GenerateOptions {
  items: CardItem[];
  /** The site's output directory; cards go to `<outDir>/cards/`. */
  outDir: string;
  /**
   * Rendering into the cache starts at once, but nothing is written to `outDir` before this
   * resolves true; false gives up without writing. The build renders while Astro runs, and Astro
   * empties the output folder first.
   */
  outputReady?: Promise<boolean>;
  cacheDir?: string;
}

export interface GenerateStats {
  rendered: number;
  reused: number;
  /** Stale cards deleted from the output. */
  removed: number;
  /** Until every card was in the cache. */
  cacheMs: number;
  /** Until every card was in the output. */
  ms: number;
  /** Sum of the sizes of the cards written. */
  totalBytes: number;
  largest: { path: string; bytes: number } | null;
  /** Every card written, relative to outDir, with its size. */
  files: { path: string; bytes: number }[];
}

/** Produces `file` by way of a temporary name in the same directory, so no reader sees half of it. */
async function atomically(file: string, produce: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await produce(tmp);
    await rename(tmp, file);
    // rename() between two links to one file does nothing and leaves the temporary name behind.
    await rm(tmp, { force: true });
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

const writeAtomic = (file: string, data: Uint8Array) => atomically(file, (tmp) => writeFile(tmp, data));
/** A hard link shares the cached bytes at no cost; across file systems, or where links are refused, a copy. */
const linkAtomic = (from: string, to: string) => atomically(to, (tmp) => link(from, tmp).catch(() => copyFile(from, tmp)));

async function sizeOf(file: string): Promise<number | null> {
  try {
    const s = await stat(file);
    return s.isFile() && s.size > 0 ? s.size : null;
  } catch {
    return null;
  }
}

/** Runs `task` on every item, at most `limit` at a time. */
async function eachAtMost<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** Renders (or takes from the cache) every item's card and writes it under `<outDir>/cards/`. */
export async function generateCards(options: GenerateOptions): Promise<GenerateStats> {
  const started = performance.now();
  const { items, outDir, outputReady, cacheDir = DEFAULT_CACHE_DIR } = options;

  const jobs = items.map((item) => ({ path: cardPath(item.input.kind, item.id), input: item.input, cached: '', bytes: 0 }));
  const seen = new Set<string>();
  for (const job of jobs) {
    if (seen.has(job.path)) throw new Error(`cards: two items would both be written to ${job.path}`);
    seen.add(job.path);
  }

  const stats: GenerateStats = { rendered: 0, reused: 0, removed: 0, cacheMs: 0, ms: 0, totalBytes: 0, largest: null, files: [] };
  const now = new Date();

  await mkdir(cacheDir, { recursive: true });
  await eachAtMost(jobs, CONCURRENCY, async (job) => {
    job.cached = join(cacheDir, `${cardKey(job.input)}.png`);
    const bytes = await sizeOf(job.cached);
    if (bytes !== null) {
      await utimes(job.cached, now, now).catch(() => {}); // marks it as in use, for the age-based sweep
      job.bytes = bytes;
      stats.reused++;
    } else {
      const png = await renderCard(job.input);
      await writeAtomic(job.cached, png);
      job.bytes = png.byteLength;
      stats.rendered++;
    }
  });
  stats.cacheMs = Math.round(performance.now() - started);

  if (outputReady && !(await outputReady)) throw new Error('cards: the output folder never became ready; nothing was written to it');
  for (const dir of new Set(jobs.map((j) => dirname(join(outDir, j.path))))) await mkdir(dir, { recursive: true });
  await eachAtMost(jobs, CONCURRENCY, (job) => linkAtomic(job.cached, join(outDir, job.path)));

  stats.removed = await pruneOutput(outDir, seen);
  await sweepCache(cacheDir, now.getTime() - CACHE_MAX_AGE_MS);

  for (const { path, bytes } of jobs) {
    stats.files.push({ path, bytes });
    stats.totalBytes += bytes;
    if (!stats.largest || bytes > stats.largest.bytes) stats.largest = { path, bytes };
  }
  stats.ms = Math.round(performance.now() - started);
  return stats;
}

/** Deletes cards of papers and themes that are gone, and temporary files of an interrupted run. */
async function pruneOutput(outDir: string, keep: Set<string>): Promise<number> {
  let removed = 0;
  for (const sub of Object.values(CARD_FOLDERS)) {
    let names: string[];
    try {
      names = await readdir(join(outDir, sub));
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.endsWith('.png') && !name.endsWith('.tmp')) continue;
      if (keep.has(`${sub}/${name}`)) continue;
      await rm(join(outDir, sub, name), { force: true });
      if (name.endsWith('.png')) removed++;
    }
  }
  return removed;
}

/** Deletes cache entries unused since `before` (ms), and leftover temporary files. */
async function sweepCache(cacheDir: string, before: number): Promise<void> {
  for (const name of await readdir(cacheDir)) {
    if (!/^[0-9a-f]{16}\.png$/.test(name) && !name.endsWith('.tmp')) continue;
    const file = join(cacheDir, name);
    const s = await stat(file).catch(() => null);
    if (s && (name.endsWith('.tmp') ? s.mtimeMs < Date.now() - 60 * 60 * 1000 : s.mtimeMs < before)) await rm(file, { force: true });
  }
}
