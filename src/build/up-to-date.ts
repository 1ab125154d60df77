/**
 * Decides whether a build can be skipped, so that rebuilding with nothing changed costs a digest,
 * not a build.
 *
 * A build is up to date when its inputs (files and environment variables) are byte-identical to
 * those of the last successful build and that build's outputs are still there. The digest and a
 * summary of the outputs are kept in a stamp file that lives outside the output folders, so it is
 * never deployed and an emptied output folder cannot hold a stale claim about itself. Write the
 * stamp only once every step has succeeded, and remove it before the first step starts: a build
 * that fails half-way must not leave an older stamp vouching for what it overwrote.
 */
import { createHash, type Hash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { writeAtomically } from '../lib/atomic-write.ts';
import { BUILD_CACHE_DIR, outputKey } from './timings.ts';

/**
 * The environment variables a site is made from: where it is written and served, which catalog,
 * and the switches of its steps. A variable a step reads and this list lacks would let a build
 * be skipped that should not be.
 */
const SITE_VARIABLES = ['OUT_DIR', 'OFFLINE_DIR', 'BASE_PATH', 'SITE_URL', 'CONTENT_DIR', 'SKIP_CARDS', 'CARDS_CACHE_DIR', 'PAGES_CHECK', 'LARGE_CATALOG', 'OFFLINE_ZIP_URL', 'SEARCH_PART_PAPERS', 'DATA_PART_PAPERS'];

/**
 * What the site in `root` is made from: the catalog, the code and its locked dependencies, the
 * variables the steps read, and Node's version (it decides Unicode data and zlib's bytes).
 */
export function siteInputs(root: string, content: string, env: NodeJS.ProcessEnv): BuildInputs {
  return {
    root,
    paths: [content, 'src', 'public', 'scripts', 'astro.config.mjs', 'tsconfig.json', 'package.json', 'package-lock.json'],
    env: { ...Object.fromEntries(SITE_VARIABLES.map((name) => [name, env[name]])), 'node --version': process.version },
  };
}

/** The stamp of the last successful build into `outDir`: one per output folder, so building dist and dist-base in turn does not undo each other. */
export function stampFile(root: string, outDir: string): string {
  return join(root, BUILD_CACHE_DIR, `${outputKey(root, outDir)}.json`);
}

export interface BuildInputs {
  /** Project root (cwd). */
  root: string;
  /** Files and folders whose bytes decide the output, relative to root. Folders are walked recursively. */
  paths: string[];
  /** Environment variables that decide the output, by name; their values (or absence) are part of the digest. */
  env: Record<string, string | undefined>;
}

/** What is left of one output folder: enough to notice that it was deleted, emptied or partly rewritten. */
export interface OutputSummary {
  dir: string;
  exists: boolean;
  files: number;
  bytes: number;
}

interface Stamp {
  version: typeof STAMP_VERSION;
  digest: string;
  outputs: OutputSummary[];
}

const STAMP_VERSION = 1;

/**
 * Skipped by name, whatever their type: they change without changing the site (`.git` is even a
 * file in worktrees and submodules).
 */
const IGNORED_NAMES = new Set(['node_modules', '.git', '.astro', '.DS_Store']);

/**
 * The sha256 (hex) of every byte that decides the build: each file's path and contents, the
 * layout of the folders and the named environment variables. `paths` is a set: the order it is
 * given in does not matter.
 */
export function inputsDigest({ root, paths, env }: BuildInputs): string {
  const hash = createHash('sha256');
  const relativePaths = paths.map((path) => relative(root, resolve(root, path)).split(sep).join('/'));
  for (const path of [...new Set(relativePaths)].sort()) {
    hashPath(hash, resolve(root, path), path, new Set());
  }
  for (const name of Object.keys(env).sort()) {
    const value = env[name];
    hash.update('E');
    field(hash, name);
    if (value === undefined) {
      hash.update('U');
    } else {
      hash.update('S');
      field(hash, value);
    }
  }
  return hash.digest('hex');
}

/**
 * Every entry is a one-byte tag and length-prefixed fields, so no two different trees can produce
 * the same stream. `ancestors` holds the folders above this one, which is how a symlink that
 * points back up is hashed as a cycle instead of walked forever.
 */
function hashPath(hash: Hash, path: string, name: string, ancestors: Set<string>): void {
  const stats = statSync(path, { bigint: true, throwIfNoEntry: false });
  if (stats === undefined) {
    hash.update('M');
    field(hash, name);
  } else if (stats.isFile()) {
    hash.update('F');
    field(hash, name);
    field(hash, readFileSync(path));
  } else if (stats.isDirectory()) {
    const id = `${stats.dev}:${stats.ino}`;
    if (ancestors.has(id)) {
      hash.update('C');
      field(hash, name);
      return;
    }
    hash.update('D');
    field(hash, name);
    ancestors.add(id);
    // readdir's order depends on the platform and filesystem; the digest must not.
    for (const entry of readdirSync(path).sort()) {
      if (IGNORED_NAMES.has(entry)) continue;
      hashPath(hash, join(path, entry), name ? `${name}/${entry}` : entry, ancestors);
    }
    ancestors.delete(id);
  } else {
    // Sockets and pipes have no bytes to read (a pipe would block), but their presence is still an input.
    hash.update('O');
    field(hash, name);
  }
}

function field(hash: Hash, data: string | Buffer): void {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  const length = Buffer.alloc(8);
  length.writeBigUInt64BE(BigInt(bytes.length));
  hash.update(length);
  hash.update(bytes);
}

/**
 * Whether each output folder exists, with its number of files and their total size. Symlinks
 * count as files and are not followed. This is a cheap check against deleted or truncated output,
 * not a proof that every byte is unchanged.
 */
export function outputsSummary(dirs: string[]): OutputSummary[] {
  return dirs.map((dir) => {
    const summary = { dir, exists: false, files: 0, bytes: 0 };
    if (statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
      summary.exists = true;
      tally(dir, summary);
    }
    return summary;
  });
}

function tally(dir: string, summary: OutputSummary): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      tally(path, summary);
    } else {
      summary.files += 1;
      summary.bytes += lstatSync(path).size;
    }
  }
}

/**
 * True when the stamp records this digest and the output folders are as the stamped build left
 * them. Any failure to read or trust the stamp means "build": a needless build is slow, a wrongly
 * skipped one ships a stale site.
 */
export function isUpToDate(stampFile: string, digest: string, outputDirs: string[]): boolean {
  try {
    const stamp = readStamp(stampFile);
    return stamp?.digest === digest && isDeepStrictEqual(stamp.outputs, outputsSummary(outputDirs));
  } catch {
    return false;
  }
}

function readStamp(stampFile: string): Stamp | undefined {
  const value: unknown = JSON.parse(readFileSync(stampFile, 'utf8'));
  if (typeof value !== 'object' || value === null) return undefined;
  const { version, digest, outputs } = value as Partial<Stamp>;
  if (version !== STAMP_VERSION || typeof digest !== 'string' || !Array.isArray(outputs)) return undefined;
  return { version, digest, outputs };
}

/**
 * Records a successful build of these inputs and the outputs it left. The stamp is written
 * atomically, so a stopped build never leaves a half-written stamp.
 */
export function writeStamp(stampFile: string, digest: string, outputDirs: string[]): void {
  const stamp: Stamp = { version: STAMP_VERSION, digest, outputs: outputsSummary(outputDirs) };
  mkdirSync(dirname(stampFile), { recursive: true });
  writeAtomically([[stampFile, `${JSON.stringify(stamp)}\n`]]);
}
