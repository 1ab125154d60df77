/**
 * The benchmark's shared helpers (bench/): how a build run is cut into stages from its timings
 * record, the process-tree memory read from /proc, the seeded generator, the statistics and the
 * reading of a built site. The benchmark itself takes minutes; these say what it computes.
 */
import { describe, expect, it } from 'vitest';
import { astroPhases, buildStages, routeGroups, routePattern, stageOf, type MemorySample, type TimedLine } from '../../bench/buildlog.ts';
import { isRedirectPage, summarizeDist } from '../../bench/dist.ts';
import { parseStat, treeMemory } from '../../bench/proc.ts';
import { createRng } from '../../bench/prng.ts';
import { formatBytes, formatMs, median, quantile } from '../../bench/stats.ts';
import type { TimingsRecord } from '../../src/build/timings.ts';

/** A memory sample every 100 ms; CPU grows 50 ms per sample, memory peaks at `peakAt`. */
function samples(untilMs: number, peakAt: number): MemorySample[] {
  const out: MemorySample[] = [];
  for (let t = 0; t <= untilMs; t += 100) out.push({ t, treeRss: t === peakAt ? 900 : 100, maxProcRss: t === peakAt ? 600 : 50, maxProc: t === peakAt ? 'pagefind' : 'node', procs: 3, cpuMs: (t / 100) * 50 });
  return out;
}

describe('cutting a build into stages from its timings record', () => {
  const startedAt = 1_000_000;
  const record: TimingsRecord = {
    version: 1,
    outDir: 'dist',
    steps: [
      { name: 'ingest', start: startedAt + 100, ms: 900, status: 'ok' },
      { name: 'astro', start: startedAt + 1100, ms: 2900, status: 'ok' },
      { name: 'pagefind', start: startedAt + 4000, ms: 1000, status: 'ok' },
      { name: 'cards', start: startedAt + 5000, ms: 0, status: 'skipped' },
    ],
    running: null,
  };

  it('places each recorded step on the benchmark clock, with its own memory peak and CPU', () => {
    const stages = buildStages(record, startedAt, samples(5200, 4500), 5200, false);
    expect(stages.map((s) => [s.name, s.start, s.end, s.status])).toEqual([
      ['ingest', 100, 1000, 'ok'],
      ['astro', 1100, 4000, 'ok'],
      ['pagefind', 4000, 5000, 'ok'],
      ['cards', 5000, 5000, 'skipped'],
    ]);
    const pagefind = stages.find((s) => s.name === 'pagefind')!;
    expect([pagefind.peakTreeRss, pagefind.peakProcRss, pagefind.peakProc]).toEqual([900, 600, 'pagefind']);
    expect(stages.find((s) => s.name === 'astro')!.peakTreeRss).toBe(100);
    // From the last sample before 4000 ms (3900: 1950 ms of CPU) to the last within (5000: 2500 ms).
    expect(pagefind.cpuMs).toBe(550);
  });

  it('keeps time after the last step as a stage of its own, rather than losing it', () => {
    const stages = buildStages(record, startedAt, [], 9000, false);
    expect(stages.at(-1)).toMatchObject({ name: '(unrecorded)', start: 5000, end: 9000, status: 'ok' });
    expect(buildStages(record, startedAt, [], 5100, false).map((s) => s.name)).toEqual(['ingest', 'astro', 'pagefind', 'cards']);
  });

  it('names the step that was running when a build failed', () => {
    const stopped: TimingsRecord = { ...record, steps: record.steps.slice(0, 2), running: 'pagefind' };
    const stages = buildStages(stopped, startedAt, [], 4500, true);
    expect(stages.at(-1)).toMatchObject({ name: 'pagefind', start: 4000, end: 4500, status: 'failed' });
  });

  it('makes one stage of a build that left no record', () => {
    expect(buildStages(undefined, startedAt, [], 3000, true)).toMatchObject([{ name: '(unrecorded)', start: 0, end: 3000, ms: 3000, status: 'failed' }]);
  });

  it('a stage with no samples has no memory or CPU figures, not zeros', () => {
    expect(stageOf('x', 0, 50, 'ok', [])).toMatchObject({ cpuMs: null, peakTreeRss: null, peakProcRss: null, peakProc: null });
  });
});

describe("Astro's phases and routes, from Astro's own log", () => {
  const lines: TimedLine[] = [
    [500, '[content] Syncing content'],
    [1500, '[content] Synced content'],
    [1800, '[build] Building static entrypoints...'],
    [4000, ' generating static routes '],
    [4100, '├─ /papers/a/index.html (+12ms)'],
    [4200, '├─ /papers/b/index.html (+30ms)'],
    [4300, '└─ /index.html (+1.5s)'],
    [6000, '✓ Completed in 2.00s.'],
    [6500, '[build] Complete!'],
  ].map(([t, text]) => ({ t: t as number, stream: 'out' as const, text: text as string }));

  it('times each phase between its markers', () => {
    expect(astroPhases(lines, 0, 7000)).toEqual({ startup: 500, contentSync: 1000, prepare: 300, bundle: 2200, render: 2000, finish: 500 });
  });

  it('leaves a phase whose markers are missing unmeasured', () => {
    expect(astroPhases(lines.filter((l) => !l.text.includes('Synced')), 0, 7000)).toMatchObject({ contentSync: null, prepare: null });
  });

  it('sums render time by kind of route, largest first', () => {
    expect(routeGroups(lines)).toEqual([
      { pattern: '/index.html', count: 1, totalMs: 1500, maxMs: 1500, maxPath: '/index.html' },
      { pattern: '/papers/*/index.html', count: 2, totalMs: 42, maxMs: 30, maxPath: '/papers/b/index.html' },
    ]);
    expect(routePattern('/themes/a/2/index.html')).toBe('/themes/*/*/index.html');
    expect(routePattern('/feed.xml')).toBe('/feed.xml');
  });
});

describe('process-tree memory from /proc', () => {
  // pid (comm) state ppid … utime(14) stime(15) cutime(16) cstime(17) … rss(24)
  const stat = (pid: number, comm: string, ppid: number, rssPages: number, ticks: number) =>
    `${pid} (${comm}) S ${ppid} ${Array.from({ length: 9 }, () => 0).join(' ')} ${ticks} 0 0 0 ${Array.from({ length: 6 }, () => 0).join(' ')} ${rssPages} 0 0`;

  it('reads a stat line whose name holds spaces and parentheses', () => {
    expect(parseStat(stat(42, 'node (worker) 1', 7, 250, 30))).toEqual({ pid: 42, ppid: 7, comm: 'node (worker) 1', rssPages: 250, cpuTicks: 30 });
    expect(parseStat('not a stat line')).toBeNull();
  });

  it('sums the root and its descendants only, and names the largest process', () => {
    const stats = [stat(1, 'init', 0, 999, 0), stat(10, 'node', 1, 100, 5), stat(11, 'astro', 10, 300, 7), stat(12, 'pagefind', 11, 200, 1), stat(20, 'other', 1, 5000, 9)].map((s) => parseStat(s)!);
    expect(treeMemory(stats, 10, 4096)).toEqual({ treeRss: 600 * 4096, maxProcRss: 300 * 4096, maxProc: 'astro', procs: 3, cpuTicks: 13 });
    expect(treeMemory(stats, 99, 4096).procs).toBe(0);
  });
});

describe('the seeded generator', () => {
  it('gives the same sequence for the same seeds, and another for other seeds', () => {
    const draw = (...seeds: number[]) => {
      const rng = createRng(...seeds);
      return Array.from({ length: 5 }, () => rng.next());
    };
    expect(draw(1, 1000)).toEqual(draw(1, 1000));
    expect(draw(1, 1000)).not.toEqual(draw(1, 1001));
    expect(draw(2)).not.toEqual(draw(1));
  });

  it('keeps every draw in range', () => {
    const rng = createRng(7);
    for (let i = 0; i < 2000; i++) {
      const f = rng.next();
      expect(f >= 0 && f < 1).toBe(true);
      const n = rng.int(3, 5);
      expect([3, 4, 5]).toContain(n);
    }
    expect(rng.hex(11)).toMatch(/^[0-9a-f]{11}$/);
    expect(() => rng.pick([])).toThrow();
    expect(rng.shuffle([1, 2, 3, 4, 5]).toSorted()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('statistics and formatting', () => {
  it('takes nearest-rank quantiles, and none of nothing', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(quantile([], 0.5)).toBeNull();
  });

  it('prints decimal units and readable durations', () => {
    expect([formatBytes(999), formatBytes(1500), formatBytes(2_500_000), formatBytes(1.09e9), formatBytes(null)]).toEqual(['999 B', '1.5 KB', '2.5 MB', '1.09 GB', '–']);
    expect([formatMs(250), formatMs(1500), formatMs(270_000), formatMs(undefined)]).toEqual(['250 ms', '1.5 s', '4 min 30 s', '–']);
  });
});

describe('what a built site weighs', () => {
  it('tells paper pages, list pages, redirects and the search index apart', () => {
    const summary = summarizeDist([
      { path: 'index.html', bytes: 50_000 },
      { path: 'papers/a/index.html', bytes: 10_000 },
      { path: 'papers/b/index.html', bytes: 30_000 },
      { path: 'papers/old-a/index.html', bytes: 4_000, redirect: true },
      { path: 'papers/2/index.html', bytes: 80_000 },
      { path: 'pagefind/fragment/x.pf_fragment', bytes: 700 },
      { path: 'pagefind/index/y.pf_index', bytes: 900 },
    ], { paperPage: (p) => /^papers\/[a-z]\/index\.html$/.test(p), paperBudget: 25_000 });
    expect(summary.paperPages).toMatchObject({ count: 2, max: 30_000, maxPath: 'papers/b/index.html', overBudget: 1 });
    expect(summary.redirects).toBe(1);
    expect(summary.listPages.map((p) => p.path)).toEqual(['papers/2/index.html', 'index.html']);
    expect(summary.pagefind).toEqual({ bytes: 1600, files: 2, fragments: 1, indexChunks: 1 });
    expect(summary.bytes).toBe(175_600);
  });

  it('knows a redirect page by its meta refresh, and only a small one', () => {
    expect(isRedirectPage('<html><head><meta http-equiv="refresh" content="0;url=/papers/a/"></head></html>')).toBe(true);
    expect(isRedirectPage('<html><head><title>A paper</title></head></html>')).toBe(false);
    expect(isRedirectPage(`<meta http-equiv="refresh" content="0">${'x'.repeat(20_000)}`)).toBe(false);
  });
});
