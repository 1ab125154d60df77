/**
 * Fixture catalogs for the vitest tests: the fixture project and listings, throwaway project
 * copies, the diagnostics an ingest reports, and running `scripts/ingest.ts` the way a person would.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, onTestFinished } from 'vitest';
import type { Diagnostic } from '../../src/ingest/diagnostics.ts';
import { contentPaths, shownPaths } from '../../src/lib/content-dir.ts';
import { fixturesDir, repoRoot } from './repo.ts';

/** A two-listing project: `content/sources/` (with a manifest) and `content/themes.yaml`, no papers yet. */
export const fixtureProject = join(fixturesDir, 'project');

/** Text of `tests/fixtures/listings/<name>`. */
export function readListingFixture(name: string): string {
  return readFileSync(join(fixturesDir, 'listings', name), 'utf8');
}

/** 1-based number of the first line of `text` that reads `line` once trimmed; throws if there is none. */
export function lineOf(text: string, line: string): number {
  const index = text.split('\n').findIndex((l) => l.trim() === line);
  if (index === -1) throw new Error(`no line "${line}" in the text`);
  return index + 1;
}

/** How messages name the content files of a project in its default layout: `content/curation.yaml`, `content/sources/`… */
export const defaultFiles = shownPaths(contentPaths('/project'));

export const errorsIn = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.severity === 'error');
export const warningsIn = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.severity === 'warning');

/** A fresh directory removed when the current test ends. */
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shelfmark-test-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A throwaway copy of a project directory (by default the fixture project); returns its root. */
export function copyProject(from: string = fixtureProject): string {
  const root = tempDir();
  cpSync(from, root, { recursive: true });
  return root;
}

/** The `content/papers/` folder of a project copy. */
export const papersOf = (root: string) => join(root, 'content/papers');

/** Makes fresh temporary folders named `<prefix>…`, all removed once the test file is done. */
export function temporaryFolders(prefix: string): () => string {
  const made: string[] = [];
  afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}

/**
 * The fixture project, ingested once for the whole test file (in `beforeAll`), so each test
 * can start from a copy of an already-ingested project. Returns the folder's path, once ready.
 */
export function ingestedFixtureProject(): () => string {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shelfmark-ingested-'));
    cpSync(fixtureProject, dir, { recursive: true });
    const { status, stderr } = runIngest(dir);
    if (status !== 0) throw new Error(`the fixture project does not ingest: ${stderr}`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}

/** Every file directly in `dir`, name → bytes as a string (hidden files too), for before/after comparisons. */
export function snapshotDir(dir: string): Record<string, string> {
  const snapshot: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) snapshot[name] = readFileSync(join(dir, name), 'latin1');
  return snapshot;
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node scripts/ingest.ts ...args` with `cwd` as the project root. */
export function runIngest(cwd: string, ...args: string[]): RunResult {
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts/ingest.ts'), ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
