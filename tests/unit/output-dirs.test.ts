/**
 * Where a build may write: each output folder is replaced whole, so none may be the project, a
 * folder above it or the catalog, nor overlap another output.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outputDirsProblem } from '../../src/build/output-dirs.ts';

const root = '/home/me/catalog';
const content = '/home/me/catalog/content';
const problem = (env: NodeJS.ProcessEnv) => outputDirsProblem(root, content, env);

describe('output folders', () => {
  it('the defaults, the tests\' dist-base and an offline edition elsewhere are fine', () => {
    for (const env of [{}, { OUT_DIR: 'dist-base' }, { OUT_DIR: '/home/me/catalog/out/site', OFFLINE_DIR: '/tmp/offline' }, { OFFLINE_DIR: 'offline' }]) expect(problem(env), JSON.stringify(env)).toBeNull();
  });

  it('a project reached through a link is inside itself: its own dist by the link\'s path is fine', () => {
    const real = mkdtempSync(join(tmpdir(), 'shelfmark-real-'));
    const link = `${real}-link`;
    symlinkSync(real, link);
    try {
      expect(outputDirsProblem(real, join(real, 'content'), { OUT_DIR: join(link, 'dist') })).toBeNull();
      expect(outputDirsProblem(real, join(real, 'content'), { OUT_DIR: join(link, '..', 'elsewhere') })).toMatch(/is outside the project/);
    } finally {
      rmSync(link);
      rmSync(real, { recursive: true });
    }
  });

  it('OUT_DIR outside the project is refused: the pages Astro builds there would not find its packages', () => {
    expect(problem({ OUT_DIR: '/tmp/site' })).toMatch(/^OUT_DIR \(\/tmp\/site\) is outside the project/);
    expect(problem({ OUT_DIR: '../site' })).toMatch(/^OUT_DIR \(\.\.\/site\) is outside the project/);
  });

  it('the project folder or one above it is refused, as OUT_DIR or OFFLINE_DIR', () => {
    expect(problem({ OFFLINE_DIR: '.' })).toMatch(/^OFFLINE_DIR \(\.\) is the project folder or one above it/);
    expect(problem({ OUT_DIR: '..' })).toMatch(/^OUT_DIR \(\.\.\) is the project folder or one above it/);
    expect(problem({ OFFLINE_DIR: '/home' })).toMatch(/^OFFLINE_DIR \(\/home\) is the project folder/);
  });

  it('a folder that is or holds the catalog is refused', () => {
    expect(problem({ OFFLINE_DIR: 'content' })).toMatch(/^OFFLINE_DIR \(content\) is or holds the catalog \(content\)/);
  });

  it('outputs that are one folder, or one inside another, are refused', () => {
    expect(problem({ OFFLINE_DIR: 'dist' })).toBe('OFFLINE_DIR (dist) is OUT_DIR (dist), and each is replaced whole; give them folders of their own');
    expect(problem({ OFFLINE_DIR: 'dist/offline' })).toMatch(/^OFFLINE_DIR \(dist\/offline\) is inside OUT_DIR \(dist\)/);
    expect(problem({ OUT_DIR: 'site', OFFLINE_DIR: 'site-release' })).toBe('the release folder (site-release) is OFFLINE_DIR (site-release), and each is replaced whole; give them folders of their own');
  });
});
