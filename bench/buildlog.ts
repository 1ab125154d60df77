/**
 * A build run as the benchmark saw it, cut into stages: the steps of the build's timings record
 * (src/build/timings.ts), each with the memory and CPU the process tree used meanwhile; and,
 * within Astro's step, Astro's own phases and how long each kind of route took to render, which
 * only Astro's log says. Pure; the benchmark script captures the lines and samples.
 * Steps come from the record rather than from a fixed list, so steps added to the build are
 * measured without changing the benchmark.
 */
import type { TimingsRecord } from '../src/build/timings.ts';

export interface TimedLine {
  /** Milliseconds since the command started. */
  t: number;
  stream: 'out' | 'err';
  text: string;
}

export interface MemorySample {
  t: number;
  treeRss: number;
  maxProcRss: number;
  maxProc: string;
  procs: number;
  /** CPU time of the tree so far, in milliseconds. */
  cpuMs: number;
}

export interface Stage {
  name: string;
  /** Wall time, as the build recorded it. */
  ms: number;
  status: 'ok' | 'failed' | 'skipped';
  /** By the benchmark's clock: milliseconds since the command started. */
  start: number;
  end: number;
  /** CPU time (user + system, all processes) the stage used: steadier than wall time on a busy machine. */
  cpuMs: number | null;
  /** Largest process-tree resident set while the stage ran, and largest single process. */
  peakTreeRss: number | null;
  peakProcRss: number | null;
  peakProc: string | null;
}

/** What is left after the last recorded step: longer than this, and it is shown as a stage of its own. */
const UNRECORDED_MS = 500;

/**
 * The stages of one build from its timings record. `startedAt` is the wall-clock time (ms since
 * the epoch) the benchmark started the command, `endMs` how long it ran. A step the record says
 * was running when the build stopped is the failed one; time after the last step is kept, not lost.
 */
export function buildStages(record: TimingsRecord | undefined, startedAt: number, samples: readonly MemorySample[], endMs: number, failed: boolean): Stage[] {
  const stages: Stage[] = [];
  let last = 0;
  for (const step of record?.steps ?? []) {
    const start = Math.min(endMs, Math.max(0, step.start - startedAt));
    stages.push(stageOf(step.name, start, start + step.ms, step.status, samples));
    last = Math.max(last, start + step.ms);
  }
  if (record?.running) {
    stages.push(stageOf(record.running, last, endMs, failed ? 'failed' : 'ok', samples));
  } else if (stages.length === 0 || endMs - last > UNRECORDED_MS) {
    stages.push(stageOf('(unrecorded)', last, endMs, failed ? 'failed' : 'ok', samples));
  } else if (failed) {
    stages.at(-1)!.status = 'failed';
  }
  return stages;
}

/** One stage from `start` to `end` (the benchmark's clock), with the memory and CPU the samples show for it. */
export function stageOf(name: string, start: number, end: number, status: Stage['status'], samples: readonly MemorySample[]): Stage {
  const inStage = samples.filter((s) => s.t >= start && s.t <= end);
  const peak = inStage.reduce<MemorySample | null>((best, s) => (!best || s.treeRss > best.treeRss ? s : best), null);
  const peakProc = inStage.reduce<MemorySample | null>((best, s) => (!best || s.maxProcRss > best.maxProcRss ? s : best), null);
  // CPU used: the tree's counter at the last sample of the stage minus at the last sample before it.
  const before = samples.filter((s) => s.t < start).at(-1)?.cpuMs ?? 0;
  const last = inStage.at(-1)?.cpuMs;
  const cpuMs = last === undefined ? null : Math.max(0, last - before);
  return { name, ms: end - start, status, start, end, cpuMs, peakTreeRss: peak?.treeRss ?? null, peakProcRss: peakProc?.maxProcRss ?? null, peakProc: peakProc?.maxProc ?? null };
}

export interface AstroPhases {
  /** Config, Vite and content-layer start-up up to "Syncing content". */
  startup: number | null;
  /** The content layer: reading, parsing and storing the collections. */
  contentSync: number | null;
  /** From the content layer to the bundler's start: type generation, build info. */
  prepare: number | null;
  /** Vite/Rolldown bundling of pages, components and every MDX module. */
  bundle: number | null;
  /** Rendering every route to HTML ("generating static routes"). */
  render: number | null;
  /** After rendering: integrations (sitemap), cleanup. */
  finish: number | null;
}

/**
 * Astro's phases from its log lines (times by the benchmark's clock, so they hold even when
 * Astro's own messages change wording slightly; a phase whose markers are missing is null).
 */
export function astroPhases(lines: readonly TimedLine[], start: number, end: number): AstroPhases {
  const inRange = lines.filter((l) => l.t >= start && l.t <= end);
  const at = (re: RegExp, from = start) => inRange.find((l) => l.t >= from && re.test(l.text))?.t ?? null;
  const syncing = at(/\[content\] Syncing content/);
  const synced = at(/\[content\] Synced content/);
  const entrypoints = at(/Building static entrypoints/);
  const routes = at(/generating static routes/);
  const rendered = routes === null ? null : at(/✓ Completed in/, routes);
  const complete = at(/\[build\] Complete!/) ?? end;
  const span = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.max(0, b - a));
  return {
    startup: span(start, syncing),
    contentSync: span(syncing, synced),
    prepare: span(synced, entrypoints),
    bundle: span(entrypoints, routes),
    render: span(routes, rendered),
    finish: span(rendered, complete),
  };
}

export interface RouteGroup {
  /** The route with its variable segments as `*`: `/papers/*\/index.html`. */
  pattern: string;
  count: number;
  /** Sum and largest of the per-route times Astro prints (`(+12ms)`). */
  totalMs: number;
  maxMs: number;
  maxPath: string;
}

const ROUTE = /[├└]─ (\/\S*) \(\+([\d.]+)(ms|s)\)/;

/** Render time by kind of route, largest total first. */
export function routeGroups(lines: readonly TimedLine[]): RouteGroup[] {
  const groups = new Map<string, RouteGroup>();
  for (const line of lines) {
    const m = ROUTE.exec(line.text);
    if (!m) continue;
    const path = m[1]!;
    const ms = Number(m[2]) * (m[3] === 's' ? 1000 : 1);
    const pattern = routePattern(path);
    const g = groups.get(pattern) ?? { pattern, count: 0, totalMs: 0, maxMs: 0, maxPath: '' };
    g.count++;
    g.totalMs += ms;
    if (ms > g.maxMs) {
      g.maxMs = ms;
      g.maxPath = path;
    }
    groups.set(pattern, g);
  }
  // Pages at the root by id (`/<id>/index.html`, as in the baseline) are one kind of route, not thousands.
  const singles = [...groups.values()].filter((g) => g.count === 1 && /^\/[^/]+\/index\.html$/.test(g.pattern));
  if (singles.length > 20) {
    const merged: RouteGroup = { pattern: '/*/index.html', count: 0, totalMs: 0, maxMs: 0, maxPath: '' };
    for (const g of singles) {
      groups.delete(g.pattern);
      merged.count++;
      merged.totalMs += g.totalMs;
      if (g.maxMs > merged.maxMs) {
        merged.maxMs = g.maxMs;
        merged.maxPath = g.maxPath;
      }
    }
    groups.set(merged.pattern, merged);
  }
  return [...groups.values()].sort((a, b) => b.totalMs - a.totalMs);
}

/** `/papers/x/index.html` → `/papers/*\/index.html`; `/themes/a/2/index.html` → `/themes/*\/*\/index.html`; shorter paths as they are. */
export function routePattern(path: string): string {
  const parts = path.split('/').filter(Boolean);
  if (parts.length < 3) return path;
  return `/${[parts[0], ...parts.slice(1, -1).map(() => '*'), parts.at(-1)].join('/')}`;
}
