/**
 * What a Shelfmark site needs after Astro has written its pages, as an Astro integration, so
 * `astro build`, `npm run build` and the deploy workflow all make the same complete site:
 *
 * 1. The preview cards start rendering into their cache when the build starts, in a process of
 *    their own (the second core), since they need only the catalog; they are written into the
 *    output once everything else below is done (scripts/cards.ts `--beside-build`).
 * 2. Pagefind indexes the pages, through its Node API.
 * 3. The offline edition is made from the finished site (scripts/offline.ts, src/offline/), in a
 *    process of its own: a heap of its own, not one more load on Astro's.
 * 4. The finished site is held to GitHub Pages' limits (src/build/pages-limits.ts): a site that
 *    could not be deployed fails the build, naming the files to blame. PAGES_CHECK=warn only
 *    warns, for a catalog built to be served elsewhere.
 *
 * Each step's time goes into the timings record (src/build/timings.ts). SKIP_CARDS=1 leaves the
 * cards out. A step that fails ends the build with its message, not a stack trace.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import { checkPagesLimits, describeVerdict, listSite } from './pages-limits.ts';
import { timed, timingsFile, writeTimings, type StepTiming } from './timings.ts';

export function shelfmarkBuild(): AstroIntegration {
  // Both from Astro's config, once it is done.
  let root = '';
  let outDir = '';
  let cards: Cards | null = null;
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
        if (process.env.SKIP_CARDS === '1') logger.info('cards: skipped (SKIP_CARDS=1).');
        else cards = startCards(root, outDir, logger);
      },
      'astro:build:done': async ({ logger }) => {
        // Astro's step runs from its process's start, which the timings record counts in wall-clock time.
        const steps: StepTiming[] = [{ name: 'astro', start: Math.round(performance.timeOrigin), ms: Math.round(performance.now()), status: 'ok' }];
        const file = timingsFile(root, outDir);
        const record = (running: string | null) => writeTimings(file, { version: 1, outDir: relative(root, outDir) || '.', steps, running });
        const step = async (name: string, work: () => Promise<StepTiming['status'] | void>) => {
          record(name);
          const done = await timed(name, work);
          steps.push(done);
          logger.info(`${name} ${done.status === 'skipped' ? 'skipped' : `done in ${(done.ms / 1000).toFixed(1)} s`}`);
        };
        try {
          await step('pagefind', () => indexSite(outDir, logger));
          await step('offline', () => runScript(root, 'scripts/offline.ts', outDir));
          await step('cards', async () => {
            if (!cards) return 'skipped';
            await cards.finish();
          });
          await step('pages', async () => checkPages(outDir, logger));
        } catch (error) {
          // The record still names the step under way. Astro would print a stack trace for what is a plain verdict.
          logger.error((error as Error).message);
          process.exit(1);
        }
        record(null);
      },
    },
  };
}

/** Indexes every page of the site for search into `<outDir>/pagefind/`. */
async function indexSite(outDir: string, logger: AstroIntegrationLogger): Promise<void> {
  const { index, errors } = await pagefind.createIndex();
  try {
    if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: outDir });
    if (added.errors.length) throw new Error(`pagefind: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
    if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
    logger.info(`pagefind: ${added.page_count} pages indexed`);
  } finally {
    await pagefind.close();
  }
}

/** Holds the finished site to GitHub Pages' limits; throws the verdict when it does not fit, unless PAGES_CHECK=warn. */
function checkPages(outDir: string, logger: AstroIntegrationLogger): void {
  const verdict = checkPagesLimits(listSite(outDir));
  const message = `pages: ${describeVerdict(verdict, relative(process.cwd(), outDir) || '.')}`;
  if (verdict.ok) logger.info(message);
  else if (process.env.PAGES_CHECK === 'warn') logger.warn(`${message}\n(PAGES_CHECK=warn: built anyway.)`);
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

interface Cards {
  /** Tells the renderer the site is there to write the cards into, and waits for it to end. */
  finish(): Promise<void>;
}

/** Starts rendering the cards into their cache beside the build (scripts/cards.ts `--beside-build`). */
function startCards(root: string, outDir: string, logger: AstroIntegrationLogger): Cards {
  const child: ChildProcess = spawn(process.execPath, [join(root, 'scripts/cards.ts'), '--beside-build'], {
    cwd: root,
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: stepEnv(root, outDir),
  });
  const exit = new Promise<number | null>((done) => {
    child.on('error', (error) => {
      logger.error(`cards: ${error.message}`);
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
