/**
 * Where a build writes, as the environment says: the site in OUT_DIR (`dist` by default; the
 * tests build `dist-base` beside it) and the offline edition in OFFLINE_DIR, by default beside
 * the site it is made from; a large catalog's offline zip in `<OUT_DIR>-release`, off the site,
 * for the deploy to publish as a release asset. Paths as given, relative to the project unless absolute.
 */

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
