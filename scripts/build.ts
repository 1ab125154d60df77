/**
 * `npm run build` — the ingest, then `astro build` for the pages, then the steps that finish the
 * site: search index, offline edition, preview cards (rendered beside Astro) and the Pages check.
 * Those steps are the Astro integration's (src/build/integration.ts), which runs them itself under
 * a bare `astro build`; here they run once Astro's process has ended, so the memory it holds to
 * its end (2.3 GB at 30,000 papers) is not added to theirs. The site is the same, byte for byte.
 * This script adds the ingest, and skipping a build whose inputs have not changed. OUT_DIR
 * (default dist) lets tests build several variants side by side.
 *
 * When nothing the site is made from has changed since the last successful build and its output
 * is still there, the build says so and stops: see src/build/up-to-date.ts for what counts.
 * `npm run build -- --force` builds anyway.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { readOptions } from '../src/lib/cli.ts';
import { contentDir } from '../src/lib/content-dir.ts';
import { finishSite, startCards, STEPS_AFTER_ASTRO, type StepLog } from '../src/build/integration.ts';
import { offlineDirOf, outDirOf, outputDirsProblem, releaseDirOf } from '../src/build/output-dirs.ts';
import { readTimings, timingsFile, writeTimings, type StepTiming } from '../src/build/timings.ts';
import { inputsDigest, isUpToDate, siteInputs, stampFile, writeStamp } from '../src/build/up-to-date.ts';

const USAGE = `npm run build [-- --force]

The ingest, then the site into OUT_DIR (default dist/): pages, search index, offline edition,
preview cards, and the GitHub Pages check. When nothing the site is made from has changed
since the last build, it says so and stops.

  --force   build even when nothing has changed
  --help    print this`;

const { force } = readOptions('build', USAGE, { force: { type: 'boolean', default: false } });
const problem = outputDirsProblem(process.cwd(), contentDir());
if (problem) {
  console.error(`build: ${problem}`);
  process.exit(1);
}
const outDir = outDirOf();
const env: NodeJS.ProcessEnv = { ...process.env, OUT_DIR: outDir };

const INPUTS = siteInputs(process.cwd(), contentDir(), env);
const OUTPUTS = [outDir, offlineDirOf(), releaseDirOf()];
const STAMP = stampFile(process.cwd(), outDir);
const TIMINGS = timingsFile(process.cwd(), outDir);

if (!force && isUpToDate(STAMP, inputsDigest(INPUTS), OUTPUTS)) {
  console.log(`build: nothing changed since the last build; ${outDir}/ is up to date (npm run build -- --force rebuilds).`);
  process.exit(0);
}
rmSync(STAMP, { force: true });
rmSync(TIMINGS, { force: true });

/** Runs one step to its end; a failed step ends the build, naming it (in the timings record too). */
function run(name: string, command: string, args: string[], done: StepTiming[], extraEnv: NodeJS.ProcessEnv = {}): StepTiming {
  const start = Date.now();
  const began = performance.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  if (result.status !== 0) {
    // The integration records Astro's steps as they go; with none recorded, Astro itself failed.
    const record = readTimings(TIMINGS);
    writeTimings(TIMINGS, record ? { ...record, steps: [...done, ...record.steps] } : { version: 1, outDir, steps: done, running: name });
    console.error(`build: the ${name} step failed${result.error ? ` (${result.error.message})` : ''}; ${outDir}/ is incomplete.`);
    process.exit(1);
  }
  return { name, start, ms: Math.round(performance.now() - began), status: 'ok' };
}

const ingest = run('ingest', process.execPath, ['scripts/ingest.ts'], []);
// Taken after the ingest, which may rewrite content/papers/, so the next build compares like with like.
const digest = inputsDigest(INPUTS);
const log: StepLog = { info: (m) => console.log(`build: ${m}`), warn: (m) => console.warn(`build: ${m}`), error: (m) => console.error(`build: ${m}`) };
const cards = startCards(process.cwd(), resolve(outDir), log);
run('astro', 'astro', ['build'], [ingest], { [STEPS_AFTER_ASTRO]: '1' });
try {
  // Astro's integration recorded its step; the ingest goes in front of it, the rest after.
  await finishSite(process.cwd(), resolve(outDir), log, cards, [ingest, ...(readTimings(TIMINGS)?.steps ?? [])]);
} catch (error) {
  console.error((error as Error).message);
  console.error(`build: the ${readTimings(TIMINGS)?.running ?? 'last'} step failed.`);
  process.exit(1);
}

// Stamped only if no input changed while the steps ran; otherwise the next build starts afresh.
if (inputsDigest(INPUTS) === digest) writeStamp(STAMP, digest, OUTPUTS);
