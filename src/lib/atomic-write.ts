import { copyFileSync, existsSync, linkSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A hidden name beside `target` (no reader lists a name starting with "."), unique to this process. */
const beside = (target: string, kind: 'tmp' | 'bak') => join(dirname(target), `.${basename(target)}.${process.pid}.${kind}`);

/**
 * Writes and removes files so that readers see all of the change or none of it. Each new text
 * is first written beside its target under a temporary name; each file to be replaced or
 * removed is first kept under a backup name (a hard link, so the file itself never moves).
 * Only when all of that is on disk are the new files renamed into place and the removed ones
 * unlinked (a rename is atomic). If any step fails, every file placed is put back as it was —
 * restored from its backup, or removed if it is new — and the temporary files go; the error
 * is then thrown for the caller to report.
 */
export function writeAtomically(files: readonly (readonly [path: string, data: string | Uint8Array])[], remove: readonly string[] = []): void {
  const staged: [temp: string, target: string][] = [];
  const backups = new Map<string, string>();
  const changed: string[] = [];
  try {
    for (const [target, data] of files) {
      const temp = beside(target, 'tmp');
      staged.push([temp, target]);
      writeFileSync(temp, data);
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
