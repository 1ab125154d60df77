/**
 * The timings record: how long each step of one build took, as JSON, so the benchmark reads
 * numbers instead of scraping console text. The Astro integration writes it as its steps go
 * (src/build/integration.ts); `npm run build` adds the ingest in front of them.
 *
 * It lives beside the up-to-date stamps in node_modules/.cache/, outside the output folders, so
 * it is never deployed and two builds of the same catalog still give byte-identical sites.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { writeAtomically } from '../lib/atomic-write.ts';

export interface StepTiming {
  /** `ingest`, `astro`, `pagefind`, `offline`, `cards` or `pages`. */
  name: string;
  /** Wall clock (ms since the epoch) when the step started: the benchmark lines these up with its own samples. */
  start: number;
  /** Wall time the step took, in ms. For `cards`, only what they added after the rest was done. */
  ms: number;
  status: 'ok' | 'skipped';
}

export interface TimingsRecord {
  version: 1;
  /** The output folder, relative to the project root. */
  outDir: string;
  /** The steps done, in order. */
  steps: StepTiming[];
  /** The step under way, null once the build is done: a build that stopped half-way names the step that failed. */
  running: string | null;
}

/** Where a build keeps its records (timings, and the stamp of `up-to-date.ts`): off the site, in no commit. */
export const BUILD_CACHE_DIR = 'node_modules/.cache/shelfmark-build';

/** Where the record of a build into `outDir` is kept: one per output folder, as builds of dist and dist-base alternate. */
export function timingsFile(root: string, outDir: string): string {
  return join(root, BUILD_CACHE_DIR, `${outputKey(root, outDir)}.timings.json`);
}

/** `dist` for `<root>/dist`: output folders named as people pass them, in a form safe for a file name. */
export function outputKey(root: string, outDir: string): string {
  return (relative(root, resolve(root, outDir)) || '.').replace(/[^\w.-]+/g, '_');
}

/** The record at `file`, or undefined when there is none or it is not one. */
export function readTimings(file: string): TimingsRecord | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<TimingsRecord>;
    return value.version === 1 && Array.isArray(value.steps) ? (value as TimingsRecord) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the record atomically: a reader never sees half of one. */
export function writeTimings(file: string, record: TimingsRecord): void {
  mkdirSync(dirname(file), { recursive: true });
  writeAtomically([[file, `${JSON.stringify(record, null, 1)}\n`]]);
}

/** Times `work` as a step that starts now. */
export async function timed(name: string, work: () => Promise<StepTiming['status'] | void>): Promise<StepTiming> {
  const start = Date.now();
  const began = performance.now();
  const status = (await work()) ?? 'ok';
  return { name, start, ms: Math.round(performance.now() - began), status };
}
