/**
 * What a Shelfmark site needs after Astro has written its pages, as an Astro integration, so
 * `astro build`, `npm run build` and the deploy workflow all make the same complete site:
 *
 * 1. The preview cards start rendering into their cache when the build starts, in a process of
 *    their own (the second core), since they need only the catalog; they are written into the
 *    output once everything else below is done (scripts/cards.ts `--beside-build`).
 * 2. Pagefind indexes the pages, through its Node API; a large catalog's in parts.
 * 3. The offline edition is made from the finished site (scripts/offline.ts, src/offline/), in a
 *    process of its own: a heap of its own, not one more load on Astro's.
 * 4. The finished site is held to GitHub Pages' limits (src/build/pages-limits.ts): a site that
 *    could not be deployed fails the build, naming the files to blame. PAGES_CHECK=warn only
 *    warns, for a catalog built to be served elsewhere.
 *
 * `npm run build` runs the same steps itself, once Astro's process has ended (STEPS_AFTER_ASTRO).
 * Each step's time goes into the timings record (src/build/timings.ts). SKIP_CARDS=1 leaves the
 * cards out. A step that fails ends the build with its message, not a stack trace.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import { paperSitePath } from '../lib/paths.ts';
import { searchPartPaths, WORDS_RECORD } from '../lib/search-parts.ts';
import { extractPage } from '../offline/extract.ts';
import { checkPagesLimits, describeVerdict, listSite } from './pages-limits.ts';
import { timed, timingsFile, writeTimings, type StepTiming } from './timings.ts';
import { addWords } from './words-record.ts';

/**
 * Set by `npm run build` for its `astro build`: the integration then leaves the steps after the
 * pages (and the cards beside them) to the build script, which runs them once Astro's process has
 * ended. At 30,000 papers that process holds 2.3 GB to its end, which each step would add to.
 */
export const STEPS_AFTER_ASTRO = 'SHELFMARK_STEPS_AFTER_ASTRO';

/** Where a step's messages go: Astro's logger in the integration, the console in the build script. */
export type StepLog = Pick<AstroIntegrationLogger, 'info' | 'warn' | 'error'>;

export function shelfmarkBuild(): AstroIntegration {
  // Both from Astro's config, once it is done.
  let root = '';
  let outDir = '';
  let cards: Cards | null = null;
  const deferred = process.env[STEPS_AFTER_ASTRO] === '1';
  return {
    name: 'shelfmark-build',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:start': ({ logger }) => {
        // A new record: if Astro stops before it is done, this one says so, not an older build's.
        writeTimings(timingsFile(root, outDir), { version: 1, outDir: relative(root, outDir) || '.', steps: [], running: 'astro' });
        if (!deferred) cards = startCards(root, outDir, logger);
      },
      'astro:build:done': async ({ logger }) => {
        // Astro's step runs from its process's start, which the timings record counts in wall-clock time.
        const astro: StepTiming = { name: 'astro', start: Math.round(performance.timeOrigin), ms: Math.round(performance.now()), status: 'ok' };
        if (deferred) return writeTimings(timingsFile(root, outDir), { version: 1, outDir: relative(root, outDir) || '.', steps: [astro], running: null });
        try {
          await finishSite(root, outDir, logger, cards, [astro]);
        } catch (error) {
          // The record still names the step under way. Astro would print a stack trace for what is a plain verdict.
          logger.error((error as Error).message);
          process.exit(1);
        }
      },
    },
  };
}

/**
 * The steps after the pages, in order, each recorded in the timings record after the steps
 * `done` before them: Pagefind, the offline edition, the cards, the Pages check. Throws the
 * message of the first that fails.
 */
export async function finishSite(root: string, outDir: string, log: StepLog, cards: Cards | null, done: StepTiming[]): Promise<void> {
  const steps = [...done];
  const file = timingsFile(root, outDir);
  const record = (running: string | null) => writeTimings(file, { version: 1, outDir: relative(root, outDir) || '.', steps, running });
  const step = async (name: string, work: () => Promise<StepTiming['status'] | void>) => {
    record(name);
    const finished = await timed(name, work);
    steps.push(finished);
    log.info(`${name} ${finished.status === 'skipped' ? 'skipped' : `done in ${(finished.ms / 1000).toFixed(1)} s`}`);
  };
  await step('pagefind', () => indexSite(outDir, log));
  await step('offline', () => runScript(root, 'scripts/offline.ts', outDir));
  await step('cards', async () => {
    if (!cards) return 'skipped';
    await cards.finish();
  });
  await step('pages', async () => checkPages(outDir, log));
  record(null);
}

/**
 * Indexes the site's pages for search: the whole site into `<outDir>/pagefind/`, or a large
 * catalog's paper pages in parts (src/lib/large-catalog.ts), each in a Pagefind process of its
 * own, so that one part's memory is freed before the next. The pages say how many parts there are.
 *
 * Pagefind searches a word that an index lacks as the longest word it has that begins it
 * ("attention" as "at"), so a part without a word the catalog has would answer with pages that
 * do not have it. Every part therefore also holds one record with every word of the catalog's
 * paper pages, which the browser leaves out of every search (WORDS_RECORD).
 */
async function indexSite(outDir: string, log: StepLog): Promise<void> {
  const home = readFileSync(join(outDir, 'index.html'), 'utf8');
  const paths = searchPartPaths(Number(/data-search-parts="(\d+)"/.exec(home)?.[1] ?? 1));
  if (paths.length === 1) return writeIndex(outDir, paths[0]!, (index) => index.addDirectory({ path: outDir }), log);
  // The paper pages (not the redirects among them), dealt out in turn by name, so that each part
  // is a sample of the whole and their scores compare.
  const pages: string[] = [];
  const words = new Set<string>();
  for (const name of readdirSync(join(outDir, 'papers')).sort()) {
    const page = `${paperSitePath(name)}index.html`;
    const indexed = existsSync(join(outDir, page)) ? extractPage(readFileSync(join(outDir, page), 'utf8')) : null;
    if (!indexed) continue;
    pages.push(page);
    addWords(words, indexed);
  }
  const allWords = [...words].sort().join(' ');
  for (const [part, path] of paths.entries()) {
    await writeIndex(outDir, path, async (index) => {
      const added = { page_count: 0, errors: [] as string[] };
      const record = await index.addCustomRecord({ url: '/pagefind-words/', content: allWords, language: 'en', filters: { [WORDS_RECORD.filter]: [WORDS_RECORD.value] } });
      added.errors.push(...record.errors);
      for (let i = part; i < pages.length; i += paths.length) {
        const response = await index.addHTMLFile({ sourcePath: pages[i]!, content: readFileSync(join(outDir, pages[i]!), 'utf8') });
        added.errors.push(...response.errors);
        added.page_count++;
      }
      return added;
    }, log);
  }
}

/** One Pagefind index written into `<outDir>/<path>`: a Pagefind process started, fed by `add`, and closed. */
async function writeIndex(
  outDir: string,
  path: string,
  add: (index: pagefind.PagefindIndex) => Promise<{ page_count: number; errors: string[] }>,
  log: StepLog,
): Promise<void> {
  const { index, errors } = await pagefind.createIndex();
  try {
    if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
    const added = await add(index);
    if (added.errors.length) throw new Error(`pagefind: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: join(outDir, path) });
    if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
    log.info(`pagefind: ${added.page_count} pages indexed into ${path}`);
  } finally {
    await pagefind.close();
  }
}

/** Holds the finished site to GitHub Pages' limits; throws the verdict when it does not fit, unless PAGES_CHECK=warn. */
function checkPages(outDir: string, log: StepLog): void {
  const verdict = checkPagesLimits(listSite(outDir));
  const message = `pages: ${describeVerdict(verdict, relative(process.cwd(), outDir) || '.')}`;
  if (verdict.ok) log.info(message);
  else if (process.env.PAGES_CHECK === 'warn') log.warn(`${message}\n(PAGES_CHECK=warn: built anyway.)`);
  else throw new Error(message);
}

/** The environment of a step's process: OUT_DIR as a path relative to the project, as people pass it. */
function stepEnv(root: string, outDir: string): NodeJS.ProcessEnv {
  return { ...process.env, OUT_DIR: relative(root, outDir) || '.' };
}

/** Runs a Node script of the project to its end; rejects when it fails. */
function runScript(root: string, script: string, outDir: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(root, script)], { cwd: root, stdio: 'inherit', env: stepEnv(root, outDir) });
    child.on('error', fail);
    child.on('exit', (code, signal) => (code === 0 ? done() : fail(new Error(`${script} failed (${signal ?? `exit ${code}`})`))));
  });
}

export interface Cards {
  /** Tells the renderer the site is there to write the cards into, and waits for it to end. */
  finish(): Promise<void>;
}

/** Starts rendering the cards into their cache beside the build (scripts/cards.ts `--beside-build`); null with SKIP_CARDS=1. */
export function startCards(root: string, outDir: string, log: StepLog): Cards | null {
  if (process.env.SKIP_CARDS === '1') {
    log.info('cards: skipped (SKIP_CARDS=1).');
    return null;
  }
  const child: ChildProcess = spawn(process.execPath, [join(root, 'scripts/cards.ts'), '--beside-build'], {
    cwd: root,
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: stepEnv(root, outDir),
  });
  const exit = new Promise<number | null>((done) => {
    child.on('error', (error) => {
      log.error(`cards: ${error.message}`);
      done(null);
    });
    child.on('exit', (code) => done(code));
  });
  // If the build fails, it exits; the renderer must not outlive it.
  process.on('exit', () => child.exitCode === null && child.kill());
  return {
    async finish() {
      // It may have ended already (an error it has reported); its exit code says which.
      if (child.connected) child.send('site-ready', () => {});
      const code = await exit;
      if (code !== 0) throw new Error('cards: rendering failed (see above)');
    },
  };
}
