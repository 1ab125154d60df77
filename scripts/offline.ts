/**
 * `npm run build:offline` — turns the built site (OUT_DIR, default dist) into the offline
 * edition: `<OUT_DIR>-offline/` (OFFLINE_DIR; `dist-offline/` by default), a folder you can
 * open from disk, and `<OUT_DIR>/shelfmark-offline.zip`, the same folder zipped, for the hosted
 * site to offer (a large catalog's goes to `<OUT_DIR>-release/`, for a release asset). BASE_PATH is the site's base path; without it, the home page says.
 * All the work is in src/offline/edition.ts; this file reads the environment and prints.
 */
import { join, relative, resolve, sep } from 'node:path';
import { offlineDirOf, outDirOf, outputDirsProblem, releaseDirOf } from '../src/build/output-dirs.ts';
import { contentDir } from '../src/lib/content-dir.ts';
import { INDEX_FILE } from '../src/lib/packed-index.ts';
import { writeOfflineEdition } from '../src/offline/edition.ts';
import { readOptions } from '../src/lib/cli.ts';

const USAGE = `npm run build:offline

Turns the built site (OUT_DIR, default dist) into the offline edition: <OUT_DIR>-offline/, a
folder to open from disk, and <OUT_DIR>/shelfmark-offline.zip, the same folder zipped.
BASE_PATH is the site's base path. \`npm run build\` runs it.

  --help    print this`;

readOptions('build:offline', USAGE, {});

const started = performance.now();
const root = join(import.meta.dirname, '..');
const problem = outputDirsProblem(root, contentDir(root));
if (problem) {
  console.error(`offline: ${problem}`);
  process.exit(1);
}
const outDir = resolve(root, outDirOf());
// Beside the site it comes from, so builds of several sites (dist, dist-base) keep theirs apart.
const offlineDir = resolve(root, offlineDirOf());

try {
  const edition = await writeOfflineEdition({ outDir, offlineDir, releaseDir: resolve(root, releaseDirOf()), ...(process.env.BASE_PATH ? { base: process.env.BASE_PATH } : {}) });
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `offline: ${edition.pages} pages, ${edition.indexed} indexed, ${INDEX_FILE} ${kb(edition.indexBytes)}; ` +
      `${relative(root, offlineDir)}${sep} and ${relative(root, edition.zipFile)} (${kb(edition.zipBytes)}) in ${seconds} s`,
  );
} catch (e) {
  console.error(`offline: ${(e as Error).message}`);
  process.exitCode = 1;
}
