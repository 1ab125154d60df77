/**
 * `npm run bench [-- --papers 1000,10000] [--ceiling [--with baseline,rebuild]]
 *                [--skip baseline,rebuild,search,related] [--ref COMMIT] [--work DIR] [--timeout MIN]
 *                [--report]`
 *
 * Builds synthetic catalogs (scripts/bench-corpus.ts) with the full pipeline and, in the same
 * run, the bare Astro + MDX + Pagefind template in bench/baseline/ over the same paper files,
 * and prints what each costs: time per build step (from the build's timings record, so steps
 * added to it are measured too) and per Astro phase, peak memory, dist/ size and file count,
 * paper and list page sizes, the bytes one search downloads, and a second build with nothing
 * changed. Results go to bench/results/bench-<N>.json; the budgets at 10,000 papers are checked.
 * `--ceiling` builds 30,000 papers once and reports what breaks first.
 *
 * Isolation: every build runs in a snapshot of this project under the work folder (default
 * $TMPDIR/shelfmark-bench): the project's files copied, node_modules linked package by
 * package, so Astro's caches (node_modules/.astro, .astro/) and the cards cache are the
 * snapshot's own. Benchmarks neither disturb nor are disturbed by builds in the project, and
 * edits made while a benchmark runs do not leak into it half-way.
 *
 * Memory: a sampler reads /proc/<pid>/stat of the build's whole process tree every 100 ms and
 * sums the resident sets (node driver + wrappers + the step's process); `/usr/bin/time`
 * (Debian package `time`) adds the exact peak of the largest single process. A spike shorter
 * than 100 ms between samples can be missed by the tree figure, never by time's.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { astroPhases, buildStages, routeGroups, stageOf, type MemorySample, type Stage, type TimedLine } from '../bench/buildlog.ts';
import { isRedirectPage, pageBreakdown, REDIRECT_MAX_BYTES, summarizeDist, type DistFile, type DistSummary } from '../bench/dist.ts';
import { parseStat, treeMemory, type ProcStat } from '../bench/proc.ts';
import { BUDGETS, UNCHANGED_INGEST, checkBudgets, renderBudgets, renderTable, type BaselineResult, type BenchResult, type BuildRun, type SearchMeasure, type SiteResult } from '../bench/result.ts';
import { formatBytes, formatMs } from '../bench/stats.ts';
import { artifactBytes, listSite } from '../src/build/pages-limits.ts';
import { readTimings, timingsFile } from '../src/build/timings.ts';
import { readOptions } from '../src/lib/cli.ts';
import { CHROMIUM } from '../tests/support/chromium.ts';
import { writeCorpus } from './bench-corpus.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CEILING_PAPERS = 30_000;
const SAMPLE_MS = 100;
const TIME_BIN = '/usr/bin/time';
/** Top-level entries of the project that a build never reads; everything else is copied into the snapshot. */
const NOT_COPIED = new Set(['node_modules', '.git', '.astro', 'content', 'tests', 'test-results', 'playwright-report', 'bench', '.scratch', '.cache', '.github', '.ci']);
/** Caches a build leaves in node_modules; the snapshot keeps its own, so these are not linked. */
const NOT_LINKED = new Set(['.astro', '.cache', '.vite', '.vite-temp', '.vitest-cache']);

interface Options {
  papers: number[];
  /** Only print the table and budgets from the results already in bench/results/. */
  report: boolean;
  /** Build this commit instead of the working tree. */
  ref: string | null;
  ceiling: boolean;
  skip: Set<string>;
  work: string;
  timeoutMs: number;
}

const log = (message: string) => console.log(`bench: ${message}`);

const USAGE = `npm run bench -- [options]

Builds synthetic catalogs with the full pipeline, and the bare Astro + MDX + Pagefind template
over the same papers, and prints what each costs: time per build step, peak memory, output
size, page and search download sizes, theme models, a rebuild with nothing changed. Results go
to bench/results/bench-<N>.json; the budgets at 10,000 papers are checked.

  --papers 1000,10000                  catalog sizes (these by default)
  --ceiling                            one cold build of ${CEILING_PAPERS} papers: what breaks first
  --with baseline,rebuild              … with these too
  --skip baseline,rebuild,search,related
                                       leave these out
  --ref COMMIT                         measure that commit instead of the working tree
  --work DIR                           snapshots and corpora (\${TMPDIR}/shelfmark-bench by default)
  --timeout MIN                        for each build (60 by default)
  --report                             print the last results again, build nothing
  --help                               print this`;

function options(): Options {
  const values = readOptions('bench', USAGE, {
    papers: { type: 'string' },
    ceiling: { type: 'boolean', default: false },
    skip: { type: 'string', default: '' },
    with: { type: 'string', default: '' },
    work: { type: 'string' },
    timeout: { type: 'string', default: '60' },
    ref: { type: 'string' },
    report: { type: 'boolean', default: false },
  });
  const ceiling = values.ceiling!;
  const papers = (values.papers ?? (ceiling ? String(CEILING_PAPERS) : '1000,10000')).split(',').map((s) => Number(s.trim()));
  if (papers.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--papers takes positive integers separated by commas, not "${values.papers}"`);
  const list = (v: string | undefined) => new Set((v ?? '').split(',').map((s) => s.trim()).filter(Boolean));
  const skip = list(values.skip);
  // A ceiling run is one cold build: no baseline and no rebuild unless `--with baseline,rebuild`.
  if (ceiling) for (const s of ['baseline', 'rebuild']) if (!list(values.with).has(s)) skip.add(s);
  return { papers, ceiling, skip, report: values.report!, ref: values.ref ?? null, work: resolve(values.work ?? join(tmpdir(), 'shelfmark-bench')), timeoutMs: Number(values.timeout) * 60_000 };
}

// ───────────────────────────── snapshots ─────────────────────────────

/** Links every package of the project's node_modules into `dir/node_modules`, but not its caches. */
function linkNodeModules(dir: string) {
  const target = join(dir, 'node_modules');
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (NOT_LINKED.has(entry)) continue;
    symlinkSync(join(ROOT, 'node_modules', entry), join(target, entry));
  }
}

/**
 * The project's files as they are now (uncommitted edits included), or with `ref` the files
 * of that commit (`git archive`, which reads the repository and changes nothing in it).
 * Taken once per benchmark run, so every catalog size builds the same code even while
 * others keep editing the project.
 */
function takeSnapshot(dir: string, ref: string | null): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (ref) {
    const tar = `${dir}.tar`;
    execFileSync('git', ['archive', '--format=tar', '-o', tar, ref], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync('tar', ['-xf', tar, '-C', dir]);
    rmSync(tar);
    for (const entry of readdirSync(dir)) if (NOT_COPIED.has(entry) || entry.startsWith('dist')) rmSync(join(dir, entry), { recursive: true, force: true });
  } else {
    for (const entry of readdirSync(ROOT)) {
      if (NOT_COPIED.has(entry) || entry.startsWith('dist')) continue;
      cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
    }
  }
}

/**
 * Renames a previous run's folder out of the way, for `main` to delete once every measurement
 * is taken. Deleting it first cost the cold ingest about 4 s at 10,000 papers: on ext4 without
 * a journal (as on this machine), creating a file skips past the inodes freed in the last
 * minutes one by one (`recently_deleted` under `ext4_create` in `perf`), so each of the ingest's
 * 10,000 new files took 0.5–0.7 ms of kernel time instead of 0.03 ms, paying for the clean-up.
 */
function moveAside(dir: string): string | null {
  if (!existsSync(dir)) return null;
  const aside = `${dir}.old-${process.pid}`;
  renameSync(dir, aside);
  return aside;
}

/** A buildable copy of the snapshot whose content/ is the corpus. */
function siteWorkspace(dir: string, snapshot: string, content: string): void {
  rmSync(dir, { recursive: true, force: true });
  cpSync(snapshot, dir, { recursive: true });
  linkNodeModules(dir);
  // CONTENT_DIR names the corpus; content/ points there too, so a step that ignores CONTENT_DIR still reads it (and is reported).
  symlinkSync(content, join(dir, 'content'));
}

function baselineSnapshot(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(ROOT, 'bench', 'baseline'), dir, { recursive: true });
  linkNodeModules(dir);
}

/** Forgets everything a previous build left: Astro's data store and generated types, the cards cache, the output. */
function makeCold(dir: string, outDir: string) {
  for (const p of ['.astro', 'node_modules/.astro', 'node_modules/.cache', 'node_modules/.vite']) rmSync(join(dir, p), { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
}

/** Steps that read `content/` by a fixed path instead of through CONTENT_DIR (they would build the wrong catalog). */
function contentDirLeaks(dir: string): string[] {
  const leaks: string[] = [];
  for (const folder of ['scripts', 'src']) {
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(ts|mjs|js)$/.test(e.name)) {
          // A path constant or an fs/path call on a literal content/… path (messages that name content/ are fine).
          const text = readFileSync(p, 'utf8').replace(/^\s*(\*|\/\/).*$/gm, '');
          if (/(?:const [A-Z_]+ = |(?:readFileSync|readdirSync|existsSync|statSync|join|resolve)\()['"`]content(?:\/|['"`])/.test(text)) leaks.push(relative(dir, p));
        }
      }
    };
    if (existsSync(join(dir, folder))) walk(join(dir, folder));
  }
  return leaks;
}

// ───────────────────────────── measuring a command ─────────────────────────────

interface RawRun {
  /** 1-minute load average when the command started and ended: how busy the machine was. */
  load: [number, number];
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** Wall-clock time (ms since the epoch) the command was started: the timings record counts from the epoch. */
  startedAt: number;
  wallMs: number;
  lines: TimedLine[];
  samples: MemorySample[];
  timeMaxRss: number | null;
  userS: number | null;
  sysS: number | null;
}

const PAGE_SIZE = 4096;
/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();
let running: { pid: number } | null = null;

function procSnapshot(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (name.charCodeAt(0) < 48 || name.charCodeAt(0) > 57) continue;
    try {
      const s = parseStat(readFileSync(`/proc/${name}/stat`, 'utf8'));
      if (s) stats.push(s);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return stats;
}

/** Runs a command under /usr/bin/time, timestamps its output lines and samples its process tree's memory. */
function measure(command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; timeoutMs: number; echo?: RegExp }): Promise<RawRun> {
  const haveTime = existsSync(TIME_BIN);
  const timeFile = `${opts.logFile}.time`;
  rmSync(timeFile, { force: true });
  const [cmd, argv] = haveTime ? [TIME_BIN, ['-f', '%e %M %U %S', '-o', timeFile, command, ...args]] : [command, args];
  const loadStart = loadAverage();
  const startedAt = Date.now();
  const started = performance.now();
  const child = spawn(cmd, argv, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  running = { pid: child.pid! };
  const lines: TimedLine[] = [];
  const samples: MemorySample[] = [];
  const now = () => performance.now() - started;
  const logText: string[] = [];
  for (const [stream, readable] of [['out', child.stdout], ['err', child.stderr]] as const) {
    createInterface({ input: readable! }).on('line', (raw) => {
      // eslint-disable-next-line no-control-regex
      const text = raw.replace(/\x1b\[[0-9;]*m/g, '');
      const t = now();
      lines.push({ t, stream, text });
      logText.push(`${(t / 1000).toFixed(2).padStart(8)} ${stream} ${text}`);
      if (opts.echo?.test(text)) console.log(`  ${text}`);
    });
  }
  const sample = () => {
    const mem = treeMemory(procSnapshot(), child.pid!, PAGE_SIZE);
    if (mem.procs > 0) samples.push({ t: now(), treeRss: mem.treeRss, maxProcRss: mem.maxProcRss, maxProc: mem.maxProc, procs: mem.procs, cpuMs: (mem.cpuTicks * 1000) / CLK_TCK });
  };
  const sampler = setInterval(sample, SAMPLE_MS);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, opts.timeoutMs);

  return new Promise((resolvePromise) => {
    child.on('close', (code, signal) => {
      clearInterval(sampler);
      clearTimeout(timer);
      running = null;
      const wallMs = now();
      writeFileSync(opts.logFile, `${logText.join('\n')}\n`);
      let timeMaxRss: number | null = null;
      let userS: number | null = null;
      let sysS: number | null = null;
      if (haveTime && existsSync(timeFile)) {
        const last = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
        if (last.length === 4 && last.every(Number.isFinite)) {
          timeMaxRss = last[1]! * 1024;
          userS = last[2]!;
          sysS = last[3]!;
        }
      }
      // /usr/bin/time exits with the command's status, or 128 + signal when it was killed.
      resolvePromise({ load: [loadStart, loadAverage()], exitCode: code, signal, timedOut, startedAt, wallMs, lines, samples, timeMaxRss, userS, sysS });
    });
  });
}

function loadAverage(): number {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return -1;
  }
}

function errorTail(raw: RawRun): string | null {
  if (raw.exitCode === 0 && !raw.timedOut) return null;
  const text = raw.lines.filter((l) => l.stream === 'err' || /error|failed|heap|killed/i.test(l.text)).slice(-12).map((l) => l.text).join('\n');
  return (raw.timedOut ? 'timed out; ' : '') + (text || `exit ${raw.exitCode}${raw.signal ? `, signal ${raw.signal}` : ''}`);
}

/** Memory over time at 2 s resolution, in MB, for the JSON (the full samples stay in memory only). */
function timeline(samples: readonly MemorySample[]): [number, number][] {
  const out: [number, number][] = [];
  let next = 0;
  let peak = 0;
  for (const s of samples) {
    peak = Math.max(peak, s.treeRss);
    if (s.t >= next) {
      out.push([Math.round(s.t / 100) / 10, Math.round(peak / 1e6)]);
      peak = 0;
      next = s.t + 2000;
    }
  }
  return out;
}

const failed = (raw: RawRun) => raw.timedOut || raw.exitCode !== 0;

/** The steps of a `scripts/build.ts` run in `dir`, from the timings record it left. */
function recordedStages(raw: RawRun, dir: string): Stage[] {
  return buildStages(readTimings(timingsFile(dir, 'dist')), raw.startedAt, raw.samples, raw.wallMs, failed(raw));
}

function toBuildRun(label: string, raw: RawRun, logFile: string, stages: Stage[]): BuildRun & { timeline: [number, number][] } {
  const astro = stages.find((s) => s.name === 'astro');
  return {
    label,
    exitCode: raw.timedOut ? null : raw.exitCode,
    signal: raw.signal,
    timedOut: raw.timedOut,
    totalMs: raw.wallMs,
    stages,
    peakTreeRss: raw.samples.length ? Math.max(...raw.samples.map((s) => s.treeRss)) : null,
    peakProcRss: raw.samples.length ? Math.max(...raw.samples.map((s) => s.maxProcRss)) : null,
    timeMaxRss: raw.timeMaxRss,
    userS: raw.userS,
    sysS: raw.sysS,
    load: raw.load,
    astro: astro ? { phases: astroPhases(raw.lines, astro.start, astro.end), routes: routeGroups(raw.lines.filter((l) => l.t >= astro.start && l.t <= astro.end)).slice(0, 12) } : null,
    error: errorTail(raw),
    logFile,
    timeline: timeline(raw.samples),
  };
}

// ───────────────────────────── dist, related, search ─────────────────────────────

function listFiles(dir: string): DistFile[] {
  const files: DistFile[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        const bytes = statSync(p).size;
        const path = relative(dir, p).split(sep).join('/');
        const redirect = bytes < REDIRECT_MAX_BYTES && path.endsWith('.html') ? isRedirectPage(readFileSync(p, 'utf8')) : false;
        files.push({ path, bytes, redirect });
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

function distOf(dir: string, paperPage?: (p: string) => boolean): DistSummary | null {
  if (!existsSync(dir)) return null;
  return summarizeDist(listFiles(dir), { paperPage, paperBudget: BUDGETS.paperPage });
}

/** The paper page whose size is the median, and the largest list page, taken apart. */
function breakdowns(dir: string, dist: DistSummary): Pick<SiteResult, 'medianPaperPage' | 'largestListPage'> {
  const files = listFiles(dir).filter((f) => !f.redirect && /^papers\/[^/]+\/index\.html$/.test(f.path));
  const medianFile = files.find((f) => f.bytes === dist.paperPages.median);
  const list = dist.listPages[0];
  const read = (p: string) => readFileSync(join(dir, p), 'utf8');
  return {
    medianPaperPage: medianFile ? { path: medianFile.path, breakdown: pageBreakdown(read(medianFile.path)) } : null,
    largestListPage: list ? { path: list.path, breakdown: pageBreakdown(read(list.path)) } : null,
  };
}

interface PaperFields {
  id: string;
  title: string;
  abstract: string;
  hidden: boolean;
}

async function readPapers(snapshot: string, papersDir: string): Promise<PaperFields[]> {
  const { parsePaperFile } = (await import(pathToFileURL(join(snapshot, 'src/ingest/frontmatter.ts')).href)) as typeof import('../src/ingest/frontmatter.ts');
  return readdirSync(papersDir)
    .filter((f) => f.endsWith('.mdx'))
    .sort()
    .map((f) => parsePaperFile(readFileSync(join(papersDir, f), 'utf8')).data as PaperFields);
}

/** `relatedPapers()` of the snapshot, timed on the published papers as the site calls it. */
async function timeRelated(snapshot: string, papers: PaperFields[]): Promise<SiteResult['related']> {
  const { relatedPapers } = (await import(pathToFileURL(join(snapshot, 'src/lib/related.ts')).href)) as typeof import('../src/lib/related.ts');
  const docs = papers.filter((p) => !p.hidden).map(({ id, title, abstract }) => ({ id, title, abstract }));
  const heap = process.memoryUsage().heapUsed;
  const started = performance.now();
  const result = relatedPapers(docs);
  const ms = performance.now() - started;
  const heapDeltaBytes = process.memoryUsage().heapUsed - heap;
  if (result.size !== docs.length) throw new Error(`relatedPapers returned ${result.size} entries for ${docs.length} papers`);
  return { ms, papers: docs.length, heapDeltaBytes };
}

/**
 * The snapshot's theme models, timed as the ingest runs them: training on every labelled paper
 * of the corpus folder (its training papers), then shelving every paper of the catalog.
 */
async function timeShelving(snapshot: string, content: string, papers: PaperFields[]): Promise<SiteResult['shelving']> {
  const { readCatalogInput } = (await import(pathToFileURL(join(snapshot, 'src/ingest/store.ts')).href)) as typeof import('../src/ingest/store.ts');
  const { contentPaths } = (await import(pathToFileURL(join(snapshot, 'src/lib/content-dir.ts')).href)) as typeof import('../src/lib/content-dir.ts');
  const { labelledPapers } = (await import(pathToFileURL(join(snapshot, 'src/ingest/labels.ts')).href)) as typeof import('../src/ingest/labels.ts');
  const { createShelver, trainThemeModels } = (await import(pathToFileURL(join(snapshot, 'src/ingest/shelve.ts')).href)) as typeof import('../src/ingest/shelve.ts');
  const input = readCatalogInput(contentPaths(snapshot, content));
  const { labelled } = labelledPapers(input, papers.map((p) => ({ ...p, aliases: [] })), []);
  let started = performance.now();
  const trained = trainThemeModels(input.taxonomy, labelled);
  const trainMs = performance.now() - started;
  started = performance.now();
  const shelve = createShelver(input.taxonomy, trained, new Map(labelled.map((p) => [p.id, p.labels])));
  for (const paper of papers) shelve(paper);
  return { trainMs, scoreMs: performance.now() - started, labelled: labelled.length, models: trained.models.size, papers: papers.length };
}

/** The most common longer title word: a query that matches much of the catalog, the expensive case. */
function commonWord(papers: readonly PaperFields[]): string {
  const df = new Map<string, number>();
  for (const p of papers) for (const w of new Set(p.title.toLowerCase().match(/\p{L}{6,}/gu) ?? [])) df.set(w, (df.get(w) ?? 0) + 1);
  return [...df].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? 'transformer';
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.xml': 'application/xml', '.wasm': 'application/wasm' };

function pagefindKind(path: string): string {
  if (/\.pf_fragment$/.test(path)) return 'fragment';
  if (/\.pf_index$/.test(path)) return 'index';
  if (/\.pf_meta$/.test(path)) return 'meta';
  if (/\.pf_filter$/.test(path)) return 'filter';
  if (/wasm\.[^/]*\.pagefind$/.test(path)) return 'wasm';
  if (/pagefind-entry\.json$/.test(path)) return 'entry';
  if (/\.(m?js|css)$/.test(path)) return 'js/css';
  return 'other';
}

/** Files GitHub Pages sends gzipped (text); the rest go as they are. */
const GZIPPED_BY_PAGES = /\.(?:html|css|m?js|json|svg|xml|txt)$/;

/** A static file server for the built site that counts the bytes it sends under pagefind/, as Pages would send them. */
function serve(dir: string): Promise<{ server: Server; port: number; served: { path: string; bytes: number; t: number }[] }> {
  const served: { path: string; bytes: number; t: number }[] = [];
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    let file = join(dir, path);
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end('not found');
    const body = readFileSync(file);
    // What crosses the network from GitHub Pages, which gzips text; Pagefind's index files are gzipped already.
    if (path.startsWith('/pagefind/')) served.push({ path, bytes: GZIPPED_BY_PAGES.test(path) ? gzipSync(body).length : body.length, t: performance.now() });
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': body.length, 'cache-control': 'no-store' }).end(body);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, port: (server.address() as { port: number }).port, served })));
}

/** No Pagefind request for this long after the last one, once result fragments came: the search and its results are done. */
const SEARCH_QUIET_MS = 2000;

/**
 * Loads /search/?q=<word> in a fresh Chromium profile and sums what Pagefind downloads (bytes
 * as GitHub Pages would send them: index files as they are, being gzipped already, and its
 * scripts gzipped) until its requests stop. Waiting for quiet
 * on the server rather than for a page element keeps this independent of the search page's markup.
 */
async function measureSearch(dir: string, query: string): Promise<SearchMeasure> {
  const { chromium } = await import('@playwright/test');
  const { server, port, served } = await serve(dir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
  try {
    const page = await browser.newPage();
    const url = `http://127.0.0.1:${port}/search/?q=${encodeURIComponent(query)}`;
    const started = performance.now();
    await page.goto(url, { waitUntil: 'load' });
    let status = 'quiet';
    for (;;) {
      await page.waitForTimeout(100);
      const last = served.at(-1)?.t;
      // Results are shown from fragments; searching a large index can take seconds before the first is asked for.
      const fragments = served.some((s) => s.path.endsWith('.pf_fragment'));
      if (last !== undefined && fragments && performance.now() - last > SEARCH_QUIET_MS) break;
      if (performance.now() - started > 120_000) {
        status = last === undefined ? 'no pagefind request within 120 s' : fragments ? 'still requesting after 120 s' : 'no result fragment within 120 s';
        break;
      }
    }
    const ms = (served.at(-1)?.t ?? performance.now()) - started;
    const resultsText = (await page.locator('[role=status]').first().textContent({ timeout: 1000 }).catch(() => null))?.trim() || null;
    const byKind: SearchMeasure['byKind'] = {};
    for (const s of served) {
      const k = (byKind[pagefindKind(s.path)] ??= { requests: 0, bytes: 0 });
      k.requests++;
      k.bytes += s.bytes;
    }
    return { query, url: `/search/?q=${encodeURIComponent(query)}`, requests: served.length, bytes: served.reduce((n, s) => n + s.bytes, 0), byKind, ms, status, resultsText };
  } finally {
    await browser.close();
    server.close();
  }
}

// ───────────────────────────── one catalog size ─────────────────────────────

function childEnv(snapshot: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['OUT_DIR', 'CONTENT_DIR', 'BASE_PATH', 'SITE_URL', 'SKIP_CARDS', 'CARDS_CACHE_DIR', 'BASELINE_PAPERS_DIR']) delete env[k];
  return {
    ...env,
    ...extra,
    PATH: `${join(snapshot, 'node_modules', '.bin')}:${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
    // No usage reports from a benchmark (and no waiting on a network that is not there).
    ASTRO_TELEMETRY_DISABLED: '1',
  };
}

async function benchOne(n: number, opt: Options, env: BenchResult['env'], snapshot: string): Promise<BenchResult> {
  const base = join(opt.work, `n${n}`);
  const logs = join(base, 'logs');
  rmSync(base, { recursive: true, force: true });
  mkdirSync(logs, { recursive: true });
  const corpusDir = join(base, 'corpus');
  const content = join(corpusDir, 'content');
  // Output inside each snapshot, as dist/ is inside the project: Astro's prerender bundle
  // resolves packages from there, and steps may take OUT_DIR as relative to the project.
  const siteDir = join(base, 'site');
  const siteOut = join(siteDir, 'dist');
  const baseDir = join(base, 'baseline');
  const baseOut = join(baseDir, 'dist');
  const notes: string[] = [];

  log(`── ${n.toLocaleString('en-US')} papers ── work folder ${base}`);
  const corpus = writeCorpus(corpusDir, n);
  log(`corpus: ${corpus.occurrences} listing entries (${corpus.duplicates} repeats) in ${Object.values(corpus.listings).reduce((a, b) => a + b, 0)} listings, ${formatBytes(corpus.bytes)}`);
  siteWorkspace(siteDir, snapshot, content);
  const leaks = contentDirLeaks(siteDir);
  if (leaks.length) notes.push(`These files read content/ by a fixed path, ignoring CONTENT_DIR: ${leaks.join(', ')}. The benchmark's snapshot links content/ to the corpus so they still build it; in the project they would build the default catalog.`);

  const siteEnv = childEnv(siteDir, { CONTENT_DIR: content, OUT_DIR: 'dist' });
  const echo = /^build: |\[shelfmark-build\]|^\S+: (skipped|failed)|heap out of memory|Killed/;

  // Cold: no papers/ yet, no Astro data store, no cards cache, no output.
  makeCold(siteDir, siteOut);
  rmSync(join(content, 'papers'), { recursive: true, force: true });
  log('site: cold build');
  const coldLog = join(logs, 'site-cold.log');
  const coldRaw = await measure(process.execPath, ['scripts/build.ts'], { cwd: siteDir, env: siteEnv, logFile: coldLog, timeoutMs: opt.timeoutMs, echo });
  const cold = toBuildRun('cold', coldRaw, coldLog, recordedStages(coldRaw, siteDir));
  log(`site: cold build ${cold.exitCode === 0 ? 'done' : 'FAILED'} in ${formatMs(cold.totalMs)}, peak ${formatBytes(cold.peakTreeRss)}`);

  const separate: BuildRun[] = [];
  if (cold.exitCode === 0 && existsSync(join(siteDir, 'scripts/cards.ts')) && !cold.stages.some((s) => s.name === 'cards')) {
    const cardsLog = join(logs, 'site-cards.log');
    const raw = await measure(process.execPath, ['scripts/cards.ts'], { cwd: siteDir, env: siteEnv, logFile: cardsLog, timeoutMs: opt.timeoutMs, echo: /^cards:/ });
    separate.push(toBuildRun('cards', raw, cardsLog, [stageOf('cards', 0, raw.wallMs, failed(raw) ? 'failed' : 'ok', raw.samples)]));
    notes.push('build.ts has no cards step; scripts/cards.ts was run and measured on its own.');
  }

  if (cold.exitCode === 0) {
    // The ingest again with its papers on disk, as after editing one note: a rebuild never runs
    // it (nothing changed, so the build stops first), and it reads and compares every file.
    const againLog = join(logs, 'ingest-unchanged.log');
    const raw = await measure(process.execPath, ['scripts/ingest.ts'], { cwd: siteDir, env: siteEnv, logFile: againLog, timeoutMs: opt.timeoutMs, echo: /^ingest: / });
    separate.push(toBuildRun(UNCHANGED_INGEST, raw, againLog, [stageOf('ingest', 0, raw.wallMs, failed(raw) ? 'failed' : 'ok', raw.samples)]));
    log(`ingest, nothing changed: ${formatMs(raw.wallMs)}`);
  }

  const site: SiteResult = { cold, rebuild: null, separate, dist: null, offline: null, medianPaperPage: null, largestListPage: null, related: null, shelving: null, search: null };
  if (existsSync(siteOut)) {
    site.dist = distOf(siteOut);
    site.pagesArtifact = artifactBytes(listSite(siteOut));
    if (site.dist) Object.assign(site, breakdowns(siteOut, site.dist));
  }
  const offlineDir = join(siteDir, 'dist-offline');
  if (existsSync(offlineDir)) {
    const files = listFiles(offlineDir);
    site.offline = { bytes: files.reduce((n, f) => n + f.bytes, 0), files: files.length };
  }

  const papersDir = join(content, 'papers');
  const papers = existsSync(papersDir) ? await readPapers(siteDir, papersDir) : [];
  if (!opt.skip.has('related') && papers.length) {
    log('related papers: timing relatedPapers() on the corpus');
    site.related = await timeRelated(siteDir, papers);
    log(`related papers: ${formatMs(site.related!.ms)} for ${site.related!.papers} papers`);
  }
  if (papers.length) {
    site.shelving = await timeShelving(siteDir, content, papers);
    log(`theme models: trained on ${site.shelving!.labelled} labelled papers in ${formatMs(site.shelving!.trainMs)}, ${site.shelving!.papers} papers shelved in ${formatMs(site.shelving!.scoreMs)}`);
  }
  if (!opt.skip.has('search') && cold.exitCode === 0 && existsSync(join(siteOut, 'pagefind'))) {
    if (!existsSync(CHROMIUM)) notes.push(`No Chromium at ${CHROMIUM}; search was not measured (set CHROMIUM_PATH).`);
    else {
      const query = commonWord(papers.filter((p) => !p.hidden));
      log(`search: /search/?q=${query} in Chromium`);
      try {
        site.search = await measureSearch(siteOut, query);
        log(`search: ${formatBytes(site.search.bytes)} in ${site.search.requests} pagefind requests, ${formatMs(site.search.ms)} (${site.search.resultsText ?? site.search.status})`);
      } catch (e) {
        notes.push(`search measurement failed: ${(e as Error).message.split('\n')[0]}`);
      }
    }
  }

  if (!opt.skip.has('rebuild') && cold.exitCode === 0) {
    log('site: rebuild with nothing changed');
    const rebuildLog = join(logs, 'site-rebuild.log');
    const raw = await measure(process.execPath, ['scripts/build.ts'], { cwd: siteDir, env: siteEnv, logFile: rebuildLog, timeoutMs: opt.timeoutMs, echo });
    site.rebuild = toBuildRun('rebuild', raw, rebuildLog, recordedStages(raw, siteDir));
    log(`site: rebuild ${site.rebuild.exitCode === 0 ? 'done' : 'FAILED'} in ${formatMs(site.rebuild.totalMs)}`);
  }

  let baseline: BaselineResult | null = null;
  if (!opt.skip.has('baseline') && existsSync(papersDir)) {
    baselineSnapshot(baseDir);
    const baseEnv = childEnv(baseDir, { BASELINE_PAPERS_DIR: papersDir, OUT_DIR: 'dist' });
    const runBaseline = async (label: string) => {
      const astroLog = join(logs, `baseline-${label}-astro.log`);
      const astro = await measure(join(baseDir, 'node_modules/.bin/astro'), ['build'], { cwd: baseDir, env: baseEnv, logFile: astroLog, timeoutMs: opt.timeoutMs });
      const pfLog = join(logs, `baseline-${label}-pagefind.log`);
      const pf = astro.exitCode === 0 ? await measure(join(baseDir, 'node_modules/.bin/pagefind'), ['--site', 'dist', '--silent'], { cwd: baseDir, env: baseEnv, logFile: pfLog, timeoutMs: opt.timeoutMs }) : null;
      // One run of two commands, a stage each: the pagefind lines and samples shifted to follow Astro's.
      const shift = astro.wallMs;
      const cpuShift = astro.userS !== null && astro.sysS !== null ? (astro.userS + astro.sysS) * 1000 : (astro.samples.at(-1)?.cpuMs ?? 0);
      const raw: RawRun = {
        load: [astro.load[0], (pf ?? astro).load[1]],
        exitCode: pf ? pf.exitCode : astro.exitCode,
        signal: pf?.signal ?? astro.signal,
        timedOut: astro.timedOut || !!pf?.timedOut,
        startedAt: astro.startedAt,
        wallMs: astro.wallMs + (pf?.wallMs ?? 0),
        lines: [...astro.lines, ...(pf?.lines ?? []).map((l) => ({ ...l, t: l.t + shift }))],
        samples: [...astro.samples, ...(pf?.samples ?? []).map((s) => ({ ...s, t: s.t + shift, cpuMs: s.cpuMs + cpuShift }))],
        timeMaxRss: Math.max(astro.timeMaxRss ?? 0, pf?.timeMaxRss ?? 0) || null,
        userS: (astro.userS ?? 0) + (pf?.userS ?? 0),
        sysS: (astro.sysS ?? 0) + (pf?.sysS ?? 0),
      };
      const stages = [stageOf('astro', 0, shift, failed(astro) ? 'failed' : 'ok', raw.samples)];
      if (pf) stages.push(stageOf('pagefind', shift, raw.wallMs, failed(pf) ? 'failed' : 'ok', raw.samples));
      return toBuildRun(label, raw, astroLog, stages);
    };
    makeCold(baseDir, baseOut);
    log('baseline: cold build (bare Astro + MDX + Pagefind, title + abstract per paper)');
    const bCold = await runBaseline('cold');
    log(`baseline: cold ${bCold.exitCode === 0 ? 'done' : 'FAILED'} in ${formatMs(bCold.totalMs)}, peak ${formatBytes(bCold.peakTreeRss)}`);
    baseline = { cold: bCold, rebuild: null, dist: distOf(baseOut, (p) => /^[^/]+\/index\.html$/.test(p)) };
    if (!opt.skip.has('rebuild') && bCold.exitCode === 0) {
      baseline.rebuild = await runBaseline('rebuild');
      log(`baseline: rebuild in ${formatMs(baseline.rebuild.totalMs)}`);
    }
  }

  const result: BenchResult = { papers: n, ceiling: opt.ceiling, generatedAt: new Date().toISOString(), env, corpus, site, baseline, budgets: [], firstFailure: null, notes };
  result.budgets = checkBudgets(result);
  if (opt.ceiling) result.firstFailure = firstFailure(result);
  return result;
}

/** For a ceiling run: what gave way first, in the order it happened. */
function firstFailure(r: BenchResult): string {
  const events: [number, string][] = [];
  for (const run of [r.site.cold, r.site.rebuild].filter((x): x is BuildRun => !!x)) {
    const failed = run.stages.find((s) => s.status === 'failed');
    if (run.timedOut) events.push([run.totalMs, `${run.label} build hit the ${formatMs(run.totalMs)} time limit in the ${run.stages.at(-1)?.name ?? '?'} step`]);
    else if (failed || run.exitCode !== 0) events.push([failed?.end ?? run.totalMs, `${run.label} build failed in the ${failed?.name ?? '?'} step: ${run.error?.split('\n').slice(-3).join(' / ') ?? ''}`]);
    const over = (run as BuildRun & { timeline?: [number, number][] }).timeline?.find(([, mb]) => mb * 1e6 > BUDGETS.peakMemory);
    if (over) {
      const stage = run.stages.find((s) => s.start <= over[0] * 1000 && s.end >= over[0] * 1000);
      events.push([over[0] * 1000, `memory passed ${formatBytes(BUDGETS.peakMemory)} at ${over[0]} s, in the ${stage?.name ?? '?'} step (peak ${formatBytes(run.peakTreeRss)})`]);
    }
  }
  events.sort((a, b) => a[0] - b[0]);
  const after = r.budgets.filter((b) => b.pass === false && !['peak-memory'].includes(b.id)).map((b) => `${b.label}: ${b.measured} (budget ${b.limit})`);
  const parts = [...events.map(([, text]) => text), ...after];
  return parts.length ? parts.map((p, i) => `${i + 1}. ${p}`).join('\n') : 'nothing: every step finished and every budget held';
}

// ───────────────────────────── main ─────────────────────────────

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** `--report`: the table and budgets again from saved results, budgets re-checked with this code. */
function reportSaved(opt: Options): number {
  const dir = join(ROOT, 'bench', 'results');
  const results = opt.papers
    .map((n) => join(dir, `bench-${opt.ceiling ? 'ceiling-' : ''}${n}.json`))
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, 'utf8')) as BenchResult);
  if (results.length === 0) {
    console.error(`bench --report: no results for ${opt.papers.join(', ')} papers in bench/results/; run npm run bench first`);
    return 1;
  }
  for (const r of results) r.budgets = checkBudgets(r);
  printResults(results);
  return 0;
}

function printResults(results: readonly BenchResult[]) {
  console.log(`\n${renderTable(results)}\n`);
  for (const r of results) {
    console.log(renderBudgets(r));
    if (r.firstFailure) console.log(`\nWhat broke first at ${r.papers.toLocaleString('en-US')} papers:\n${r.firstFailure}`);
    for (const note of r.notes) console.log(`  note: ${note}`);
    console.log('');
  }
}

async function main(): Promise<number> {
  const opt = options();
  if (opt.report) return reportSaved(opt);
  if (!existsSync(join(ROOT, 'bench/baseline/astro.config.mjs'))) throw new Error('bench/baseline/ is missing');
  mkdirSync(opt.work, { recursive: true });
  const env: BenchResult['env'] = {
    node: process.version,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? null,
    memTotal: totalmem(),
    source: opt.ref ? `commit ${git(['rev-parse', '--short', opt.ref]) ?? opt.ref}` : 'working tree',
    gitHead: git(['rev-parse', '--short', 'HEAD']),
    gitDirtyFiles: opt.ref ? null : (git(['status', '--porcelain'])?.split('\n').filter(Boolean).length ?? null),
    timeBinary: existsSync(TIME_BIN),
    nodeOptions: process.env.NODE_OPTIONS ?? null,
    sampleMs: SAMPLE_MS,
  };
  log(`node ${env.node}, ${env.cpus} cores, ${formatBytes(totalmem())} RAM; building ${opt.ref ? `commit ${env.source}` : `the working tree (HEAD ${env.gitHead ?? '?'} + ${env.gitDirtyFiles ?? '?'} uncommitted file(s))`}`);
  if (!env.timeBinary) log(`${TIME_BIN} is missing (apt-get install time): per-process peaks come from the /proc sampler only`);

  const results: BenchResult[] = [];
  const outDir = join(ROOT, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const snapshot = join(opt.work, 'snapshot');
  // An earlier run's folders are moved aside now and deleted after the measurements, with any
  // that an interrupted run had moved aside already.
  const leftAside = readdirSync(opt.work).filter((name) => /\.old-\d+$/.test(name)).map((name) => join(opt.work, name));
  const retired = [...leftAside, ...[snapshot, ...opt.papers.map((n) => join(opt.work, `n${n}`))].flatMap((dir) => moveAside(dir) ?? [])];
  takeSnapshot(snapshot, opt.ref);
  for (const n of opt.papers) {
    const result = await benchOne(n, opt, env, snapshot);
    results.push(result);
    const file = join(outDir, `bench-${opt.ceiling ? 'ceiling-' : ''}${n}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 1)}\n`);
    log(`wrote ${relative(ROOT, file)}`);
  }
  for (const dir of retired) rmSync(dir, { recursive: true, force: true });

  printResults(results);
  return results.every((r) => r.site.cold.exitCode === 0) ? 0 : 1;
}

process.on('SIGINT', () => {
  if (running) {
    try {
      process.kill(-running.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  process.exit(130);
});

try {
  process.exitCode = await main();
} catch (e) {
  console.error(`bench: ${(e as Error).stack ?? (e as Error).message}`);
  process.exitCode = 1;
}
