/** A save that Ctrl-C or a `kill` interrupts is still all or nothing: the signal waits for it. */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeAtomically } from '../../src/lib/atomic-write.ts';

const MODULE = new URL('../../src/lib/atomic-write.ts', import.meta.url).pathname;
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `script` (an ES module that may use `writeAtomically`, `withSignalsHeld` and `dir`) in a process of its own. */
function run(script: string) {
  dir = mkdtempSync(join(tmpdir(), 'shelfmark-atomic-'));
  const prelude = `import { writeAtomically, withSignalsHeld } from ${JSON.stringify(MODULE)}; import { writeFileSync } from 'node:fs'; const dir = ${JSON.stringify(dir)};`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', `${prelude}\n${script}`], { encoding: 'utf8', timeout: 10_000 });
}

describe('a signal during a save', () => {
  it('stops the process once the held work has ended, not before, and as that signal', () => {
    const result = run(`
      withSignalsHeld(() => { process.kill(process.pid, 'SIGTERM'); writeFileSync(dir + '/done', 'x'); });
      setTimeout(() => writeFileSync(dir + '/survived', 'x'), 2000);
    `);
    expect(result.signal).toBe('SIGTERM');
    expect(existsSync(join(dir, 'done'))).toBe(true);
    expect(existsSync(join(dir, 'survived'))).toBe(false);
  });

  it('that comes between two files of writeAtomically lets it write them all, and leaves nothing hidden behind', () => {
    const result = run(`
      const files = [[dir + '/a.json', 'a'], [dir + '/b.json', 'b'], [dir + '/sources.yaml', 'listings: []']];
      // The signal comes while the files are being staged, as a person's Ctrl-C would.
      Object.defineProperty(files, 1, { get: () => (process.kill(process.pid, 'SIGINT'), [dir + '/b.json', 'b']) });
      writeAtomically(files);
    `);
    expect(result.signal).toBe('SIGINT');
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.json', 'sources.yaml']);
  });

  it('is not swallowed when none came: the process ends as usual', () => {
    const result = run(`writeAtomically([[dir + '/a.json', 'a']]); console.log('after');`);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('after\n');
  });
});

describe('a file written anew', () => {
  it('keeps its mode: a private file is not made readable by everyone', () => {
    dir = mkdtempSync(join(tmpdir(), 'shelfmark-atomic-'));
    const file = join(dir, 'theme-labels.yaml');
    writeFileSync(file, 'labels: []\n');
    chmodSync(file, 0o600);
    writeAtomically([[file, 'labels:\n']]);
    expect(readFileSync(file, 'utf8')).toBe('labels:\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('made read-only (by anyone\'s leave) is left as it is, and said so', () => {
    dir = mkdtempSync(join(tmpdir(), 'shelfmark-atomic-'));
    const file = join(dir, 'theme-labels.yaml');
    writeFileSync(file, 'labels: []\n');
    chmodSync(file, 0o444);
    expect(() => writeAtomically([[file, 'labels:\n']])).toThrow(/theme-labels\.yaml is read-only; make it writable \(chmod u\+w\)/);
    expect(readFileSync(file, 'utf8')).toBe('labels: []\n');
    expect(readdirSync(dir)).toEqual(['theme-labels.yaml']);
  });
});
