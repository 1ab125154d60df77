/**
 * `npm run build` — ingest, Astro, Pagefind, the offline edition, in that order; stops at the first step that
 * fails and says which. OUT_DIR (default dist) lets tests build several variants side by side.
 */
import { spawnSync } from 'node:child_process';

const outDir = process.env.OUT_DIR || 'dist';

const steps: [name: string, command: string, args: string[]][] = [
  ['ingest', process.execPath, ['scripts/ingest.ts']],
  ['astro', 'astro', ['build']],
  // After Astro, which empties the output folder; SKIP_CARDS=1 skips them for quick local builds.
  ['cards', process.execPath, ['scripts/cards.ts']],
  ['pagefind', 'pagefind', ['--site', outDir, '--silent']],
  // The offline edition (dist-offline/ and <outDir>/shelfmark-offline.zip) from the finished site.
  ['offline', process.execPath, ['scripts/offline.ts']],
];

for (const [name, command, args] of steps) {
  const started = performance.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, OUT_DIR: outDir } });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`build: the ${name} step failed${result.error ? ` (${result.error.message})` : ''}; ${outDir}/ is incomplete.`);
    process.exit(1);
  }
  console.log(`build: ${name} done in ${seconds} s`);
}
