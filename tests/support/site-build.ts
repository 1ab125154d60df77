/**
 * Builds a whole site the way `npm run build` does, in a throwaway copy of the project, so
 * tests can build other catalogs (the hostile fixture) or the same one twice without
 * touching the repository: the copy has its own `.astro/` and `node_modules/.astro/`
 * caches (packages are symlinked, not copied), its own `content/papers/` and its own output.
 * Used by the vitest suite and by Playwright specs alike.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fixturesDir, repoRoot } from './repo.ts';

export const hostileContent = join(fixturesDir, 'hostile/content');

/** What the build reads from the project besides the catalog. */
const PROJECT_FILES = ['src', 'scripts', 'public', 'astro.config.mjs', 'tsconfig.json', 'package.json'];

export interface BuildOptions {
  /** Content folder to build (copied, so the ingest can write `papers/` into the copy). */
  content: string;
  siteUrl?: string;
  basePath?: string;
  /** Where the copy goes; a fresh temporary folder by default. */
  root?: string;
  /** More environment for the build (a time zone, a locale). */
  env?: Record<string, string>;
}

export interface BuiltSite {
  /** The project copy. */
  root: string;
  /** The copied content folder, with the papers the ingest wrote. */
  content: string;
  /** The built site. */
  dist: string;
  /** Everything the build printed. */
  output: string;
  /** Runs the build again in the same copy, with the same environment but for `more`; resolves to what it printed. */
  build(args?: string[], more?: Record<string, string>): Promise<string>;
  /** Removes the copy and the built site. */
  remove(): void;
}

/** A project copy that builds `content`, with the repository's packages linked in. */
export function projectCopy(content: string, root = mkdtempSync(join(tmpdir(), 'shelfmark-site-'))): { root: string; content: string } {
  for (const name of PROJECT_FILES) if (existsSync(join(repoRoot, name))) cpSync(join(repoRoot, name), join(root, name), { recursive: true });
  const modules = join(root, 'node_modules');
  mkdirSync(modules, { recursive: true });
  // Linking each package (not node_modules itself) keeps Astro's caches in the copy.
  for (const name of readdirSync(join(repoRoot, 'node_modules'))) {
    if (name === '.astro' || name === '.vite' || name === '.cache') continue;
    symlinkSync(join(repoRoot, 'node_modules', name), join(modules, name));
  }
  const copied = join(root, 'catalog');
  cpSync(content, copied, { recursive: true });
  return { root, content: copied };
}

/** Runs `node scripts/build.ts` (ingest, then Astro with Pagefind and the offline edition; cards skipped) in a project copy. */
export async function buildSite(options: BuildOptions): Promise<BuiltSite> {
  const { root, content } = projectCopy(options.content, options.root);
  // Relative to the copy, as people pass it (every step resolves it against the working folder).
  const dist = join(root, 'dist');
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['OUT_DIR', 'CONTENT_DIR', 'SITE_URL', 'BASE_PATH', 'NODE_OPTIONS']) delete env[name];
  Object.assign(env, {
    CONTENT_DIR: content,
    OUT_DIR: 'dist',
    SKIP_CARDS: '1',
    // scripts/build.ts runs `astro` by name.
    PATH: `${join(repoRoot, 'node_modules/.bin')}:${process.env.PATH}`,
    ...(options.siteUrl ? { SITE_URL: options.siteUrl } : {}),
    ...(options.basePath ? { BASE_PATH: options.basePath } : {}),
    ...options.env,
  });
  const build = (args: string[] = [], more: Record<string, string> = {}) =>
    new Promise<string>((done, fail) => {
      const child = spawn(process.execPath, ['scripts/build.ts', ...args], { cwd: root, env: { ...env, ...more }, stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (chunk) => (text += chunk));
      child.stderr.on('data', (chunk) => (text += chunk));
      child.on('error', fail);
      child.on('close', (code) => (code === 0 ? done(text) : fail(new Error(`the build failed (exit ${code}):\n${text}`))));
    });
  const output = await build().catch((e: unknown) => {
    rmSync(root, { recursive: true, force: true });
    throw e;
  });
  return { root, content, dist, output, build, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Every file under `dir`, as `/`-separated paths relative to it, sorted. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split('\\').join('/'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

/** The HTML page at a site path (`papers/x/`) of a built site. */
export function pageAt(dist: string, path: string): string {
  return readFileSync(resolve(dist, path.replace(/^\//, ''), path.endsWith('.html') ? '' : 'index.html'), 'utf8');
}
