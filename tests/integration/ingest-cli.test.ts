/**
 * `node scripts/ingest.ts` as people and CI run it, in a throwaway copy of the fixture project.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyProject, ingestedFixtureProject, lineOf, papersOf, readListingFixture, runIngest, snapshotDir } from '../support/fixtures.ts';
import { fixturesDir, repoRoot } from '../support/repo.ts';

/** Stack-trace frames ("    at fn (file:1:2)") in a program's output. */
const stackFrames = (output: string) => output.split('\n').filter((line) => /^\s+at\s/.test(line));
const addListing = (root: string, fixture: string) => copyFileSync(join(fixturesDir, 'listings', fixture), join(root, 'content/sources', fixture));

/** The fixture project, ingested once for the whole file (each test works on its own copy). */
const baseline = ingestedFixtureProject();

/** A project copy that has been ingested once, successfully. */
const ingested = () => copyProject(baseline());

describe('npm run ingest', () => {
  it('writes one file per paper and prints what it read', () => {
    const root = copyProject();
    const { status, stdout, stderr } = runIngest(root);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/sources read:\s+2\n/);
    expect(stdout).toMatch(/papers found:\s+6 \(2 duplicates merged\)/);
    expect(stdout).toMatch(/papers in catalog:\s+4\n/);
    expect(Object.keys(snapshotDir(papersOf(root)))).toEqual([
      'attention-is-all-you-need.mdx',
      'flexdit-dynamic-token-density-control-for-diffusion-transformer.mdx',
      'flow-matching-for-generative-modeling.mdx',
      'mamba-linear-time-sequence-modeling-with-selective-state-spaces.mdx',
      // Former ids (none yet), for the site config: see src/lib/aliases.ts.
      'redirects.json',
    ]);
  });

  it('ingest output is byte-identical across runs; the second run writes nothing', () => {
    const root = ingested();
    const first = snapshotDir(papersOf(root));
    const again = runIngest(root);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('wrote 0 file(s), removed 0.');
    expect(snapshotDir(papersOf(root))).toEqual(first);
  });

  it('a paper no source has any more is removed and named, since its page goes with it', () => {
    const root = ingested();
    const listing = join(root, 'content/sources/b-daily-papers.txt');
    writeFileSync(listing, readFileSync(listing, 'utf8').replace(/FlexDiT: [\s\S]*$/, ''));
    const { status, stdout } = runIngest(root);
    expect(status).toBe(0);
    expect(stdout).toContain('wrote 0 file(s), removed 1.\nno source has this paper any more, so its page is gone: flexdit-dynamic-token-density-control-for-diffusion-transformer.\n');
    expect(existsSync(join(papersOf(root), 'flexdit-dynamic-token-density-control-for-diffusion-transformer.mdx'))).toBe(false);
  });

  it('re-ingesting after a listing changes keeps a person\'s notes byte for byte', () => {
    const root = ingested();
    const notes = '\n## My notes\n\nCompare with \\{FlashAttention\\} <b>later</b>.\r\n';
    const file = join(papersOf(root), 'attention-is-all-you-need.mdx');
    appendFileSync(file, notes);
    appendFileSync(join(root, 'content/sources/a-search-results.txt'), 'A New Paper\nAn abstract that is long enough to be one, about attention.\n');
    expect(runIngest(root).status).toBe(0);
    expect(readFileSync(file, 'utf8').endsWith(`---\n${notes}`)).toBe(true);
  });
});

describe('npm run ingest -- --check', () => {
  it('exits 0 and changes nothing when content/papers is up to date', () => {
    const root = ingested();
    const before = snapshotDir(papersOf(root));
    const { status, stdout } = runIngest(root, '--check');
    expect(status).toBe(0);
    expect(stdout).toContain('up to date');
    expect(snapshotDir(papersOf(root))).toEqual(before);
  });

  it('--check exits non-zero when stale: a paper file edited by hand is named, and left as it is', () => {
    const root = ingested();
    const file = join(papersOf(root), 'mamba-linear-time-sequence-modeling-with-selective-state-spaces.mdx');
    const edited = readFileSync(file, 'utf8').replace('upvotes: 12', 'upvotes: 13');
    writeFileSync(file, edited);
    const { status, stderr } = runIngest(root, '--check');
    expect(status).toBe(1);
    expect(stderr).toContain('mamba-linear-time-sequence-modeling-with-selective-state-spaces.mdx');
    expect(readFileSync(file, 'utf8')).toBe(edited);
  });

  it('--check exits non-zero when stale: a listing was added since the last ingest', () => {
    const root = ingested();
    addListing(root, 'line-layout.txt');
    expect(runIngest(root, '--check').status).toBe(1);
  });

  it('--check exits non-zero before the first ingest', () => {
    const root = copyProject();
    expect(runIngest(root, '--check').status).toBe(1);
  });
});

describe('when the input is wrong', () => {
  it('malformed input gives file:line message and exit 1 and no stack trace', () => {
    const root = ingested();
    addListing(root, 'title-at-end-of-file.txt');
    const line = lineOf(readListingFixture('title-at-end-of-file.txt'), 'A Title On The Last Line');
    const { status, stdout, stderr } = runIngest(root);
    expect(status).toBe(1);
    expect(stderr).toContain(`content/sources/title-at-end-of-file.txt:${line}: error: `);
    expect(stackFrames(stderr + stdout)).toEqual([]);
  });

  it('a failing ingest leaves content/papers unchanged', () => {
    const root = ingested();
    const before = snapshotDir(papersOf(root));
    // One listing would change the catalog, the other stops the ingest.
    addListing(root, 'line-layout.txt');
    addListing(root, 'title-at-end-of-file.txt');
    expect(runIngest(root).status).toBe(1);
    expect(snapshotDir(papersOf(root))).toEqual(before);
  });

  it('a listing that is not UTF-8 is named with its line, exit 1, no stack trace', () => {
    const root = ingested();
    writeFileSync(join(root, 'content/sources/c-latin1.txt'), new Uint8Array([...Buffer.from('Caf'), 0xe9, 0x0a, ...Buffer.from('An abstract.\n')]));
    const { status, stderr } = runIngest(root);
    expect(status).toBe(1);
    expect(stderr).toContain('content/sources/c-latin1.txt:1: error: ');
    expect(stackFrames(stderr)).toEqual([]);
  });

  it('a broken themes.yaml is named with its line, exit 1, no stack trace', () => {
    const root = ingested();
    const before = snapshotDir(papersOf(root));
    writeFileSync(join(root, 'content/themes.yaml'), '- id: attention\n  phrases: [ { match: attention\n');
    const { status, stderr } = runIngest(root);
    expect(status).toBe(1);
    expect(stderr).toMatch(/^content\/themes\.yaml:\d+: error: /m);
    expect(stackFrames(stderr)).toEqual([]);
    expect(snapshotDir(papersOf(root))).toEqual(before);
  });

  it('warnings alone do not stop an ingest, but --strict does, changing nothing', () => {
    const root = ingested();
    addListing(root, 'short-abstract.txt');
    const before = snapshotDir(papersOf(root));
    const strict = runIngest(root, '--strict');
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/content\/sources\/short-abstract\.txt:2: warning: /);
    expect(snapshotDir(papersOf(root))).toEqual(before);
    expect(runIngest(root).status).toBe(0);
  });
});

describe('the options of the npm run scripts', () => {
  const scripts = [
    { command: 'ingest', file: 'ingest.ts', option: '--check', typo: '--chek', nearest: ' (did you mean --check?)' },
    { command: 'themes:review', file: 'themes-review.ts', option: '--limit N', typo: '--limt', nearest: ' (did you mean --limit?)' },
    { command: 'themes:eval', file: 'themes-eval.ts', option: '--help', typo: '--theme', nearest: '' },
    { command: 'build', file: 'build.ts', option: '--force', typo: '--forse', nearest: ' (did you mean --force?)' },
    { command: 'fetch', file: 'fetch.ts', option: '--new-only', typo: '--new-onyl', nearest: ' (did you mean --new-only?)' },
    { command: 'cards', file: 'cards.ts', option: '--beside-build', typo: '--beside', nearest: '' },
    { command: 'pages:check', file: 'pages-limits.ts', option: '--help', typo: '--dir', nearest: '' },
  ];
  const run = (root: string, file: string, ...args: string[]) => spawnSync(process.execPath, [join(repoRoot, 'scripts', file), ...args], { cwd: root, encoding: 'utf8' });

  it.each(scripts)('$command --help (or -h) prints its usage and options, does nothing else, and exits 0', ({ command, file, option }) => {
    const root = copyProject();
    for (const help of ['--help', '-h']) {
      const { status, stdout, stderr } = run(root, file, help);
      expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
      expect(stdout).toMatch(new RegExp(`^npm run ${command}\\b`));
      expect(stdout).toContain(`  ${option} `);
    }
    expect(existsSync(papersOf(root))).toBe(false);
  });

  it.each(scripts)('$command refuses an unknown option in one line naming it, and the nearest it knows, exit 1', ({ command, file, typo, nearest }) => {
    const root = copyProject();
    expect(run(root, file, typo)).toMatchObject({ status: 1, stdout: '', stderr: `${command}: there is no option ${typo}${nearest}; \`npm run ${command} -- --help\` lists the options\n` });
    expect(existsSync(papersOf(root))).toBe(false);
  });

  it('refuses a value for a flag, or a word that is no option, in one line', () => {
    const root = copyProject();
    expect(run(root, 'ingest.ts', '--check=no')).toMatchObject({ status: 1, stderr: "ingest: Option '--check' does not take an argument; `npm run ingest -- --help` lists the options\n" });
    expect(run(root, 'build.ts', 'force')).toMatchObject({ status: 1, stderr: "build: Unexpected argument 'force'. This command does not take positional arguments; `npm run build -- --help` lists the options\n" });
    expect(run(root, 'ingest.ts', '-n')).toMatchObject({ status: 1, stderr: 'ingest: there is no option -n; `npm run ingest -- --help` lists the options\n' });
    expect(run(root, 'themes-review.ts', '--theme', 'a', '--theme', 'b')).toMatchObject({ status: 1, stderr: 'themes:review: --theme is given twice; give it once; `npm run themes:review -- --help` lists the options\n' });
  });

  it('themes:eval on content the ingest refuses says why at file:line, with no stack trace, and exits 1', () => {
    const root = copyProject();
    writeFileSync(join(root, 'content/themes.yaml'), '- id: x\n  name: [\n');
    const { status, stdout, stderr } = run(root, 'themes-eval.ts');
    expect({ status, stdout }).toEqual({ status: 1, stdout: '' });
    expect(stderr).toMatch(/^content\/themes\.yaml:\d+: error: /);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('pages:check refuses a file, or two folders, in one line', () => {
    const root = copyProject();
    writeFileSync(join(root, 'site.zip'), 'PK');
    expect(run(root, 'pages-limits.ts', 'site.zip')).toMatchObject({ status: 1, stdout: '', stderr: 'pages: site.zip is a file; give the folder of the built site (dist)\n' });
    expect(run(root, 'pages-limits.ts', 'content', 'src')).toMatchObject({ status: 1, stdout: '', stderr: 'pages: one folder to check, not 2 (content, src)\n' });
  });
});
