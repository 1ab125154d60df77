/**
 * `npm run themes:review` as a maintainer uses it: answers in a real terminal go to the labels
 * file at once, quitting part-way loses nothing, and the next ingest moves the paper.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parsePaperFile } from '../../src/ingest/frontmatter.ts';
import { copyProject, runIngest, type RunResult } from '../support/fixtures.ts';
import { repoRoot } from '../support/repo.ts';
import { madeUpPapers } from '../support/theme-corpus.ts';

const UNCLEAR = 'A transformer with texture';

/** A project whose "speech" theme has a model, and a listing with one paper it is unsure of. */
function project(): string {
  const root = copyProject();
  const content = join(root, 'content');
  const training = madeUpPapers(60);
  writeFileSync(join(content, 'themes.yaml'), stringify([{ id: 'speech', name: 'Speech', description: 'Speech recognition.', threshold: 3, phrases: [{ match: 'speech recognition', weight: 3 }] }]));
  writeFileSync(join(content, 'training-papers.yaml'), stringify({ papers: training.map(({ id, title, abstract }) => ({ id, title, abstract })) }));
  writeFileSync(join(content, 'theme-labels.yaml'), stringify({ labels: training.map((p) => ({ paper: p.id, theme: 'speech', label: p.labels.get('speech') ? 'yes' : 'no', by: 'tests' })) }));
  rmSync(join(content, 'sources'), { recursive: true });
  mkdirSync(join(content, 'sources'));
  writeFileSync(join(content, 'sources/sources.yaml'), stringify({ listings: [{ file: 'week.txt', label: 'This week' }] }));
  writeFileSync(
    join(content, 'sources/week.txt'),
    [UNCLEAR, 'We propose a transformer for spoken utterances and texture details.', 'Image synthesis on a pixel grid', 'Photorealistic samples with texture details.', ''].join('\n'),
  );
  return root;
}

/** Runs the review in a pseudo-terminal (`script`), typing each of `keys` when it is asked. */
async function reviewInTerminal(root: string, keys: string[], ...args: string[]): Promise<string> {
  const command = [process.execPath, join(repoRoot, 'scripts/themes-review.ts'), ...args].map((a) => `'${a}'`).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: root });
  let output = '';
  let typed = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    const asked = output.split('[q]uit: ').length - 1;
    while (typed < asked && typed < keys.length) child.stdin.write(keys[typed++]!);
  });
  await once(child, 'close');
  return output;
}

function runReview(root: string, ...args: string[]): RunResult {
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts/themes-review.ts'), ...args], { cwd: root, encoding: 'utf8', input: '' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const labelsOf = (root: string) => (parse(readFileSync(join(root, 'content/theme-labels.yaml'), 'utf8')) as { labels: { paper: string; by: string }[] }).labels;
const themesOf = (root: string, id: string) => (parsePaperFile(readFileSync(join(root, 'content/papers', `${id}.mdx`), 'utf8')).data as { themes: string[] }).themes;

describe('themes:review', () => {
  it('with --json, or without a terminal, prints the queue and asks nothing', () => {
    const root = project();
    const before = readFileSync(join(root, 'content/theme-labels.yaml'), 'utf8');
    const json = runReview(root, '--json', '--limit', '5');
    expect(json.status).toBe(0);
    const queue = JSON.parse(json.stdout) as { paper: string; theme: string; probability: number }[];
    expect(queue[0]).toMatchObject({ paper: 'a-transformer-with-texture', theme: 'speech' });
    const plain = runReview(root);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain('speech\ta-transformer-with-texture\tmodel 0.');
    expect(plain.stdout + plain.stderr).not.toContain('[y]es');
    expect(plain.stderr).toContain('not a terminal');
    expect(readFileSync(join(root, 'content/theme-labels.yaml'), 'utf8')).toBe(before);
  });

  it('saves each answer at once; Ctrl-C part-way loses none; the next ingest moves the paper', async () => {
    const root = project();
    expect(runIngest(root).status).toBe(0);
    expect(themesOf(root, 'a-transformer-with-texture')).toEqual([]);
    const rows = labelsOf(root).length;

    // y, then Ctrl-C at the second question.
    const review = await reviewInTerminal(root, ['y\n', '\x03'], '--theme', 'speech', '--by', 'ada');
    expect(review).toContain(UNCLEAR);
    expect(review).toContain('1 answer(s) saved');
    expect(labelsOf(root)).toHaveLength(rows + 1);
    expect(labelsOf(root).at(-1)).toEqual({ paper: 'a-transformer-with-texture', theme: 'speech', label: 'yes', by: 'ada' });

    expect(runIngest(root).status).toBe(0);
    expect(themesOf(root, 'a-transformer-with-texture')).toEqual(['speech']);
    expect(runReview(root, '--json').stdout).not.toContain('a-transformer-with-texture');
  });

  it('refuses an unknown theme or a bad limit in one line', () => {
    const root = project();
    expect(runReview(root, '--theme', 'nope')).toMatchObject({ status: 1, stderr: 'themes:review: there is no theme "nope" in content/themes.yaml\n' });
    expect(runReview(root, '--limit', 'x').stderr).toBe('themes:review: --limit takes a whole number above 0, not "x"\n');
  });

  it('refuses an empty --theme, rather than reviewing every theme', () => {
    expect(runReview(project(), '--theme=')).toMatchObject({ status: 1, stderr: 'themes:review: --theme names a theme of content/themes.yaml; leave it out to review them all\n' });
  });

  it('refuses a blank --by before asking anything: the next ingest would refuse the labels it wrote', () => {
    const root = project();
    const before = readFileSync(join(root, 'content/theme-labels.yaml'), 'utf8');
    expect(runReview(root, '--by', ' ')).toMatchObject({ status: 1, stderr: 'themes:review: --by names who decides, and cannot be blank\n' });
    expect(readFileSync(join(root, 'content/theme-labels.yaml'), 'utf8')).toBe(before);
  });

  it('refuses a --limit written other than in digits', () => {
    const root = project();
    for (const limit of ['0x5', '1e2', ' 5']) expect(runReview(root, '--limit', limit)).toMatchObject({ status: 1, stderr: `themes:review: --limit takes a whole number above 0, not "${limit}"\n` });
  });

  it('says what is wrong with an option in one line', () => {
    const run = runReview(project(), '--limit', '-1');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^themes:review: Option '--limit' argument is ambiguous\. .*\n$/);
  });
});
