import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes files so that readers see all of them or none: each is first written beside its
 * target under a hidden temporary name (`.name.<pid>.tmp`, which no reader lists), and only
 * when all are on disk are they renamed into place, in order (a rename is atomic). If a
 * write or a rename fails, the temporary files are removed and the targets that did not
 * exist before are removed again; a file already replaced cannot be restored, so callers
 * put replacements last.
 */
export function writeAtomically(files: readonly (readonly [path: string, data: string | Uint8Array])[]): void {
  const staged: [temp: string, target: string][] = [];
  const placed: string[] = [];
  try {
    for (const [target, data] of files) {
      const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
      staged.push([temp, target]);
      writeFileSync(temp, data);
    }
    for (const [temp, target] of staged) {
      const existed = existsSync(target);
      renameSync(temp, target);
      if (!existed) placed.push(target);
    }
  } catch (e) {
    for (const [temp] of staged) rmSync(temp, { force: true });
    for (const target of placed) rmSync(target, { force: true });
    throw e;
  }
}
