/**
 * `npm run build` — ingest, Astro, Pagefind, the offline edition and the preview cards; stops at
 * the first step that fails and says which. OUT_DIR (default dist) lets tests build several
 * variants side by side.
 *
 * When nothing the site is made from has changed since the last successful build and its output
 * is still there, the build says so and stops: see src/build/up-to-date.ts for what counts.
 * `npm run build -- --force` builds anyway.
 *
 * Cards need only the ingested catalog, not the site, so they are rendered into their cache on
 * the second core while Astro, Pagefind and the offline edition run, and linked into the output
 * when those are done. SKIP_CARDS=1 skips them for quick local builds.
 */
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { contentDir } from '../src/lib/content-dir.ts';
import { inputsDigest, isUpToDate, writeStamp } from '../src/build/up-to-date.ts';

const outDir = process.env.OUT_DIR || 'dist';
const env: NodeJS.ProcessEnv = { ...process.env, OUT_DIR: outDir };

// What the site is made from: the catalog, the code and its locked dependencies, the variables
// the steps read, and Node's version (it decides Unicode data and zlib's bytes).
const VARIABLES = ['OUT_DIR', 'OFFLINE_DIR', 'BASE_PATH', 'SITE_URL', 'CONTENT_DIR', 'SKIP_CARDS', 'CARDS_CACHE_DIR'];
const INPUTS = {
  root: process.cwd(),
  paths: [contentDir(), 'src', 'public', 'scripts', 'astro.config.mjs', 'tsconfig.json', 'package.json', 'package-lock.json'],
  env: { ...Object.fromEntries(VARIABLES.map((name) => [name, env[name]])), 'node --version': process.version },
};
const OUTPUTS = [outDir, process.env.OFFLINE_DIR || `${outDir}-offline`];
// One stamp per output folder, so building dist and dist-base in turn does not undo each other.
const STAMP = `node_modules/.cache/shelfmark-build/${outDir.replace(/[^\w.-]+/g, '_')}.json`;

if (!process.argv.includes('--force') && isUpToDate(STAMP, inputsDigest(INPUTS), OUTPUTS)) {
  console.log(`build: nothing changed since the last build; ${outDir}/ is up to date (npm run build -- --force rebuilds).`);
  process.exit(0);
}
rmSync(STAMP, { force: true });

type Step = [name: string, command: string, args: string[]];

function run([name, command, args]: Step): void {
  const started = performance.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) fail(name, result.error);
  console.log(`build: ${name} done in ${seconds(started)} s`);
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

function fail(name: string, error?: Error): never {
  console.error(`build: the ${name} step failed${error ? ` (${error.message})` : ''}; ${outDir}/ is incomplete.`);
  process.exit(1);
}

run(['ingest', process.execPath, ['scripts/ingest.ts']]);
// Taken after the ingest, which may rewrite content/papers/, so the next build compares like with like.
const digest = inputsDigest(INPUTS);

const cards = spawn(process.execPath, ['scripts/cards.ts', '--beside-build'], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env });
const cardsExit = new Promise<number | null>((done) => {
  cards.on('error', () => done(null));
  cards.on('exit', (code) => done(code));
});
// If a step fails, the build exits; the renderer must not outlive it.
process.on('exit', () => cards.exitCode === null && cards.kill());

run(['astro', 'astro', ['build']]);
run(['pagefind', 'pagefind', ['--site', outDir, '--silent']]);
// The offline edition (dist-offline/ and <outDir>/shelfmark-offline.zip) from the finished site.
run(['offline', process.execPath, ['scripts/offline.ts']]);

// The time reported is what the cards added to the build: the rest ran beside the steps above.
const cardsStarted = performance.now();
// It may have finished already (SKIP_CARDS, or an error it has reported); its exit code says which.
if (cards.connected) cards.send('site-ready', () => {});
if ((await cardsExit) !== 0) fail('cards');
console.log(`build: cards done in ${seconds(cardsStarted)} s`);

// Stamped only if no input changed while the steps ran; otherwise the next build starts afresh.
if (inputsDigest(INPUTS) === digest) writeStamp(STAMP, digest, OUTPUTS);
