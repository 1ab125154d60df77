/**
 * Memory of a process tree from Linux's /proc, as pure functions over the text of
 * `/proc/<pid>/stat` files; the benchmark script does the reading. The tree's resident set
 * is the sum over the root and all its descendants alive at that moment — what a build
 * needs from the machine at once — while `/usr/bin/time`'s maximum resident set is the
 * largest single process, which under-counts a tree of a node wrapper, a node driver and
 * a native child running side by side.
 */

export interface ProcStat {
  pid: number;
  ppid: number;
  /** The executable name as the kernel records it (at most 15 characters). */
  comm: string;
  /** Resident set in pages. */
  rssPages: number;
  /** CPU time in clock ticks: its own (user + system) and that of its children it has waited for. */
  cpuTicks: number;
}

/**
 * Parses one `/proc/<pid>/stat` line. The name is in parentheses and may itself contain
 * spaces and parentheses, so fields are counted from the last `)`.
 */
export function parseStat(text: string): ProcStat | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const pid = Number(text.slice(0, open).trim());
  // After ")": state(3) ppid(4) … utime(14) stime(15) cutime(16) cstime(17) … rss(24); index 0 here is field 3.
  const rest = text.slice(close + 2).split(' ');
  const field = (n: number) => Number(rest[n - 3]);
  const ppid = field(4);
  const rssPages = field(24);
  const cpuTicks = field(14) + field(15) + field(16) + field(17);
  if (!Number.isFinite(pid) || !Number.isFinite(ppid) || !Number.isFinite(rssPages) || !Number.isFinite(cpuTicks)) return null;
  return { pid, ppid, comm: text.slice(open + 1, close), rssPages, cpuTicks };
}

export interface TreeMemory {
  /** Sum of the resident sets of the root and its descendants, in bytes. */
  treeRss: number;
  /** The largest single process of the tree, in bytes, and its name. */
  maxProcRss: number;
  maxProc: string;
  procs: number;
  /**
   * CPU time of the tree so far, in clock ticks. A child's time moves into its parent's
   * cutime/cstime when the parent reaps it, so the sum only grows while the root lives.
   */
  cpuTicks: number;
}

/** The memory of the tree rooted at `root`, from a snapshot of every process's stat. */
export function treeMemory(stats: readonly ProcStat[], root: number, pageSize: number): TreeMemory {
  const children = new Map<number, ProcStat[]>();
  let rootStat: ProcStat | undefined;
  for (const s of stats) {
    if (s.pid === root) rootStat = s;
    const list = children.get(s.ppid);
    if (list) list.push(s);
    else children.set(s.ppid, [s]);
  }
  const result: TreeMemory = { treeRss: 0, maxProcRss: 0, maxProc: '', procs: 0, cpuTicks: 0 };
  if (!rootStat) return result;
  const stack = [rootStat];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (seen.has(s.pid)) continue;
    seen.add(s.pid);
    const bytes = s.rssPages * pageSize;
    result.treeRss += bytes;
    result.procs++;
    result.cpuTicks += s.cpuTicks;
    if (bytes > result.maxProcRss) {
      result.maxProcRss = bytes;
      result.maxProc = s.comm;
    }
    stack.push(...(children.get(s.pid) ?? []));
  }
  return result;
}
