/**
 * The shape of a benchmark result (what `bench/results/bench-<N>.json` holds), the budgets it
 * is held to, and the table printed from one or more results. Pure.
 */
import type { AstroPhases, RouteGroup, Stage } from './buildlog.ts';
import type { CorpusStats } from './corpus.ts';
import type { DistSummary, PageBreakdown } from './dist.ts';
import { formatBytes, formatCount, formatMs } from './stats.ts';

export interface BuildRun {
  label: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  totalMs: number;
  stages: Stage[];
  /** Largest resident set of the whole process tree at once (sampled from /proc every 100 ms). */
  peakTreeRss: number | null;
  /** Largest single process, sampled, and as `/usr/bin/time` measured it (exact, but per process). */
  peakProcRss: number | null;
  timeMaxRss: number | null;
  userS: number | null;
  sysS: number | null;
  /** 1-minute load average at start and end: above the core count, other work was competing. */
  load: [number, number];
  astro: { phases: AstroPhases; routes: RouteGroup[] } | null;
  /** The last lines of error output when the run failed. */
  error: string | null;
  logFile: string;
}

export interface SearchMeasure {
  query: string;
  url: string;
  /** Requests to and bytes served from `pagefind/` while the results page loaded and searched. */
  requests: number;
  bytes: number;
  byKind: Record<string, { requests: number; bytes: number }>;
  /** From navigation to the last Pagefind response. */
  ms: number;
  status: string;
  /** What the page said, e.g. "6,421 papers for “transformer”. Showing the first 50." */
  resultsText: string | null;
}

export interface SiteResult {
  cold: BuildRun;
  rebuild: BuildRun | null;
  /** Steps measured on their own because build.ts does not run them (e.g. cards before it did). */
  separate: BuildRun[];
  dist: DistSummary | null;
  /** The offline edition's folder beside dist/ (dist-offline/), when the build makes one. */
  offline: { bytes: number; files: number } | null;
  /** The tar the deploy would upload to GitHub Pages (src/build/pages-limits.ts); absent from older results. */
  pagesArtifact?: number | null;
  medianPaperPage: { path: string; breakdown: PageBreakdown } | null;
  largestListPage: { path: string; breakdown: PageBreakdown } | null;
  related: { ms: number; papers: number; heapDeltaBytes: number } | null;
  /** The theme models inside the ingest: training on the labelled papers, then shelving every paper. */
  shelving: { trainMs: number; scoreMs: number; labelled: number; models: number; papers: number } | null;
  search: SearchMeasure | null;
}

export interface BaselineResult {
  cold: BuildRun;
  rebuild: BuildRun | null;
  dist: DistSummary | null;
}

export interface BenchResult {
  papers: number;
  ceiling: boolean;
  generatedAt: string;
  env: Record<string, string | number | boolean | null>;
  corpus: CorpusStats;
  site: SiteResult;
  baseline: BaselineResult | null;
  budgets: BudgetCheck[];
  /** What broke first, for a ceiling run. */
  firstFailure: string | null;
  notes: string[];
}

export interface BudgetCheck {
  id: string;
  label: string;
  measured: string;
  limit: string;
  pass: boolean | null;
  detail: string;
}

/** The separate run of the ingest over a catalog already written. */
export const UNCHANGED_INGEST = 'ingest, nothing changed';

/** The budgets at 10,000 papers. Decimal units: 1 KB = 1,000 bytes, 1 GB = 10^9 bytes. */
export const BUDGETS = {
  coldVsBaseline: 1.5,
  peakMemory: 3.5e9,
  ingestMs: 10_000,
  rebuildShare: 0.5,
  listPage: 100_000,
  paperPage: 25_000,
  dist: 400e6,
} as const;

const cpuOf = (run: BuildRun | null | undefined) => (run && run.userS !== null && run.sysS !== null ? (run.userS + run.sysS) * 1000 : null);

/** CPU time beside wall time: on a shared machine the wall-clock ratio moves with the load, CPU time much less. */
function cpuRatio(site: BuildRun, baseline: BuildRun | null | undefined): string {
  const a = cpuOf(site);
  const b = cpuOf(baseline);
  return a !== null && b ? `; cpu ${formatMs(a)} vs ${formatMs(b)} = ${(a / b).toFixed(2)}×` : '';
}

const stageMs = (run: BuildRun | null | undefined, name: string) => run?.stages.find((s) => s.name === name)?.ms ?? null;

/** Every budget against one result; `pass` is null when the figure could not be measured. */
export function checkBudgets(r: Pick<BenchResult, 'site' | 'baseline'>): BudgetCheck[] {
  const { site, baseline } = r;
  const checks: BudgetCheck[] = [];
  const ok = (run: BuildRun | null | undefined) => !!run && run.exitCode === 0 && !run.timedOut;

  const ratio = ok(site.cold) && baseline && ok(baseline.cold) ? site.cold.totalMs / baseline.cold.totalMs : null;
  checks.push({
    id: 'cold-vs-baseline',
    label: 'Cold build vs bare Astro+MDX+Pagefind',
    measured: ratio === null ? '–' : `${ratio.toFixed(2)}×`,
    limit: `≤ ${BUDGETS.coldVsBaseline}×`,
    pass: ratio === null ? null : ratio <= BUDGETS.coldVsBaseline,
    detail: `${formatMs(site.cold.totalMs)} vs ${formatMs(baseline?.cold.totalMs)}${cpuRatio(site.cold, baseline?.cold)}`,
  });

  const peaks = [site.cold, site.rebuild, ...site.separate].filter((x): x is BuildRun => !!x).map((x) => Math.max(x.peakTreeRss ?? 0, x.timeMaxRss ?? 0));
  const peak = peaks.length ? Math.max(...peaks) : null;
  const worst = [site.cold, site.rebuild].flatMap((run) => run?.stages ?? []).reduce<Stage | null>((a, b) => (!a || (b.peakTreeRss ?? 0) > (a.peakTreeRss ?? 0) ? b : a), null);
  checks.push({
    id: 'peak-memory',
    label: 'Peak memory (process tree)',
    measured: formatBytes(peak),
    limit: `≤ ${formatBytes(BUDGETS.peakMemory)}`,
    pass: peak === null ? null : peak <= BUDGETS.peakMemory,
    detail: `${worst ? `in the ${worst.name} step (largest process: ${worst.peakProc ?? '?'} ${formatBytes(worst.peakProcRss)})` : ''}${baseline ? `; bare baseline ${formatBytes(Math.max(baseline.cold.peakTreeRss ?? 0, baseline.rebuild?.peakTreeRss ?? 0) || null)}` : ''}`,
  });

  const ingest = stageMs(site.cold, 'ingest');
  const ingestAgain = site.separate.find((run) => run.label === UNCHANGED_INGEST)?.totalMs ?? null;
  const ingestWorst = Math.max(ingest ?? 0, ingestAgain ?? 0);
  checks.push({
    id: 'ingest',
    label: 'Ingest',
    measured: ingest === null ? '–' : formatMs(ingestWorst),
    limit: `≤ ${formatMs(BUDGETS.ingestMs)}`,
    pass: ingest === null ? null : ingestWorst <= BUDGETS.ingestMs,
    detail: `cold ${formatMs(ingest)}, unchanged ${formatMs(ingestAgain)}`,
  });

  const share = ok(site.cold) && ok(site.rebuild) ? site.rebuild!.totalMs / site.cold.totalMs : null;
  checks.push({
    id: 'rebuild',
    label: 'Rebuild with nothing changed',
    measured: share === null ? '–' : `${(share * 100).toFixed(0)}% of cold`,
    limit: `≤ ${BUDGETS.rebuildShare * 100}%`,
    pass: share === null ? null : share <= BUDGETS.rebuildShare,
    detail: `${formatMs(site.rebuild?.totalMs)} vs ${formatMs(site.cold.totalMs)}${site.rebuild && cpuOf(site.rebuild) !== null && cpuOf(site.cold) ? `; cpu ${((100 * cpuOf(site.rebuild)!) / cpuOf(site.cold)!).toFixed(0)}%` : ''}`,
  });

  const lists = site.dist?.listPages ?? [];
  const listOver = lists.filter((p) => p.bytes > BUDGETS.listPage);
  checks.push({
    id: 'list-pages',
    label: 'Theme/index pages, each',
    measured: lists.length ? `${formatBytes(lists[0]!.bytes)} (${lists[0]!.path})` : '–',
    limit: `≤ ${formatBytes(BUDGETS.listPage)}`,
    pass: lists.length ? listOver.length === 0 : null,
    detail: `${listOver.length} of ${lists.length} over`,
  });

  const papers = site.dist?.paperPages;
  checks.push({
    id: 'paper-pages',
    label: 'Paper pages, each',
    measured: papers?.max == null ? '–' : `max ${formatBytes(papers.max)}`,
    limit: `≤ ${formatBytes(BUDGETS.paperPage)}`,
    pass: papers?.max == null ? null : papers.max <= BUDGETS.paperPage,
    detail: papers ? `median ${formatBytes(papers.median)}, p90 ${formatBytes(papers.p90)}, ${papers.overBudget} of ${papers.count} over` : '',
  });

  checks.push({
    id: 'dist',
    label: 'dist/ size',
    measured: formatBytes(site.dist?.bytes),
    limit: `≤ ${formatBytes(BUDGETS.dist)}`,
    pass: site.dist ? site.dist.bytes <= BUDGETS.dist : null,
    detail: site.dist ? `${formatCount(site.dist.files)} files` : '',
  });
  return checks;
}

/** The comparison table: one column per catalog size and build (site, baseline). */
export function renderTable(results: readonly BenchResult[]): string {
  const cols: { head: string; site: boolean; r: BenchResult }[] = [];
  for (const r of results) {
    cols.push({ head: `site ${short(r.papers)}`, site: true, r });
    if (r.baseline) cols.push({ head: `base ${short(r.papers)}`, site: false, r });
  }
  const rows: [string, ...string[]][] = [];
  const row = (label: string, get: (c: (typeof cols)[number]) => string) => rows.push([label, ...cols.map(get)]);
  const build = (c: (typeof cols)[number]) => (c.site ? c.r.site : c.r.baseline!);
  const stagesOf = (run: BuildRun | null | undefined) => run?.stages.map((s) => s.name) ?? [];
  const names = [...new Set(cols.flatMap((c) => [...stagesOf(build(c).cold), ...(c.site ? c.r.site.separate.map((s) => s.label) : [])]))];

  row('papers (pages)', (c) => formatCount(c.site ? c.r.site.dist?.paperPages.count : c.r.baseline?.dist?.paperPages.count));
  for (const name of names) {
    row(`  ${name}`, (c) => {
      const stage = build(c).cold.stages.find((s) => s.name === name);
      if (stage) return `${formatMs(stage.ms)}${stage.cpuMs === null ? '' : ` (cpu ${formatMs(stage.cpuMs)})`}${stage.status === 'failed' ? ' FAILED' : stage.status === 'skipped' ? ' (skipped)' : ''}`;
      const separate = c.site ? c.r.site.separate.find((s) => s.label === name) : undefined;
      return separate ? `${formatMs(separate.totalMs)} (own run)` : '–';
    });
  }
  row('    astro: content sync', (c) => formatMs(build(c).cold.astro?.phases.contentSync));
  row('    astro: bundle', (c) => formatMs(build(c).cold.astro?.phases.bundle));
  row('    astro: render pages', (c) => formatMs(build(c).cold.astro?.phases.render));
  row('  related papers (in astro)', (c) => (c.site ? formatMs(c.r.site.related?.ms) : '–'));
  row('  theme models: train (in ingest)', (c) => (c.site && c.r.site.shelving ? `${formatMs(c.r.site.shelving.trainMs)} (${c.r.site.shelving.labelled} labelled)` : '–'));
  row('  theme models: shelve (in ingest)', (c) => (c.site && c.r.site.shelving ? `${formatMs(c.r.site.shelving.scoreMs)} (${c.r.site.shelving.papers} papers)` : '–'));
  const cpu = (run: BuildRun | null | undefined) => (run && run.userS !== null && run.sysS !== null ? ` (cpu ${formatMs((run.userS + run.sysS) * 1000)})` : '');
  row('cold build total', (c) => `${formatMs(build(c).cold.totalMs)}${cpu(build(c).cold)}${build(c).cold.exitCode === 0 ? '' : ' FAILED'}`);
  row('rebuild, nothing changed', (c) => (build(c).rebuild ? `${formatMs(build(c).rebuild!.totalMs)}${cpu(build(c).rebuild)}` : '–'));
  row('load avg (start→end, cold)', (c) => build(c).cold.load.map((l) => l.toFixed(1)).join('→'));
  row('peak memory (tree)', (c) => formatBytes(Math.max(build(c).cold.peakTreeRss ?? 0, build(c).rebuild?.peakTreeRss ?? 0) || null));
  row('largest process (time -v)', (c) => formatBytes(Math.max(build(c).cold.timeMaxRss ?? 0, build(c).rebuild?.timeMaxRss ?? 0) || null));
  row('dist size', (c) => formatBytes(build(c).dist?.bytes));
  row('dist files', (c) => formatCount(build(c).dist?.files));
  row('  pagefind/', (c) => formatBytes(build(c).dist?.pagefind.bytes));
  row('  cards/', (c) => formatBytes(build(c).dist?.byTopDir.cards?.bytes));
  row('Pages artifact (tar)', (c) => (c.site ? formatBytes(c.r.site.pagesArtifact) : '–'));
  row('largest file', (c) => {
    const top = build(c).dist?.largestFiles[0];
    return top ? `${formatBytes(top.bytes)} ${top.path}` : '–';
  });
  row('dist-offline/ (beside dist)', (c) => (c.site ? formatBytes(c.r.site.offline?.bytes) : '–'));
  row('median paper page', (c) => formatBytes(build(c).dist?.paperPages.median));
  row('largest paper page', (c) => formatBytes(build(c).dist?.paperPages.max));
  row('largest theme/index page', (c) => {
    const top = build(c).dist?.listPages[0];
    return top ? `${formatBytes(top.bytes)} ${top.path.replace(/\/?index\.html$/, '/') || '/'}` : '–';
  });
  row('search page HTML', (c) => formatBytes(build(c).dist?.searchPage));
  row('search: pagefind bytes', (c) => (c.site && c.r.site.search ? `${formatBytes(c.r.site.search.bytes)} / ${c.r.site.search.requests} req` : '–'));

  const widths = rows[0]!.map((_, i) => Math.max(i === 0 ? 28 : 10, ...[['', ...cols.map((c) => c.head)], ...rows].map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(['', ...cols.map((c) => c.head)]), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The budget table for one result. */
export function renderBudgets(r: BenchResult): string {
  const head = r.papers === 10_000 ? `Budgets at ${formatCount(r.papers)} papers` : `Budgets (set for 10,000 papers; at ${formatCount(r.papers)} for reference)`;
  const lines = r.budgets.map((b) => `  ${b.pass === null ? ' ?  ' : b.pass ? 'pass' : 'FAIL'}  ${b.label.padEnd(40)} ${b.measured.padStart(28)}  ${b.limit.padEnd(10)}  ${b.detail}`);
  return [head, ...lines].join('\n');
}

function short(n: number): string {
  return n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n);
}
