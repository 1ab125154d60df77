import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputsDigest, isUpToDate, outputsSummary, writeStamp } from '../../src/build/up-to-date.ts';
import { temporaryFolders } from '../support/fixtures.ts';

const tempDir = temporaryFolders('shelfmark-up-to-date-');

/** Writes `files` (relative path → contents) under `root`, creating folders as needed. */
function write(root: string, files: Record<string, string>): void {
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), contents);
  }
}

/** A fresh project holding `files`. */
function project(files: Record<string, string>): string {
  const root = tempDir();
  write(root, files);
  return root;
}

const CONTENT = { 'content/a.md': 'alpha', 'content/papers/b.mdx': 'beta', 'astro.config.mjs': 'export default {}' };
const digest = (root: string, paths = ['content', 'astro.config.mjs'], env = {}) => inputsDigest({ root, paths, env });

describe('inputsDigest', () => {
  it('is the same sha256 for the same inputs, wherever the project lives', () => {
    const first = digest(project(CONTENT));
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(digest(project(CONTENT))).toBe(first);
  });

  it.each([
    ['one byte of one file changes', { ...CONTENT, 'content/a.md': 'alphA' }],
    ['a file is renamed', { 'content/A.md': 'alpha', 'content/papers/b.mdx': 'beta', 'astro.config.mjs': 'export default {}' }],
    ['a file moves to another folder', { 'content/papers/a.md': 'alpha', 'content/papers/b.mdx': 'beta', 'astro.config.mjs': 'export default {}' }],
    ['an empty file is added', { ...CONTENT, 'content/empty.md': '' }],
    ['a dotfile other than .DS_Store is added', { ...CONTENT, 'content/.env': 'X=1' }],
  ])('changes when %s', (_, files) => {
    expect(digest(project(files))).not.toBe(digest(project(CONTENT)));
  });

  it('changes when an empty folder is added', () => {
    const root = project(CONTENT);
    const before = digest(root);
    mkdirSync(join(root, 'content/drafts'));
    expect(digest(root)).not.toBe(before);
  });

  it('does not let a file name run into its contents', () => {
    expect(digest(project({ 'content/ab': 'c' }))).not.toBe(digest(project({ 'content/a': 'bc' })));
    expect(digest(project({ 'content/a': '', 'content/b': 'x' }))).not.toBe(digest(project({ 'content/a': 'x', 'content/b': '' })));
  });

  it('changes when an environment value changes', () => {
    const root = project(CONTENT);
    expect(digest(root, undefined, { BASE_PATH: '/a/' })).not.toBe(digest(root, undefined, { BASE_PATH: '/b/' }));
  });

  it('tells an unset environment variable from an empty one, and from one that is not listed', () => {
    const root = project(CONTENT);
    const unset = digest(root, undefined, { BASE_PATH: undefined });
    expect(digest(root, undefined, { BASE_PATH: '' })).not.toBe(unset);
    expect(digest(root, undefined, {})).not.toBe(unset);
  });

  it('does not let a variable name run into its value', () => {
    const root = project(CONTENT);
    expect(digest(root, undefined, { AB: 'c' })).not.toBe(digest(root, undefined, { A: 'bc' }));
  });

  it('does not depend on the order paths or variables are given in', () => {
    const root = project(CONTENT);
    expect(digest(root, ['astro.config.mjs', 'content'])).toBe(digest(root, ['content', 'astro.config.mjs']));
    expect(digest(root, ['./content/', 'astro.config.mjs'])).toBe(digest(root, ['content', 'astro.config.mjs']));
    expect(digest(root, undefined, { B: '2', A: '1' })).toBe(digest(root, undefined, { A: '1', B: '2' }));
  });

  it('hashes a missing path as missing, and notices when it appears', () => {
    const root = project(CONTENT);
    const withMissing = digest(root, ['content', 'public']);
    expect(withMissing).not.toBe(digest(root, ['content']));
    mkdirSync(join(root, 'public'));
    expect(digest(root, ['content', 'public'])).not.toBe(withMissing);
  });

  it('ignores node_modules, .git, .astro and .DS_Store inside a walked folder', () => {
    const root = project(CONTENT);
    const before = digest(root);
    write(root, {
      'content/node_modules/pkg/index.js': 'x',
      'content/.git/HEAD': 'ref: refs/heads/main',
      'content/.astro/types.d.ts': 'x',
      'content/papers/.DS_Store': 'x',
    });
    expect(digest(root)).toBe(before);
  });

  it('follows a symlinked file, and hashes a symlink back up a folder without looping', () => {
    const root = project({ ...CONTENT, 'shared/notes.md': 'one' });
    symlinkSync(join(root, 'shared/notes.md'), join(root, 'content/notes.md'));
    symlinkSync('..', join(root, 'content/papers/up'));
    const before = digest(root);
    writeFileSync(join(root, 'shared/notes.md'), 'two');
    expect(digest(root)).not.toBe(before);
  });
});

describe('outputsSummary', () => {
  it('counts the files and bytes under each folder, and says which are missing', () => {
    const root = project({ 'dist/index.html': '12345', 'dist/papers/a/index.html': '123', 'dist/empty/.keep': '' });
    expect(outputsSummary([join(root, 'dist'), join(root, 'dist-offline')])).toEqual([
      { dir: join(root, 'dist'), exists: true, files: 3, bytes: 8 },
      { dir: join(root, 'dist-offline'), exists: false, files: 0, bytes: 0 },
    ]);
  });
});

describe('isUpToDate and writeStamp', () => {
  /** A project with a finished build: its outputs, its stamp's path and the output folders to check. */
  function built(): { root: string; stamp: string; outputs: string[] } {
    const root = project({ 'dist/index.html': '<h1>Shelfmark</h1>', 'dist/papers/a/index.html': 'a', 'dist-offline/index.html': 'o' });
    const stamp = join(root, 'node_modules/.cache/shelfmark-build.json');
    const outputs = [join(root, 'dist'), join(root, 'dist-offline')];
    writeStamp(stamp, 'digest-1', outputs);
    return { root, stamp, outputs };
  }

  it('is false when there is no stamp', () => {
    const root = project({ 'dist/index.html': 'x' });
    expect(isUpToDate(join(root, 'stamp.json'), 'digest-1', [join(root, 'dist')])).toBe(false);
  });

  it('is true after a stamp of the same digest, with the outputs untouched', () => {
    const { stamp, outputs } = built();
    expect(isUpToDate(stamp, 'digest-1', outputs)).toBe(true);
  });

  it('is false for another digest', () => {
    const { stamp, outputs } = built();
    expect(isUpToDate(stamp, 'digest-2', outputs)).toBe(false);
  });

  it.each([
    ['a file is deleted', (root: string) => rmSync(join(root, 'dist/papers/a/index.html'))],
    ['a file changes size', (root: string) => writeFileSync(join(root, 'dist/index.html'), '<h1>Shelfmark!</h1>')],
    ['a file is added', (root: string) => writeFileSync(join(root, 'dist/papers/a/extra.html'), '')],
    ['an output folder is deleted', (root: string) => rmSync(join(root, 'dist-offline'), { recursive: true })],
  ])('is false after %s in the output', (_, change) => {
    const { root, stamp, outputs } = built();
    change(root);
    expect(isUpToDate(stamp, 'digest-1', outputs)).toBe(false);
  });

  it('is false when asked about other output folders than the stamp recorded', () => {
    const { stamp, outputs } = built();
    expect(isUpToDate(stamp, 'digest-1', outputs.slice(0, 1))).toBe(false);
  });

  it.each([
    ['not JSON', () => '{"version":1,'],
    ['JSON null', () => 'null'],
    ['of another version', (stamp: object) => JSON.stringify({ ...stamp, version: 2 })],
    ['without outputs', (stamp: object) => JSON.stringify({ ...stamp, outputs: undefined })],
    ['with outputs of the wrong shape', (stamp: object) => JSON.stringify({ ...stamp, outputs: [{ dir: 'dist' }] })],
  ])('is false, without throwing, for a stamp that is %s', (_, corrupt) => {
    const { stamp, outputs } = built();
    writeFileSync(stamp, corrupt(JSON.parse(readFileSync(stamp, 'utf8'))));
    expect(isUpToDate(stamp, 'digest-1', outputs)).toBe(false);
  });

  it('writes one line of JSON and leaves no temporary file behind', () => {
    const { root, stamp } = built();
    expect(readdirSync(dirname(stamp))).toEqual(['shelfmark-build.json']);
    const text = readFileSync(stamp, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.trimEnd()).not.toContain('\n');
    expect(JSON.parse(text)).toEqual({
      version: 1,
      digest: 'digest-1',
      outputs: [
        { dir: join(root, 'dist'), exists: true, files: 2, bytes: 19 },
        { dir: join(root, 'dist-offline'), exists: true, files: 1, bytes: 1 },
      ],
    });
  });
});
