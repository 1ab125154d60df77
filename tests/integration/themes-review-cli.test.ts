/**
 * `npm run themes:review` as a maintainer uses it: answers in a real terminal go to the labels
 * file at once, quitting part-way loses nothing, and the next ingest moves the paper.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * Runs the review in a pseudo-terminal (`script`): `ahead` is typed at once, before anything is
 * asked, then each of `keys` as its question appears. A review still waiting for an answer after
 * 15 s is ended, so a test fails on what it printed rather than by timing out.
 */
async function reviewInTerminal(root: string, { ahead = '', keys = [] }: { ahead?: string; keys?: string[] }, ...args: string[]): Promise<string> {
  const command = [process.execPath, join(repoRoot, 'scripts/themes-review.ts'), ...args].map((a) => `'${a}'`).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: root, timeout: 15_000 });
  child.stdin.write(ahead);
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
    const review = await reviewInTerminal(root, { keys: ['y\n', '\x03'] }, '--theme', 'speech', '--by', 'ada');
    expect(review).toContain(UNCLEAR);
    expect(review).toContain('1 answer(s) saved');
    expect(labelsOf(root)).toHaveLength(rows + 1);
    expect(labelsOf(root).at(-1)).toEqual({ paper: 'a-transformer-with-texture', theme: 'speech', label: 'yes', by: 'ada' });

    expect(runIngest(root).status).toBe(0);
    expect(themesOf(root, 'a-transformer-with-texture')).toEqual(['speech']);
    expect(runReview(root, '--json').stdout).not.toContain('a-transformer-with-texture');
  });

  it('refuses an unknown theme in one line, naming the theme it is likely a typo of, or else every theme', () => {
    const root = project();
    expect(runReview(root, '--theme', 'speach')).toMatchObject({ status: 1, stderr: 'themes:review: there is no theme "speach" in content/themes.yaml; did you mean "speech"?\n' });
    expect(runReview(root, '--theme', 'nope')).toMatchObject({ status: 1, stderr: 'themes:review: there is no theme "nope" in content/themes.yaml; its themes are speech\n' });
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

  it('refuses a --limit that is not a whole number above 0, written in digits', () => {
    const root = project();
    for (const limit of ['x', '-1', '0x5', '1e2', ' 5']) expect(runReview(root, '--limit', limit)).toMatchObject({ status: 1, stderr: `themes:review: --limit takes a whole number above 0, not "${limit}"\n` });
  });

  it('applies answers typed ahead of their questions, all of them, in order', async () => {
    const root = project();
    // A second paper the shelf is unsure of, so there are two questions to answer ahead.
    appendFileSync(join(root, 'content/sources/week.txt'), ['A transformer with detail', 'We propose a transformer for spoken texture and utterances.', ''].join('\n'));
    const queue = JSON.parse(runReview(root, '--json', '--theme', 'speech').stdout) as { paper: string }[];
    expect(queue).toHaveLength(2);
    const rows = labelsOf(root).length;

    // Pasted before the first question appears, while the catalog is still being read.
    const review = await reviewInTerminal(root, { ahead: 'n\nwhat?\ny\n' }, '--theme', 'speech', '--by', 'ada');
    expect(labelsOf(root).slice(rows)).toEqual([
      { paper: queue[0]!.paper, theme: 'speech', label: 'no', by: 'ada' },
      { paper: queue[1]!.paper, theme: 'speech', label: 'yes', by: 'ada' },
    ]);
    expect(review).toContain('answer y, n, s or q');
    expect(review).toContain('2 answer(s) saved to content/theme-labels.yaml; run `npm run ingest` to retrain the shelves.');
  });

  it('Ctrl-Z does not stop the review (under npm the terminal hung): it says how to stop, and the next answer is taken', async () => {
    const root = project();
    const rows = labelsOf(root).length;
    const review = await reviewInTerminal(root, { keys: ['\x1a', 'y\n'] }, '--theme', 'speech', '--by', 'ada');
    expect(review).toContain('a review does not pause: answer q to stop');
    expect(labelsOf(root).slice(rows)).toEqual([expect.objectContaining({ theme: 'speech', label: 'yes', by: 'ada' })]);
    expect(review).toContain('1 answer(s) saved to content/theme-labels.yaml');
  });

  it('asks again, with the answers it takes, on one it cannot read; quitting with none saved says so and suggests no retraining', async () => {
    const root = project();
    const before = readFileSync(join(root, 'content/theme-labels.yaml'), 'utf8');
    const review = await reviewInTerminal(root, { keys: ['maybe\n', 'q\n'] }, '--theme', 'speech');
    expect(review.split('[q]uit: ')).toHaveLength(3);
    expect(review).toContain('\nanswer y, n, s or q\r\n');
    expect(review).toContain('No answer saved; content/theme-labels.yaml is as it was.');
    expect(review).not.toContain('npm run ingest');
    expect(readFileSync(join(root, 'content/theme-labels.yaml'), 'utf8')).toBe(before);
  });

  it('says there is nothing to review when the queue is empty, with or without a terminal', async () => {
    const root = project();
    const queue = JSON.parse(runReview(root, '--json', '--theme', 'speech').stdout) as { paper: string }[];
    const file = join(root, 'content/theme-labels.yaml');
    const labels = parse(readFileSync(file, 'utf8')) as { labels: object[] };
    writeFileSync(file, stringify({ labels: [...labels.labels, ...queue.map(({ paper }) => ({ paper, theme: 'speech', label: 'no', by: 'tests' }))] }));

    const nothing = 'Nothing to review: the shelves are sure of every unlabelled paper.';
    expect(runReview(root, '--theme', 'speech')).toEqual({ status: 0, stdout: `${nothing}\n`, stderr: '' });
    expect(await reviewInTerminal(root, {}, '--theme', 'speech')).toContain(nothing);
  });
});

describe('npm run themes:prune', () => {
  const prune = (root: string, ...args: string[]): RunResult => {
    const result = spawnSync(process.execPath, [join(repoRoot, 'scripts/themes-prune.ts'), ...args], { cwd: root, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it('removes the labels of papers gone from the catalog (a replaced demo), keeping the others and the comments, and the ingest warns no more', () => {
    const root = project();
    const labels = join(root, 'content/theme-labels.yaml');
    const kept = readFileSync(labels, 'utf8');
    writeFileSync(labels, `# our shelves\n${kept}`);
    appendFileSync(labels, '  - { paper: a-demo-paper, theme: speech, label: yes, by: demo }\n  - { paper: another-demo-paper, theme: speech, label: no, by: demo }\n');
    expect(runIngest(root).stderr).toMatch(/2 labels .*neither in the catalog nor a training paper/);

    const run = prune(root);
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(/removed 2 label\(s\) of 2 paper\(s\)/);
    expect(readFileSync(labels, 'utf8')).toBe(`# our shelves\n${kept}`);
    expect(runIngest(root)).toMatchObject({ status: 0, stderr: '' });
    expect(prune(root).stdout).toContain('nothing removed');
  });

  it('removes nothing while training-papers.yaml is missing: its papers\' labels would all look stray; "papers: []" says to', () => {
    const root = project();
    const labels = join(root, 'content/theme-labels.yaml');
    const before = readFileSync(labels, 'utf8');
    rmSync(join(root, 'content/training-papers.yaml'));
    const run = prune(root);
    expect(run).toMatchObject({ status: 1, stdout: '' });
    expect(run.stderr).toMatch(/^themes:prune: content\/training-papers\.yaml is missing, so the labels of its papers look like strays too; nothing removed/);
    expect(readFileSync(labels, 'utf8')).toBe(before);
    writeFileSync(join(root, 'content/training-papers.yaml'), 'papers: []\n');
    expect(prune(root)).toMatchObject({ status: 0, stdout: expect.stringMatching(/removed 60 label\(s\) of 60 paper\(s\)/) });
  });

  it('keeps the labels of a paper its sources dropped but its notes keep published', () => {
    const root = project();
    expect(runIngest(root).status).toBe(0);
    const paper = join(root, 'content/papers/image-synthesis-on-a-pixel-grid.mdx');
    appendFileSync(paper, '\nOur notes.\n');
    appendFileSync(join(root, 'content/theme-labels.yaml'), '  - { paper: image-synthesis-on-a-pixel-grid, theme: speech, label: no, by: us }\n');
    writeFileSync(join(root, 'content/sources/week.txt'), [UNCLEAR, 'We propose a transformer for spoken utterances and texture details.', ''].join('\n'));
    // The ingest and the prune agree: a label of a published paper is no stray, by its id or a former one.
    appendFileSync(join(root, 'content/theme-labels.yaml'), '  - { paper: a-former-id, theme: speech, label: no, by: us }\n');
    writeFileSync(paper, readFileSync(paper, 'utf8').replace('aliases: []', 'aliases:\n  - "a-former-id"'));
    const ingest = runIngest(root);
    expect(ingest.stderr).toContain('it is kept because it has notes');
    expect(ingest.stderr).not.toContain('neither in the catalog nor a training paper');
    expect(prune(root).stdout).toContain('nothing removed');
  });

  it('removes the labels of a theme taken out of themes.yaml when told which, as the ingest says; never of a theme not named', () => {
    const root = project();
    const content = join(root, 'content');
    writeFileSync(join(content, 'themes.yaml'), stringify([{ id: 'vision', name: 'Vision', description: 'Images.', threshold: 3, phrases: [{ match: 'image synthesis', weight: 3 }] }]));
    const refused = runIngest(root);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/60 labels \(this line, lines .*\) name theme "speech", which is not in content\/themes\.yaml; if the theme was removed, `npm run themes:prune -- --theme speech` removes its labels; if renamed, rename them/);
    const labels = readFileSync(join(content, 'theme-labels.yaml'), 'utf8');
    // Not named, or named wrong: the labels stay (a renamed theme's are to be renamed).
    expect(prune(root)).toMatchObject({ status: 1, stderr: expect.stringMatching(/name theme "speech"/) });
    expect(prune(root, '--theme', 'vision')).toMatchObject({ status: 1, stderr: expect.stringMatching(/vision is in themes\.yaml/) });
    expect(prune(root, '--theme', 'speach')).toMatchObject({ status: 1, stderr: expect.stringMatching(/no label names "speach"/) });
    expect(readFileSync(join(content, 'theme-labels.yaml'), 'utf8')).toBe(labels);

    const run = prune(root, '--theme', 'speech');
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(/removed 60 label\(s\) of speech, a theme themes\.yaml no longer has; 0 remain/);
    expect(runIngest(root)).toMatchObject({ status: 0 });
    // What is left is a file of comments and no rows; one left blank ("labels:") reads the same.
    writeFileSync(join(content, 'theme-labels.yaml'), '# our decisions\nlabels:\n');
    expect(runIngest(root)).toMatchObject({ status: 0, stderr: '' });
  });

  it('removes nothing while a source does not read: its papers are missing, not gone', () => {
    const root = project();
    const labels = readFileSync(join(root, 'content/theme-labels.yaml'), 'utf8');
    writeFileSync(join(root, 'content/sources/broken.json'), '[{"paper": ');
    const run = prune(root);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/broken\.json(:\d+)?: error/);
    expect(readFileSync(join(root, 'content/theme-labels.yaml'), 'utf8')).toBe(labels);
  });
});
