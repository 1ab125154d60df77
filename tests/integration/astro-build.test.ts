/**
 * The build is Astro's: `astro build` on its own makes the same complete site as `npm run build`
 * (pages, search index, offline edition and zip, preview cards), byte for byte, and both leave a
 * timings record of their steps. Built one after the other in one project copy, into two output
 * folders, from the small fixture catalog, cards included.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readTimings, timingsFile } from '../../src/build/timings.ts';
import { filesUnder, projectCopy } from '../support/site-build.ts';
import { repoRoot } from '../support/repo.ts';

const copy = projectCopy(join(repoRoot, 'tests/fixtures/project/content'));
afterAll(() => rmSync(copy.root, { recursive: true, force: true }));

/** Where the builds write each connection they open off this machine (`tests/support/no-network.mjs`). */
const networkLog = join(copy.root, 'network.log');

/**
 * Runs `node <args>` in the copy with OUT_DIR set; rejects with what it printed if it fails. As
 * on a maintainer's machine: not in CI and with Astro's telemetry on (a fresh config folder),
 * which Astro turns off in CI, so that the build itself must keep off the network.
 */
function run(outDir: string, args: string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['SKIP_CARDS', 'NODE_OPTIONS', 'OFFLINE_DIR', 'CARDS_CACHE_DIR', 'ASTRO_TELEMETRY_DISABLED', 'TELEMETRY_DISABLED']) delete env[name];
  Object.assign(env, { CONTENT_DIR: copy.content, OUT_DIR: outDir, SITE_URL: 'https://example.github.io', BASE_PATH: '/shelfmark/' });
  Object.assign(env, { CI: 'false', XDG_CONFIG_HOME: join(copy.root, 'config'), NETWORK_LOG: networkLog, NODE_OPTIONS: `--import ${pathToFileURL(join(repoRoot, 'tests/support/no-network.mjs')).href}` });
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: copy.root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk) => (text += chunk));
    child.stderr.on('data', (chunk) => (text += chunk));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done(text) : fail(new Error(`node ${args.join(' ')} failed (exit ${code}):\n${text}`))));
  });
}

/** Path → sha256 of every file under `dir`. */
const digest = (dir: string) => Object.fromEntries(filesUnder(dir).map((file) => [file, createHash('sha256').update(readFileSync(join(dir, file))).digest('hex')]));

beforeAll(async () => {
  // npm run build first: it ingests the catalog the plain `astro build` then reads.
  await run('dist-npm', ['scripts/build.ts']);
  await run('dist-astro', ['node_modules/astro/bin/astro.mjs', 'build']);
});

it('neither build goes on the network', () => {
  expect(existsSync(networkLog) ? readFileSync(networkLog, 'utf8') : '').toBe('');
});

it('astro build makes every file npm run build makes, with the same bytes, offline edition included', () => {
  for (const [npm, astro] of [['dist-npm', 'dist-astro'], ['dist-npm-offline', 'dist-astro-offline']] as const) {
    const made = digest(join(copy.root, npm));
    const alone = digest(join(copy.root, astro));
    expect(Object.keys(alone)).toEqual(Object.keys(made));
    expect(Object.keys(made).filter((file) => made[file] !== alone[file])).toEqual([]);
  }
});

it('the site astro build makes is complete: pages, search index, offline zip, preview cards', () => {
  const files = filesUnder(join(copy.root, 'dist-astro'));
  // .nojekyll, from public/: GitHub Pages publishing from a branch would otherwise drop _astro/.
  for (const file of ['index.html', 'pagefind/pagefind-entry.json', 'shelfmark-offline.zip', 'cards/site.png', '.nojekyll', 'search-ids.js']) expect(files).toContain(file);
  const ids = readdirSync(join(copy.content, 'papers')).filter((name) => name.endsWith('.mdx')).map((name) => name.slice(0, -'.mdx'.length));
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) {
    expect(files).toContain(`papers/${id}/index.html`);
    expect(files).toContain(`cards/papers/${id}.png`);
  }
  expect(filesUnder(join(copy.root, 'dist-astro-offline'))).toContain('search-index.js');
});

it('each build records its steps in order, npm run build with the ingest first', () => {
  const steps = (outDir: string) => readTimings(timingsFile(copy.root, outDir))?.steps.map((step) => step.name);
  expect(steps('dist-astro')).toEqual(['astro', 'pagefind', 'offline', 'cards', 'pages']);
  expect(steps('dist-npm')).toEqual(['ingest', 'astro', 'pagefind', 'offline', 'cards', 'pages']);
  for (const step of readTimings(timingsFile(copy.root, 'dist-npm'))!.steps) {
    expect(step.status).toBe('ok');
    expect(step.ms).toBeGreaterThan(0);
  }
});
