/**
 * Where a build writes, as the environment says: the site in OUT_DIR (`dist` by default; the
 * tests build `dist-base` beside it) and the offline edition in OFFLINE_DIR, by default beside
 * the site it is made from; a large catalog's offline zip in `<OUT_DIR>-release`, off the site,
 * for the deploy to publish as a release asset. Paths as given, relative to the project unless absolute.
 */
import { createHash } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

/** The site's folder. */
export function outDirOf(env: NodeJS.ProcessEnv = process.env): string {
  return env.OUT_DIR || 'dist';
}

/** The offline edition's folder: `<OUT_DIR>-offline` unless OFFLINE_DIR names another. */
export function offlineDirOf(env: NodeJS.ProcessEnv = process.env): string {
  return env.OFFLINE_DIR || `${outDirOf(env)}-offline`;
}

/** Where a large catalog's offline zip goes: `<OUT_DIR>-release`, the folder the deploy publishes from. */
export function releaseDirOf(env: NodeJS.ProcessEnv = process.env): string {
  return `${outDirOf(env)}-release`;
}

/**
 * Astro's cache folder for the catalog in `content`: one per content folder. Astro keeps what it
 * has read of the papers there, and reuses a stored paper whose file has the same digest, with
 * that file's path: with one cache for every CONTENT_DIR, a build of a copy of the catalog
 * published the notes of the original's file, and failed when the original was moved.
 */
export function astroCacheDir(root: string, content: string): string {
  const key = createHash('sha256').update(resolve(root, content)).digest('hex').slice(0, 12);
  return join(root, 'node_modules', '.astro', `content-${key}`);
}

/** A path with the links on its way resolved, as far as it exists (a project reached through a link is still itself). */
function physical(path: string): string {
  if (existsSync(path)) return realpathSync(path);
  const parent = dirname(path);
  return parent === path ? path : join(physical(parent), basename(path));
}

/** Whether `inner` is `outer` or inside it. */
const within = (inner: string, outer: string) => {
  const path = relative(outer, inner);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
};

/**
 * Why the build cannot write where the environment says, or null. Each output folder is
 * replaced whole (the offline edition's is deleted and written anew, and Astro empties
 * OUT_DIR), so none may be the project (`root`) or a folder above it, nor hold the catalog,
 * nor overlap another: `OFFLINE_DIR=.` deleted a checkout, and OFFLINE_DIR equal to OUT_DIR
 * the hosted site.
 */
export function outputDirsProblem(root: string, content: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const outputs = [
    ['OUT_DIR', outDirOf(env)],
    [env.OFFLINE_DIR ? 'OFFLINE_DIR' : 'the offline edition', offlineDirOf(env)],
    ['the release folder', releaseDirOf(env)],
  ].map(([name, dir]) => ({ name: name!, dir: dir!, path: resolve(root, dir!) }));
  for (const { name, dir, path } of outputs) {
    if (within(root, path)) return `${name} (${dir}) is the project folder or one above it, which the build would replace; name a folder of its own`;
    if (within(content, path)) return `${name} (${dir}) is or holds the catalog (${relative(root, content)}), which the build would replace; name a folder of its own`;
  }
  // Astro builds the pages in OUT_DIR and runs them from there, and they find Astro's own
  // packages only by looking up from there: a folder outside the project failed with a stack trace.
  if (!within(physical(outputs[0]!.path), physical(root))) return `OUT_DIR (${outputs[0]!.dir}) is outside the project, and Astro runs the pages it builds from there, with the project's packages; name a folder inside the project, and copy the site elsewhere after the build`;
  for (const a of outputs) {
    for (const b of outputs) if (a !== b && within(b.path, a.path)) return `${b.name} (${b.dir}) is ${a.path === b.path ? '' : 'inside '}${a.name} (${a.dir}), and each is replaced whole; give them folders of their own`;
  }
  return null;
}
