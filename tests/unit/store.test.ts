import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { themeLabelsSchema, trainingPapersSchema } from '../../src/schemas/labels.ts';
import { buildCatalog, type CatalogPlan } from '../../src/ingest/catalog.ts';
import { IngestError } from '../../src/ingest/diagnostics.ts';
import { appendLabel, applyPlan, readCatalogInput, removeLabels, staleFiles } from '../../src/ingest/store.ts';
import { contentPaths } from '../../src/lib/content-dir.ts';
import { writeAtomically } from '../../src/lib/atomic-write.ts';
import { REDIRECTS_FILE } from '../../src/lib/aliases.ts';
import { copyProject, fixtureProject, snapshotDir } from '../support/fixtures.ts';

/** Every file a plan puts in content/papers/: its papers and the redirects manifest. */
const plannedFiles = (plan: CatalogPlan) => [...plan.files.keys(), REDIRECTS_FILE].sort();

/** The diagnostics `readCatalogInput` throws for the project at `root`, or fails the test if it does not throw. */
function readFailure(root: string) {
  try {
    readCatalogInput(contentPaths(root));
  } catch (e) {
    expect(e).toBeInstanceOf(IngestError);
    return (e as IngestError).diagnostics;
  }
  throw new Error('expected readCatalogInput to fail');
}

/** A project copy with its catalog written, and the plan that wrote it. */
function ingestedProject(): { root: string; plan: CatalogPlan } {
  const root = copyProject();
  const plan = buildCatalog(readCatalogInput(contentPaths(root)));
  applyPlan(contentPaths(root), plan);
  return { root, plan };
}

describe('where a project keeps its content', () => {
  it('is content/sources, content/papers and the YAML files of themes, curation, labels and training papers under the root', () => {
    expect(contentPaths('/p')).toEqual({
      root: '/p',
      sources: '/p/content/sources',
      papers: '/p/content/papers',
      themes: '/p/content/themes.yaml',
      curation: '/p/content/curation.yaml',
      labels: '/p/content/theme-labels.yaml',
      training: '/p/content/training-papers.yaml',
    });
  });
});

describe('reading a project', () => {
  it('reads every listing in file-name order, not the manifest, with paths relative to the root', () => {
    const input = readCatalogInput(contentPaths(fixtureProject));
    expect(input.listings.map((l) => [l.file, l.path])).toEqual([
      ['a-search-results.txt', 'content/sources/a-search-results.txt'],
      ['b-daily-papers.txt', 'content/sources/b-daily-papers.txt'],
    ]);
  });

  it('reads the manifest\'s capture dates, the taxonomy, and no papers when there are none yet', () => {
    const input = readCatalogInput(contentPaths(fixtureProject));
    expect(input.manifest.find((m) => m.file === 'b-daily-papers.txt')?.captured).toBe('2025-12-11');
    expect(input.taxonomy.map((t) => t.id)).toEqual(['attention', 'flows']);
    expect(input.existing).toEqual([]);
    expect(input.curation).toEqual({ papers: {} });
  });

  it('a listing the manifest does not mention is read too; hidden files are not', () => {
    const root = copyProject();
    writeFileSync(join(root, 'content/sources/c-unlisted.txt'), 'Title\nAn abstract long enough to be read as one, about nothing.\n');
    writeFileSync(join(root, 'content/sources/.DS_Store'), new Uint8Array([0, 1, 2]));
    expect(readCatalogInput(contentPaths(root)).listings.map((l) => l.file)).toEqual(['a-search-results.txt', 'b-daily-papers.txt', 'c-unlisted.txt']);
  });

  it('a project without a content/sources folder is an error, so its catalog is not emptied', () => {
    const { root } = ingestedProject();
    rmSync(join(root, 'content/sources'), { recursive: true });
    expect(readFailure(root)).toEqual([expect.objectContaining({ severity: 'error', file: 'content/sources' })]);
  });

  it('an emptied content/sources folder is an error too while papers are written, so a checkout gone wrong does not empty the catalog; a new catalog may have none', () => {
    const { root, plan } = ingestedProject();
    const sources = join(root, 'content/sources');
    for (const name of readdirSync(sources)) if (name !== 'sources.yaml') rmSync(join(sources, name));
    writeFileSync(join(sources, 'sources.yaml'), 'listings: []\n');
    const papers = [...plan.files.keys()].filter((name) => name.endsWith('.mdx')).length;
    expect(readFailure(root)).toEqual([expect.objectContaining({ severity: 'error', file: 'content/sources', message: expect.stringContaining(`the ${papers} papers of content/papers/ without notes would be removed`) })]);
    rmSync(join(root, 'content/papers'), { recursive: true });
    expect(readCatalogInput(contentPaths(root)).listings).toEqual([]);
  });

  it('a source file that is a symbolic link is read like any other, also when sources.yaml lists it', () => {
    const root = copyProject();
    const elsewhere = join(root, 'elsewhere.txt');
    writeFileSync(elsewhere, 'Title\nAn abstract long enough to be read as one, about nothing.\n');
    symlinkSync(elsewhere, join(root, 'content/sources/c-linked.txt'));
    writeFileSync(join(root, 'content/sources/sources.yaml'), 'listings:\n  - file: c-linked.txt\n    label: Linked\n');
    const input = readCatalogInput(contentPaths(root));
    expect(input.listings.map((l) => l.file)).toEqual(['a-search-results.txt', 'b-daily-papers.txt', 'c-linked.txt']);
    expect(new TextDecoder().decode(input.listings[2]!.bytes)).toContain('An abstract long enough');
  });

  it('a symbolic link to nothing is an error naming it', () => {
    const root = copyProject();
    symlinkSync(join(root, 'gone.txt'), join(root, 'content/sources/c-linked.txt'));
    expect(readFailure(root)).toEqual([expect.objectContaining({ severity: 'error', file: 'content/sources/c-linked.txt' })]);
  });

  it('in content/papers, a link that leads back to itself, or a file where the folder belongs, is an error naming it, not a raw system message', () => {
    const root = copyProject();
    mkdirSync(join(root, 'content/papers'), { recursive: true });
    symlinkSync('loop.mdx', join(root, 'content/papers/loop.mdx'));
    expect(readFailure(root)).toEqual([expect.objectContaining({ severity: 'error', file: 'content/papers/loop.mdx', message: expect.stringContaining('leads back to itself') })]);
    rmSync(join(root, 'content/papers'), { recursive: true });
    writeFileSync(join(root, 'content/papers'), '');
    expect(readFailure(root)).toEqual([expect.objectContaining({ severity: 'error', file: 'content/papers', message: expect.stringContaining('is a file, where the folder') })]);
  });

  it('a folder inside content/sources is an error naming it, not skipped in silence', () => {
    const root = copyProject();
    mkdirSync(join(root, 'content/sources/more'));
    writeFileSync(join(root, 'content/sources/more/c.txt'), 'Title\nAn abstract long enough to be read as one, about nothing.\n');
    expect(readFailure(root)).toEqual([expect.objectContaining({ severity: 'error', file: 'content/sources/more' })]);
  });

  it('an editor\'s backup of a source is an error naming it, not a second source of old titles', () => {
    for (const name of ['lib.bib~', '#lib.bib#', 'lib.bib.bak', 'lib.bib.orig', 'lib.bib.rej', 'lib.bib.old', 'lib.bib.sav', 'lib.bib.swo', 'lib (conflicted copy 2024-01-02).bib', 'lib - Copy.bib', 'lib - Copy (2).bib', 'lib copy.bib', 'lib copy 2.bib', 'lib (1).bib', 'lib(2).bib']) {
      const root = copyProject();
      // Its original beside it, as a copy has.
      writeFileSync(join(root, 'content/sources/lib.bib'), '@misc{k, title = {Efficient Attention}}\n');
      writeFileSync(join(root, 'content/sources', name), '@misc{k, title = {Efficent Attention}}\n');
      expect(readFailure(root), name).toEqual([expect.objectContaining({ severity: 'error', file: `content/sources/${name}`, message: expect.stringContaining('backup') })]);
    }
  });

  it('a source whose name only looks like a copy\'s is read: "copy" inside a name, a year in brackets, a copy\'s name with no original beside it', () => {
    for (const name of ['copyright-papers.bib', 'my copy of lib.bib', 'lib (2024) picks.bib', 'photocopy.bib', 'hard copy.bib', 'reading list (2).bib', 'NeurIPS (2023).bib', 'papers(2024).bib']) {
      const root = copyProject();
      writeFileSync(join(root, 'content/sources', name), '@misc{k, title = {Efficent Attention}}\n');
      expect(readCatalogInput(contentPaths(root)).listings.map((l) => l.file), name).toContain(name);
    }
  });

  it('a project without sources.yaml still reads its listings', () => {
    const root = copyProject();
    rmSync(join(root, 'content/sources/sources.yaml'));
    const input = readCatalogInput(contentPaths(root));
    expect(input.listings).toHaveLength(2);
    expect(input.manifest).toEqual([]);
  });

  it('reads the paper files already written, and nothing else in content/papers', () => {
    const { root, plan } = ingestedProject();
    writeFileSync(join(root, 'content/papers/README.txt'), 'not a paper');
    const input = readCatalogInput(contentPaths(root));
    expect(input.existing.map((e) => e.file).sort()).toEqual([...plan.files.keys()].sort());
    expect(input.existing.every((e) => e.path === `content/papers/${e.file}`)).toBe(true);
  });

  it('reads the line of each paper\'s entry in curation.yaml, for messages about it', () => {
    const root = copyProject();
    writeFileSync(join(root, 'content/curation.yaml'), '# Decisions\npapers:\n  mamba:\n    hidden: true\n  flow-matching: { renameTo: flow }\n');
    const input = readCatalogInput(contentPaths(root));
    expect([input.curationLine('mamba'), input.curationLine('flow-matching')]).toEqual([3, 5]);
  });

  it('names the content files where they are, in where and in what, under any CONTENT_DIR', () => {
    const root = copyProject();
    renameSync(join(root, 'content'), join(root, 'catalog'));
    writeFileSync(join(root, 'catalog/curation.yaml'), 'papers:\n  no-such-paper: { hidden: true }\n  mamba: { addThemes: [no-such-theme] }\n');
    writeFileSync(join(root, 'catalog/theme-labels.yaml'), 'labels:\n  - { paper: mamba, theme: no-such-theme, label: yes, by: me }\n');
    const previous = process.env.CONTENT_DIR;
    process.env.CONTENT_DIR = 'catalog';
    try {
      const { diagnostics } = buildCatalog(readCatalogInput(contentPaths(root)));
      expect(diagnostics.map((d) => `${d.file}:${d.line}`)).toEqual(expect.arrayContaining(['catalog/curation.yaml:2', 'catalog/theme-labels.yaml:2']));
      expect(diagnostics.some((d) => d.file.startsWith('content/') || d.message.includes('content/'))).toBe(false);
      expect(diagnostics.map((d) => d.message)).toEqual(expect.arrayContaining([expect.stringContaining('in catalog/themes.yaml'), expect.stringContaining('the file name in catalog/papers/')]));
    } finally {
      if (previous === undefined) delete process.env.CONTENT_DIR;
      else process.env.CONTENT_DIR = previous;
    }
  });

  it('a paper file or a YAML file saved in Latin-1 is an error at its first bad byte\'s line, not letters turned to U+FFFD and written back', () => {
    const { root } = ingestedProject();
    const file = readdirSync(join(root, 'content/papers')).find((name) => name.endsWith('.mdx'))!;
    const path = join(root, 'content/papers', file);
    const text = readFileSync(path);
    writeFileSync(path, Buffer.concat([text, Buffer.from('Notes by Ren\u00e9.\n', 'latin1')]));
    expect(readFailure(root)).toEqual([expect.objectContaining({ file: `content/papers/${file}`, line: text.toString('utf8').split('\n').length, message: expect.stringContaining('UTF-8') })]);
    writeFileSync(path, text);
    writeFileSync(join(root, 'content/theme-labels.yaml'), Buffer.from('labels:\n  - { paper: mamba, theme: attention, label: yes, by: "Ren\u00e9" }\n', 'latin1'));
    expect(readFailure(root)).toEqual([expect.objectContaining({ file: 'content/theme-labels.yaml', line: 2, message: expect.stringContaining('UTF-8') })]);
  });

  it('reads the labels and training papers js-yaml reads first as the yaml package, with which the rest are read, would: the shipped files, and YAML the two read apart', () => {
    const shipped = contentPaths(join(import.meta.dirname, '../..'));
    const input = readCatalogInput(shipped);
    expect(input.labels).toEqual(themeLabelsSchema.parse(parse(readFileSync(shipped.labels, 'utf8'))).labels);
    expect(input.training).toEqual(trainingPapersSchema.parse(parse(readFileSync(shipped.training, 'utf8'))).papers);
    // A value js-yaml reads as a number is text to the yaml package.
    const root = copyProject();
    writeFileSync(join(root, 'content/theme-labels.yaml'), 'labels:\n  - { paper: mamba, theme: attention, label: yes, by: 0b11 }\n');
    expect(readCatalogInput(contentPaths(root)).labels).toEqual([{ paper: 'mamba', theme: 'attention', label: 'yes', by: '0b11' }]);
  });

  it('reads the line of each label, for messages about it', () => {
    const root = copyProject();
    writeFileSync(join(root, 'content/theme-labels.yaml'), '# Decisions\nlabels:\n  - { paper: mamba, theme: attention, label: yes, by: me }\n\n  - paper: mamba\n    theme: flows\n    label: no\n    by: me\n');
    writeFileSync(join(root, 'content/training-papers.yaml'), 'papers:\n  - { id: a-paper, title: A paper, abstract: About it. }\n  - id: b-paper\n    title: B paper\n    abstract: About it.\n');
    const input = readCatalogInput(contentPaths(root));
    expect([input.labelLine(0), input.labelLine(1)]).toEqual([3, 5]);
    expect([input.trainingLine(0), input.trainingLine(1)]).toEqual([2, 3]);
  });

  it('a manifest entry for a file that is not there is an error naming sources.yaml', () => {
    const root = copyProject();
    rmSync(join(root, 'content/sources/b-daily-papers.txt'));
    const diagnostics = readFailure(root);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', file: 'content/sources/sources.yaml' })]);
    expect(diagnostics[0]!.message).toContain('b-daily-papers.txt');
  });

  it('an entry may leave out its label (the file name is shown), and listings may be empty while nothing is labelled', () => {
    const root = copyProject();
    const manifest = join(root, 'content/sources/sources.yaml');
    writeFileSync(manifest, 'listings:\n  - file: b-daily-papers.txt\n    captured: 2025-12-11\n');
    expect(readCatalogInput(contentPaths(root)).manifest).toEqual([{ file: 'b-daily-papers.txt', captured: '2025-12-11' }]);
    writeFileSync(manifest, '# labels come later\nlistings:\n');
    expect(readCatalogInput(contentPaths(root)).manifest).toEqual([]);
  });

  it('a label with ": " in it, unquoted, is an error at its line that says to quote it', () => {
    const root = copyProject();
    writeFileSync(join(root, 'content/sources/sources.yaml'), "listings:\n  - file: b-daily-papers.txt\n    label: Zotero: our group's library\n");
    expect(readFailure(root)).toEqual([expect.objectContaining({ file: 'content/sources/sources.yaml', line: 3, message: expect.stringContaining('needs quotes') })]);
  });

  it('a line indented wrong, with no ": " in a value, is not told to quote it but to look at its indent', () => {
    const root = copyProject();
    for (const text of ['listings:\n  - file: b-daily-papers.txt\n      label: Ours\n', 'listings:\n  file: "b-daily-papers.txt"\n  - file: "a.txt"\n']) {
      writeFileSync(join(root, 'content/sources/sources.yaml'), text);
      const [problem] = readFailure(root);
      expect(problem!.message, text).toContain('indented as far as the keys beside it');
      expect(problem!.message, text).not.toContain('quotes');
    }
  });

  it('a capture date that is not YYYY-MM-DD is an error naming sources.yaml', () => {
    const root = copyProject();
    writeFileSync(join(root, 'content/sources/sources.yaml'), 'listings:\n  - file: b-daily-papers.txt\n    label: Daily\n    captured: 11 December 2025\n');
    expect(readFailure(root)).toEqual([expect.objectContaining({ file: 'content/sources/sources.yaml' })]);
  });

  // A person's slip in a file they edit by hand: one error, at the line to fix, never a setting dropped in silence.
  it.each([
    { slip: 'a capture date that is no day of the calendar is an error at its line of sources.yaml', file: 'content/sources/sources.yaml', text: 'listings:\n  - file: b-daily-papers.txt\n    label: Daily\n    captured: 2025-13-45\n', line: 4, names: null },
    { slip: 'a capture date after today (2052 for 2025) is an error at its line, not papers dated decades ahead', file: 'content/sources/sources.yaml', text: 'listings:\n  - file: b-daily-papers.txt\n    label: Daily\n    captured: 2999-12-11\n', line: 4, names: 'after today' },
    { slip: 'a key indented with a tab is an error that names the tab', file: 'content/themes.yaml', text: '- id: attention\n\tname: Attention\n  description: x\n  threshold: 3\n  phrases: [ { match: attention, weight: 3 } ]\n', line: 2, names: 'indented with a tab' },
    { slip: 'two entries for the same file are an error at the second one', file: 'content/sources/sources.yaml', text: 'listings:\n  - file: b-daily-papers.txt\n    label: Daily\n    captured: 2025-12-11\n  - file: b-daily-papers.txt\n    label: Daily\n    captured: 2024-12-11\n', line: 5, names: 'b-daily-papers.txt' },
    { slip: 'a misspelt key in sources.yaml is an error at its line, not dropped', file: 'content/sources/sources.yaml', text: 'listings:\n  - file: b-daily-papers.txt\n    label: Daily\n    captrued: 2025-12-11\n', line: 4, names: 'unknown key "captrued"; did you mean "captured"?' },
    { slip: 'a misspelt top-level key in curation.yaml is an error at its line, not an empty set of decisions', file: 'content/curation.yaml', text: '# Decisions\npaper:\n  mamba:\n    hidden: true\n', line: 2, names: 'unknown key "paper"; did you mean "papers"?' },
    { slip: 'a misspelt optional key of a paper in curation.yaml is an error at its line that names the key meant', file: 'content/curation.yaml', text: 'papers:\n  mamba:\n    hiden: true\n', line: 3, names: 'unknown key "hiden"; did you mean "hidden"?' },
    { slip: 'a theme both added to and removed from one paper is an error at its line, not decided by the rules', file: 'content/curation.yaml', text: 'papers:\n  mamba:\n    addThemes: [attention]\n    removeThemes: [flows, attention]\n', line: 4, names: 'attention' },
    { slip: 'hidden: yes is an error at its line that asks for true or false, since YAML 1.2 reads yes as text', file: 'content/curation.yaml', text: 'papers:\n  mamba:\n    hidden: yes\n', line: 3, names: 'true or false' },
    { slip: 'a misspelt top-level key in theme-labels.yaml is an error at its line, not an empty set of labels', file: 'content/theme-labels.yaml', text: 'label:\n  - { paper: mamba, theme: attention, label: yes, by: me }\n', line: 1, names: null },
    { slip: 'a misspelt top-level key in training-papers.yaml is an error at its line, not an empty set of papers', file: 'content/training-papers.yaml', text: 'paper:\n  - { id: a-paper, title: A paper, abstract: About it. }\n', line: 1, names: null },
    { slip: 'a misspelt optional key of a theme is an error at its line, not dropped', file: 'content/themes.yaml', text: '- id: attention\n  name: Attention\n  description: x\n  scopes: { in: a, out: b }\n  threshold: 3\n  phrases: [ { match: attention, weight: 3 } ]\n', line: 4, names: 'scopes' },
    { slip: 'a misspelt key of a phrase is an error at its line, not dropped', file: 'content/themes.yaml', text: '- id: attention\n  name: Attention\n  description: x\n  threshold: 3\n  phrases:\n    - { match: attention, weight: 3, wieght: 2 }\n', line: 6, names: 'wieght' },
    { slip: 'two training papers with one id are an error at the second, not one paper in silence', file: 'content/training-papers.yaml', text: 'papers:\n  - { id: a-paper, title: A paper, abstract: About it. }\n  - { id: a-paper, title: Another paper, abstract: About another. }\n', line: 3, names: 'a-paper' },
    { slip: 'a weight so large that sums of them overflow is an error at its line, not an emptied theme', file: 'content/themes.yaml', text: '- id: attention\n  name: Attention\n  description: x\n  threshold: 3\n  phrases:\n    - { match: attention, weight: 3 }\n    - { match: graph, weight: 1e308 }\n', line: 7, names: 'at most 1000' },
    { slip: 'the same phrase twice in a theme is an error at the second, not a weight counted twice', file: 'content/themes.yaml', text: '- id: attention\n  name: Attention\n  description: x\n  threshold: 3\n  phrases:\n    - { match: linear attention, weight: 3 }\n    - { match: Linear-Attention, weight: 2 }\n', line: 7, names: 'linear attention' },
    { slip: 'a misspelt required key is one error at its line that names the key meant, not two in schema words', file: 'content/themes.yaml', text: '- id: attention\n  name: Attention\n  description: x\n  treshold: 3\n  phrases: [ { match: attention, weight: 3 } ]\n', line: 4, names: 'unknown key "treshold"; did you mean "threshold"?' },
    { slip: 'a required key left out is an error at its object that says which key is missing', file: 'content/themes.yaml', text: '- id: attention\n  name: Attention\n  description: x\n  phrases: [ { match: attention, weight: 3 } ]\n', line: 1, names: '"threshold" is missing (number expected)' },
    { slip: 'an alias to no anchor is an error at the alias\'s line', file: 'content/curation.yaml', text: 'papers:\n  mamba:\n    hidden: false\n  flows:\n    hidden: *nosuch\n', line: 5, names: 'nosuch' },
    { slip: 'an alias bomb is an error at its first alias, not line 0', file: 'content/curation.yaml', text: `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [${'*a, '.repeat(9)}*a]\nc: &c [${'*b, '.repeat(9)}*b]\nd: &d [${'*c, '.repeat(9)}*c]\npapers: [${'*d, '.repeat(9)}*d]\n`, line: 2, names: 'Excessive alias count' },
    { slip: 'a phrase of 3,000 words is an error at its line, not a pattern the regular-expression engine overflows on', file: 'content/themes.yaml', text: `- id: attention\n  name: Attention\n  description: x\n  threshold: 3\n  phrases:\n    - { match: "${'word '.repeat(3_000).trim()}", weight: 3 }\n`, line: 6, names: 'at most 20 words' },
    { slip: 'a phrase with punctuation it would look for literally is an error at its line, not a shelf that never fills', file: 'content/themes.yaml', text: '- id: attention\n  name: Attention\n  description: x\n  threshold: 3\n  phrases:\n    - { match: "(linear attention", weight: 3 }\n', line: 6, names: '"(linear" has "("' },
  ])('$slip', ({ file, text, line, names }) => {
    const root = copyProject();
    writeFileSync(join(root, file), text);
    const diagnostics = readFailure(root);
    expect(diagnostics).toEqual([expect.objectContaining({ file, line })]);
    if (names) expect(diagnostics[0]!.message).toContain(names);
  });

  it('a renameTo longer than 80 characters is an error at its line, not a file name the disk refuses', () => {
    const root = copyProject();
    writeFileSync(join(root, 'content/curation.yaml'), `papers:\n  mamba:\n    renameTo: ${'x'.repeat(81)}\n`);
    const diagnostics = readFailure(root);
    expect(diagnostics).toEqual([expect.objectContaining({ file: 'content/curation.yaml', line: 3 })]);
    expect(diagnostics[0]!.message).toContain('80');
  });

  it('themes.yaml that is not valid YAML is an error at its file and line', () => {
    const root = copyProject();
    writeFileSync(join(root, 'content/themes.yaml'), '- id: attention\n  name: Attention\n  phrases: [ { match: attention, weight: 3 }\n');
    const [diagnostic] = readFailure(root);
    expect(diagnostic).toMatchObject({ severity: 'error', file: 'content/themes.yaml' });
    expect(diagnostic!.line).toBeGreaterThan(0);
  });

  it('a theme that breaks the taxonomy schema is an error naming themes.yaml and the field', () => {
    const root = copyProject();
    writeFileSync(join(root, 'content/themes.yaml'), '- id: Not A Slug\n  name: Attention\n  description: x\n  threshold: 3\n  phrases: [ { match: attention, weight: 3 } ]\n');
    const diagnostics = readFailure(root);
    expect(diagnostics).toEqual([expect.objectContaining({ file: 'content/themes.yaml' })]);
    expect(diagnostics[0]!.message).toContain('id');
  });

  it('a missing themes.yaml is an error naming it', () => {
    const root = copyProject();
    rmSync(join(root, 'content/themes.yaml'));
    expect(readFailure(root)).toEqual([{ severity: 'error', file: 'content/themes.yaml', line: 0, message: 'there is no such file, and the catalog needs it (see README)' }]);
  });

  it('an empty themes.yaml is an error saying so; an empty curation or sources.yaml is the same as none', () => {
    const root = copyProject();
    for (const file of ['curation.yaml', 'sources/sources.yaml']) writeFileSync(join(root, 'content', file), '# nothing yet\n');
    expect(() => readCatalogInput(contentPaths(root))).not.toThrow();
    writeFileSync(join(root, 'content/themes.yaml'), '');
    expect(readFailure(root)).toEqual([expect.objectContaining({ file: 'content/themes.yaml', message: 'is empty; the catalog needs it (see README)' })]);
  });

  it('an emptied labels or training file is an error, not none: its rows were people\'s work, and prune would take the rest', () => {
    const root = copyProject();
    writeFileSync(join(root, 'content/theme-labels.yaml'), 'labels:\n  - { paper: a, theme: flows, label: yes, by: me }\n');
    expect(() => readCatalogInput(contentPaths(root))).not.toThrow();
    for (const file of ['theme-labels.yaml', 'training-papers.yaml']) {
      writeFileSync(join(root, 'content', file), '');
      expect(readFailure(root)).toEqual([expect.objectContaining({ file: `content/${file}`, message: expect.stringMatching(/^is empty, as a save cut short leaves a file.*to have none, write its list empty/) })]);
      rmSync(join(root, 'content', file));
      expect(() => readCatalogInput(contentPaths(root))).not.toThrow();
    }
  });

  it('a key twice in one map is an error at the second, naming the first, found in linear time (20,000 entries took 20 s)', () => {
    const root = copyProject();
    writeFileSync(join(root, 'content/curation.yaml'), 'papers:\n  mamba:\n    hidden: true\n  mamba:\n    hidden: false\n');
    expect(readFailure(root)).toEqual([{ severity: 'error', file: 'content/curation.yaml', line: 4, message: '"mamba" is a key of this map already (line 2); keep one' }]);
    const many = Array.from({ length: 20_000 }, (_, i) => `  gone-paper-${i}:\n    hidden: true\n`).join('');
    writeFileSync(join(root, 'content/curation.yaml'), `papers:\n${many}  gone-paper-7:\n    hidden: false\n`);
    const started = performance.now();
    expect(readFailure(root)).toEqual([expect.objectContaining({ line: 40_002, message: '"gone-paper-7" is a key of this map already (line 16); keep one' })]);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('a YAML error is its parser\'s first line, without the position the diagnostic already gives', () => {
    const root = copyProject();
    writeFileSync(join(root, 'content/curation.yaml'), 'papers:\n  mamba:\n    hidden: true\n   flows: [\n');
    expect(readFailure(root)).toEqual([expect.objectContaining({ file: 'content/curation.yaml', line: 4, message: expect.not.stringMatching(/at line \d+/) })]);
  });
});

describe('finding stale files', () => {
  it('before the first ingest, every planned file is stale', () => {
    const root = copyProject();
    const plan = buildCatalog(readCatalogInput(contentPaths(root)));
    expect(staleFiles(contentPaths(root), plan)).toEqual(plannedFiles(plan));
  });

  it('after applying the plan, nothing is stale', () => {
    const { root, plan } = ingestedProject();
    expect(staleFiles(contentPaths(root), plan)).toEqual([]);
  });

  it('a file edited by hand, a file deleted, and a file to remove are stale', () => {
    const { root, plan } = ingestedProject();
    const [edited, deleted] = [...plan.files.keys()];
    writeFileSync(join(root, 'content/papers', edited!), 'edited by hand');
    rmSync(join(root, 'content/papers', deleted!));
    const withRemoval = { ...plan, remove: ['gone.mdx'] };
    expect(staleFiles(contentPaths(root), withRemoval)).toEqual([edited, deleted, 'gone.mdx'].sort());
  });
});

describe('applying a plan', () => {
  it('writes every planned file, creating content/papers if needed', () => {
    const root = copyProject();
    expect(existsSync(join(root, 'content/papers'))).toBe(false);
    const plan = buildCatalog(readCatalogInput(contentPaths(root)));
    const { written } = applyPlan(contentPaths(root), plan);
    expect(written).toHaveLength(5);
    const onDisk = snapshotDir(join(root, 'content/papers'));
    expect(Object.keys(onDisk)).toEqual(plannedFiles(plan));
    for (const [file, text] of plan.files) expect(Buffer.from(onDisk[file]!, 'latin1').toString('utf8')).toBe(text);
  });

  it('applying the same plan again writes nothing', () => {
    const { root, plan } = ingestedProject();
    expect(applyPlan(contentPaths(root), plan)).toEqual({ written: [], removed: [] });
  });

  it('removes the files the plan removes, and leaves files it does not know alone', () => {
    const { root, plan } = ingestedProject();
    const old = '---\nid: "old-paper"\n---\n';
    writeFileSync(join(root, 'content/papers/old-paper.mdx'), old);
    writeFileSync(join(root, 'content/papers/README.txt'), 'not a paper');
    const { removed } = applyPlan(contentPaths(root), { ...plan, remove: ['old-paper.mdx'], read: new Map([...plan.read, ['old-paper.mdx', old]]) });
    expect(removed).toEqual(['old-paper.mdx']);
    expect(readdirSync(join(root, 'content/papers')).sort()).toEqual([...plannedFiles(plan), 'README.txt'].sort());
  });

  it('notes saved while the ingest ran are not written over: an error names the file, and nothing is written', () => {
    const { root } = ingestedProject();
    const paths = contentPaths(root);
    const [file] = readdirSync(paths.papers).filter((name) => name.endsWith('.mdx'));
    appendFileSync(join(paths.papers, file!), '\nNotes written before the run.\n');
    const plan = buildCatalog(readCatalogInput(paths));
    // A source changed too, so the plan rewrites the file, from the text it read.
    const planned = new Map([...plan.files].map(([name, text]) => [name, name === file ? text.replace(/^upvotes: .*$/m, 'upvotes: 999') : text]));
    appendFileSync(join(paths.papers, file!), 'A paragraph saved in the editor meanwhile.\n');
    const before = snapshotDir(paths.papers);
    let thrown: unknown;
    try {
      applyPlan(paths, { ...plan, files: planned });
    } catch (e) {
      thrown = e;
    }
    expect((thrown as IngestError).diagnostics).toEqual([expect.objectContaining({ file: `content/papers/${file}`, message: expect.stringContaining('changed while the ingest ran') })]);
    expect(snapshotDir(paths.papers)).toEqual(before);
    // Run again, it reads the notes as they are now, and keeps them.
    applyPlan(paths, buildCatalog(readCatalogInput(paths)));
    expect(readFileSync(join(paths.papers, file!), 'utf8')).toMatch(/Notes written before the run\.\nA paragraph saved in the editor meanwhile\.\n$/);
  });

  it('a write that fails part-way leaves content/papers as it was, without temporary files', () => {
    const { root, plan } = ingestedProject();
    const papers = join(root, 'content/papers');
    const before = snapshotDir(papers);
    const [first] = [...plan.files.keys()];
    const files = new Map(plan.files);
    files.set(first!, 'a new text for a file that exists');
    files.set('zz-missing-dir/cannot-be-written.mdx', 'this write fails: the folder does not exist');
    expect(() => applyPlan(contentPaths(root), { ...plan, files, remove: [first!] })).toThrow();
    expect(snapshotDir(papers)).toEqual(before);
  });

  it('a folder where a paper file goes is an error naming it, before anything is written', () => {
    const { root, plan } = ingestedProject();
    const papers = join(root, 'content/papers');
    const [first] = [...plan.files.keys()];
    rmSync(join(papers, first!));
    const before = snapshotDir(papers);
    mkdirSync(join(papers, first!));
    let thrown: unknown;
    try {
      applyPlan(contentPaths(root), plan);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(IngestError);
    expect((thrown as IngestError).diagnostics).toEqual([expect.objectContaining({ file: `content/papers/${first}`, message: expect.stringContaining('is not a file') })]);
    rmSync(join(papers, first!), { recursive: true });
    expect(snapshotDir(papers)).toEqual(before);
  });
});

describe('writing files atomically', () => {
  it('a rename that fails part-way removes the files already placed and every temporary file', () => {
    const root = copyProject();
    const dir = join(root, 'content/sources');
    // A folder cannot be replaced by a file: the second rename fails after the first has landed.
    mkdirSync(join(dir, 'b-is-a-folder.json', 'inside'), { recursive: true });
    const before = readdirSync(dir).sort();
    expect(() => writeAtomically([[join(dir, 'a-new.json'), '[]'], [join(dir, 'b-is-a-folder.json'), '[]']])).toThrow();
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('a file already replaced when a later rename fails gets its old content back, and one to be removed stays', () => {
    const root = copyProject();
    const dir = join(root, 'content/sources');
    writeFileSync(join(dir, 'a.json'), 'old');
    writeFileSync(join(dir, 'gone.json'), 'kept');
    const before = readdirSync(dir).sort();
    // The same target twice: the second rename finds its temporary file already moved, after the first landed.
    expect(() => writeAtomically([[join(dir, 'a.json'), 'new'], [join(dir, 'a.json'), 'newer']], [join(dir, 'gone.json')])).toThrow();
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('old');
    expect(readFileSync(join(dir, 'gone.json'), 'utf8')).toBe('kept');
  });

  it('removes files in the same step, and leaves no backup behind', () => {
    const root = copyProject();
    const dir = join(root, 'content/sources');
    writeFileSync(join(dir, 'a.json'), 'old');
    writeFileSync(join(dir, 'gone.json'), 'x');
    writeAtomically([[join(dir, 'a.json'), 'new']], [join(dir, 'gone.json')]);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('new');
    expect(readdirSync(dir).filter((name) => name.startsWith('.') || name === 'gone.json')).toEqual([]);
  });
});

describe('removing labels', () => {
  it('removes the rows named, and keeps every comment and blank line: one above a removed row moves to the next row kept', () => {
    const root = copyProject();
    const paths = contentPaths(root);
    writeFileSync(
      paths.labels,
      '# header\nlabels:\n  - { paper: a, theme: t, label: yes, by: x }\n\n  # === ours: keep ===\n  - { paper: gone1, theme: t, label: yes, by: x }\n  - { paper: b, theme: t, label: no, by: x }\n  # demo\n  - { paper: gone2, theme: t, label: yes, by: x }\n',
    );
    removeLabels(paths, [1, 3]);
    expect(readFileSync(paths.labels, 'utf8')).toBe('# header\nlabels:\n  - { paper: a, theme: t, label: yes, by: x }\n\n  # === ours: keep ===\n  - { paper: b, theme: t, label: no, by: x }\n  # demo\n');
  });

  it('removes nothing when the rows it was told of have moved since they were read (a review\'s answer, a hand edit)', () => {
    const root = copyProject();
    const paths = contentPaths(root);
    writeFileSync(paths.labels, 'labels:\n  - { paper: a, theme: t, label: yes, by: x }\n  - { paper: gone, theme: t, label: no, by: x }\n');
    const read = readCatalogInput(paths).labels;
    // A row added above them meanwhile: index 1 is now "a".
    writeFileSync(paths.labels, 'labels:\n  - { paper: new, theme: t, label: yes, by: y }\n  - { paper: a, theme: t, label: yes, by: x }\n  - { paper: gone, theme: t, label: no, by: x }\n');
    const before = readFileSync(paths.labels, 'utf8');
    expect(() => removeLabels(paths, [1], read)).toThrow(/theme-labels\.yaml changed since it was read, so nothing was removed/);
    expect(readFileSync(paths.labels, 'utf8')).toBe(before);
    removeLabels(paths, [2], readCatalogInput(paths).labels);
    expect(readCatalogInput(paths).labels.map((l) => l.paper)).toEqual(['new', 'a']);
  });

  it('a list left blank ("labels:", every row deleted by hand) takes the next answer as its first row', () => {
    const root = copyProject();
    const paths = contentPaths(root);
    writeFileSync(paths.labels, '# header\nlabels:\n');
    appendLabel(paths, { paper: 'b', theme: 't', label: 'no', by: 'y' });
    expect(readFileSync(paths.labels, 'utf8')).toBe('# header\nlabels:\n  - { paper: b, theme: t, label: no, by: y }\n');
  });

  it('removing every row leaves "labels:" blank, so a row typed under it by hand reads, and keeps the comments', () => {
    const root = copyProject();
    const paths = contentPaths(root);
    writeFileSync(paths.labels, '# header\nlabels:\n  # demo\n  - { paper: gone1, theme: t, label: yes, by: x }\n  - { paper: gone2, theme: t, label: no, by: x }\n');
    removeLabels(paths, [0, 1]);
    const left = readFileSync(paths.labels, 'utf8');
    expect(left).toMatch(/^# header\nlabels:\s*(?:#[^\n]*)?\n/);
    expect(left).toContain('# demo');
    expect(left).not.toContain('[]');
    writeFileSync(paths.labels, `${left}  - { paper: a, theme: t, label: yes, by: me }\n`);
    expect(readCatalogInput(paths).labels).toEqual([expect.objectContaining({ paper: 'a', theme: 't', by: 'me' })]);
    // Or the next answer of themes:review, which keeps the comments too, each on its line.
    writeFileSync(paths.labels, '# header\nlabels:\n  # one\n  - { paper: gone1, theme: t, label: yes, by: x }\n  # two\n  - { paper: gone2, theme: t, label: no, by: x }\n');
    removeLabels(paths, [0, 1]);
    appendLabel(paths, { paper: 'b', theme: 't', label: 'no', by: 'y' });
    const answered = readFileSync(paths.labels, 'utf8');
    expect(answered).toMatch(/\n\s*# one\n\s*# two\n/);
    expect(answered).toContain('- { paper: b, theme: t, label: no, by: y }');
  });

  it('two reviews answering at once both keep every answer: each reads, adds and writes under a lock', async () => {
    const root = copyProject();
    const paths = contentPaths(root);
    // A file as large as the demo's, which takes each answer a good part of a second to read and write: the two overlap.
    const rows = Array.from({ length: 6000 }, (_, i) => `  - { paper: p${i}, theme: t, label: yes, by: x }\n`).join('');
    writeFileSync(paths.labels, `labels:\n${rows}`);
    const store = new URL('../../src/ingest/store.ts', import.meta.url).pathname;
    const review = (who: string) =>
      new Promise<number | null>((done) => {
        const script = `import { appendLabel } from ${JSON.stringify(store)};\nfor (let i = 0; i < 3; i++) appendLabel(${JSON.stringify(paths)}, { paper: '${who}-' + i, theme: 't', label: 'no', by: '${who}' });`;
        spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' }).on('close', done);
      });
    expect(await Promise.all([review('alice'), review('bob')])).toEqual([0, 0]);
    const answers = readCatalogInput(paths).labels.filter((l) => l.by !== 'x').map((l) => l.paper).sort();
    expect(answers).toEqual(['alice-0', 'alice-1', 'alice-2', 'bob-0', 'bob-1', 'bob-2']);
    expect(readdirSync(join(root, 'content')).filter((name) => name.startsWith('.'))).toEqual([]);
  }, 60_000);

  it('an answer to a labels file emptied meanwhile is refused, not written as the file\'s only row', () => {
    const root = copyProject();
    const paths = contentPaths(root);
    for (const emptied of ['', '# People\'s decisions about papers and shelves\n# (the rest was lost)\n']) {
      writeFileSync(paths.labels, emptied);
      expect(() => appendLabel(paths, { paper: 'b', theme: 't', label: 'no', by: 'y' })).toThrow(/theme-labels\.yaml is empty, as a save cut short leaves a file, so this was not saved/);
      expect(readFileSync(paths.labels, 'utf8')).toBe(emptied);
    }
  });

  it('a file saved with Windows line ends keeps them, so only the rows removed or added change', () => {
    const root = copyProject();
    const paths = contentPaths(root);
    writeFileSync(paths.labels, '# header\r\nlabels:\r\n  - { paper: a, theme: t, label: yes, by: x }\r\n  - { paper: gone, theme: t, label: no, by: x }\r\n');
    removeLabels(paths, [1]);
    appendLabel(paths, { paper: 'b', theme: 't', label: 'no', by: 'y' });
    expect(readFileSync(paths.labels, 'utf8')).toBe('# header\r\nlabels:\r\n  - { paper: a, theme: t, label: yes, by: x }\r\n  - { paper: b, theme: t, label: no, by: y }\r\n');
  });
});
