/**
 * Where a build writes, as the environment says: the site in OUT_DIR (`dist` by default; the
 * tests build `dist-base` beside it) and the offline edition in OFFLINE_DIR, by default beside
 * the site it is made from. Paths as given, relative to the project unless absolute.
 */

/** The site's folder. */
export function outDirOf(env: NodeJS.ProcessEnv = process.env): string {
  return env.OUT_DIR || 'dist';
}

/** The offline edition's folder: `<OUT_DIR>-offline` unless OFFLINE_DIR names another. */
export function offlineDirOf(env: NodeJS.ProcessEnv = process.env): string {
  return env.OFFLINE_DIR || `${outDirOf(env)}-offline`;
}
