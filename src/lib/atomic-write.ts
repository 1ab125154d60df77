import { chmodSync, copyFileSync, existsSync, linkSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The signals a person or a CI runner stops a command with. */
const STOPPING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** How many `withSignalsHeld` are running (they may nest). */
let holding = 0;

/**
 * A signal with a listener reaches it from the event loop, which runs only once held work,
 * which is synchronous, has returned: so it never comes during that work.
 */
function onStoppingSignal(signal: NodeJS.Signals): void {
  // Raised again with Node's default handling, which ends the process as the signal would have.
  for (const name of STOPPING_SIGNALS) process.off(name, onStoppingSignal);
  process.kill(process.pid, signal);
}

/**
 * Runs `work`, which must be synchronous, so that Ctrl-C or a `kill` cannot cut it short: it
 * ends first, and the signal then stops the process as it would have. With no listener, Node
 * lets a signal kill the process at once, between two renames of a save; with one, the signal
 * waits for the event loop, which runs only once `work` has returned. The listener stays for
 * the rest of the process (removed, it would drop a signal not yet delivered), and passes on
 * every signal it is given.
 */
export function withSignalsHeld<T>(work: () => T): T {
  for (const name of STOPPING_SIGNALS) if (!process.listeners(name).includes(onStoppingSignal)) process.on(name, onStoppingSignal);
  holding++;
  try {
    return work();
  } finally {
    // One more turn of the event loop, in which a signal that came during the work reaches the
    // listener: with nothing left to do, the process would end without reading it.
    if (--holding === 0) setTimeout(() => {}, 1);
  }
}

/**
 * Runs `work` (synchronous) holding the lock file `lock`, which no other process holds meanwhile:
 * a second one waits up to `waitMs` for it, then `busy()` is thrown. A lock whose process is gone
 * (killed outright, SIGKILL, while it held it) is taken over. The lock goes when `work` ends,
 * also when it throws; a signal waits for that (`withSignalsHeld`), but not while waiting.
 */
export function withFileLock<T>(lock: string, waitMs: number, busy: () => Error, work: () => T): T {
  const until = Date.now() + waitMs;
  for (;;) {
    const done = withSignalsHeld(() => {
      if (!takeLock(lock)) return null;
      try {
        return { value: work() };
      } finally {
        rmSync(lock, { force: true });
      }
    });
    if (done) return done.value;
    if (Date.now() >= until) throw busy();
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
}

/** Creates `lock` with this process's id, or removes one whose process is gone and tries again; false while another process holds it. */
function takeLock(lock: string): boolean {
  try {
    writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  let holder: number;
  try {
    holder = Number(readFileSync(lock, 'utf8').trim());
  } catch {
    return false;
  }
  if (!Number.isInteger(holder) || holder <= 0 || isRunning(holder)) return false;
  rmSync(lock, { force: true });
  return takeLock(lock);
}

/** Whether a process of this id is running (one this user may not signal is running too). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A hidden name beside `target` (no reader lists a name starting with "."), unique to this process. */
const beside = (target: string, kind: 'tmp' | 'bak') => join(dirname(target), `.${basename(target)}.${process.pid}.${kind}`);

/**
 * Writes and removes files so that readers see all of the change or none of it. Each new text
 * is first written beside its target under a temporary name; each file to be replaced or
 * removed is first kept under a backup name (a hard link, so the file itself never moves).
 * Only when all of that is on disk are the new files renamed into place and the removed ones
 * unlinked (a rename is atomic). If any step fails, every file placed is put back as it was —
 * restored from its backup, or removed if it is new — and the temporary files go; the error
 * is then thrown for the caller to report. A signal that comes meanwhile stops the process
 * once all of it is done (`withSignalsHeld`).
 */
export function writeAtomically(files: readonly (readonly [path: string, data: string | Uint8Array])[], remove: readonly string[] = []): void {
  withSignalsHeld(() => writeAll(files, remove));
}

function writeAll(files: readonly (readonly [path: string, data: string | Uint8Array])[], remove: readonly string[]): void {
  const staged: [temp: string, target: string][] = [];
  const backups = new Map<string, string>();
  const changed: string[] = [];
  try {
    for (const [target, data] of files) {
      const temp = beside(target, 'tmp');
      // A rename replaces the file, mode and all: one made read-only (no one may write it) stays
      // unwritten, and a private one (0600) must not come back readable by everyone.
      const mode = statSync(target, { throwIfNoEntry: false })?.mode;
      if (mode !== undefined && (mode & 0o222) === 0) throw new Error(`${target} is read-only; make it writable (chmod u+w) for this to change it`);
      staged.push([temp, target]);
      writeFileSync(temp, data, mode === undefined ? {} : { mode: mode & 0o7777 });
      if (mode !== undefined) chmodSync(temp, mode & 0o7777);
    }
    for (const target of [...files.map(([target]) => target), ...remove]) {
      if (!existsSync(target)) continue;
      const backup = beside(target, 'bak');
      backups.set(target, backup);
      keepCopy(target, backup);
    }
    for (const [temp, target] of staged) {
      renameSync(temp, target);
      changed.push(target);
    }
    for (const target of remove) {
      rmSync(target, { force: true });
      changed.push(target);
    }
  } catch (e) {
    /** Backups that could not be put back: the only copy of what was there, so they stay, and the error names them. */
    const stranded: string[] = [];
    for (const target of changed.reverse()) {
      const backup = backups.get(target);
      // Each is put back on its own: one that cannot be must not leave the others changed.
      try {
        if (backup) renameSync(backup, target);
        else rmSync(target, { force: true });
      } catch {
        if (backup) stranded.push(backup);
      }
    }
    for (const [temp] of staged) rmSync(temp, { force: true });
    for (const backup of backups.values()) if (!stranded.includes(backup)) rmSync(backup, { force: true });
    if (stranded.length > 0 && e instanceof Error) e.message += `; the previous content is kept in ${stranded.join(', ')}`;
    throw e;
  }
  for (const backup of backups.values()) rmSync(backup, { force: true });
}

/** A second name for the file's content: a hard link where the disk allows one, a copy where it does not. */
function keepCopy(target: string, backup: string): void {
  rmSync(backup, { force: true });
  try {
    linkSync(target, backup);
  } catch {
    copyFileSync(target, backup);
  }
}
