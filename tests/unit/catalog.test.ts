import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog, type CatalogInput, type CatalogPlan } from '../../src/ingest/catalog.ts';
import { parsePaperFile } from '../../src/ingest/frontmatter.ts';
import { sameTitle } from '../../src/ingest/labels.ts';
import { summarize } from '../../src/ingest/report.ts';
import { slugForTitle } from '../../src/ingest/slug.ts';
import { readCatalogInput } from '../../src/ingest/store.ts';
import { contentPaths, paperIdOfFile } from '../../src/lib/content-dir.ts';
import { paperSchema, type Paper } from '../../src/schemas/paper.ts';
import { defaultFiles, errorsIn, fixtureProject, lineOf, readListingFixture, warningsIn } from '../support/fixtures.ts';
import { madeUpPapers } from '../support/theme-corpus.ts';

const FLOW = 'Flow Matching for Generative Modeling';
const ATTENTION = 'Attention Is All You Need';
const MAMBA = 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces';
const FLEXDIT = 'FlexDiT: Dynamic Token Density Control for Diffusion Transformer';

/** The lines of a file's rows or entries, by index or id, as `CatalogInput` asks for them. */
const linesOf =
  (lines: Readonly<Record<string, number>> | readonly number[]) =>
  (key: string | number): number =>
    (lines as Record<string, number>)[key] ?? 0;

/** A catalog input built in memory; what a test leaves out is empty. */
function catalogInput(input: Partial<CatalogInput> & Pick<CatalogInput, 'listings'>): CatalogInput {
  return { manifest: [], taxonomy: [], curation: { papers: {} }, curationLine: () => 0, labels: [], labelLine: () => 0, training: [], trainingLine: () => 0, existing: [], files: defaultFiles, ...input };
}

/** A listing file for `catalogInput`, stored under `content/sources/` like a real one. */
function listingFile(file: string, text: string | Uint8Array) {
  return { file, path: `content/sources/${file}`, bytes: typeof text === 'string' ? new TextEncoder().encode(text) : text };
}

/** The fixture project as the ingest reads it (it has no content/papers/ yet). */
const projectInput = (): CatalogInput => readCatalogInput(contentPaths(fixtureProject));
const sourceText = (file: string) => readFileSync(join(fixtureProject, 'content/sources', file), 'utf8');
const paperTitled = (plan: CatalogPlan, title: string) => plan.papers.find((p) => p.title === title)!;

/** The plan's files as they would sit in content/papers/, optionally with notes appended to some. */
function writtenFiles(plan: CatalogPlan, notes: Record<string, string> = {}): CatalogInput['existing'] {
  return [...plan.files].map(([file, text]) => ({ file, path: `content/papers/${file}`, text: text + (notes[file] ?? '') }));
}

describe('building the catalog of the fixture project', () => {
  const plan = buildCatalog(projectInput());

  it('every listed paper reaches the catalog once, chrome-free: 6 listed, 2 of them duplicates, 4 papers', () => {
    expect(plan.papers.map((p) => p.title).sort()).toEqual([ATTENTION, FLEXDIT, FLOW, MAMBA]);
    expect(plan.stats).toEqual({ listings: 2, occurrences: 6, duplicates: 2, withoutAbstract: 0 });
    expect(plan.diagnostics).toEqual([]);
  });

  it('a paper in two listings names both, with the line of its title in each', () => {
    expect(paperTitled(plan, ATTENTION).sources).toEqual([
      { listing: 'a-search-results.txt', line: lineOf(sourceText('a-search-results.txt'), ATTENTION) },
      { listing: 'b-daily-papers.txt', line: lineOf(sourceText('b-daily-papers.txt'), ATTENTION) },
    ]);
  });

  it('metadata comes from the listing that shows it', () => {
    expect(paperTitled(plan, ATTENTION)).toMatchObject({ authorsCount: 8, org: null, listedOn: '2017-06-12', upvotes: 99 });
  });

  it('a date without a year takes the capture year that sources.yaml gives its listing', () => {
    expect(paperTitled(plan, FLEXDIT).listedOn).toBe('2025-02-23');
  });

  it('links are taken from the abstract, without the full stop after them', () => {
    expect(paperTitled(plan, FLOW).links).toEqual(['https://github.com/facebookresearch/flow_matching']);
    expect(paperTitled(plan, MAMBA).links).toEqual([]);
  });

  it('papers are shelved by the taxonomy, with the evidence', () => {
    expect(paperTitled(plan, ATTENTION).themes).toEqual(['attention']);
    expect(paperTitled(plan, FLOW).themes).toEqual(['flows']);
    expect(paperTitled(plan, FLEXDIT).themes).toEqual([]);
    expect(paperTitled(plan, FLOW).evidence).toEqual({ flows: { by: 'rules', score: null, phrases: [{ phrase: 'flow matching', field: 'title' }], terms: [] } });
  });

  it('each paper is one file named by its id, and the file reads back as the paper', () => {
    expect([...plan.files.keys()].sort()).toEqual(plan.papers.map((p) => `${p.id}.mdx`).sort());
    for (const paper of plan.papers) {
      const { data, body } = parsePaperFile(plan.files.get(`${paper.id}.mdx`)!);
      expect(paperSchema.parse(data)).toEqual(paper);
      expect(body).toBe('');
    }
  });

  it('a new paper\'s id is the slug of its title', () => {
    expect(paperTitled(plan, MAMBA).id).toBe('mamba-linear-time-sequence-modeling-with-selective-state-spaces');
  });
});

describe('determinism', () => {
  it('ingest output is byte-identical across runs', () => {
    expect(buildCatalog(projectInput()).files).toEqual(buildCatalog(projectInput()).files);
  });

  it('the order in which listings are handed over does not change the output', () => {
    const input = projectInput();
    const reversed = { ...input, listings: [...input.listings].reverse() };
    expect([...buildCatalog(reversed).files]).toEqual([...buildCatalog(input).files]);
  });
});

describe('text from the listings reaches the files intact', () => {
  const text = readListingFixture('markup-and-latex.txt');
  const [titleLine, abstractLine] = text.split('\n');
  const plan = buildCatalog(catalogInput({ listings: [listingFile('markup.txt', text)] }));
  const [file] = [...plan.files.values()];
  const data = parsePaperFile(file!).data as Paper;

  it('a title and abstract full of MDX, YAML, HTML and LaTeX characters read back exactly as listed', () => {
    expect(data.title).toBe(titleLine);
    expect(data.abstract).toBe(abstractLine!.trim());
  });

  it('none of that text appears unquoted in the frontmatter', () => {
    expect(file).toContain(`title: ${JSON.stringify(titleLine)}`);
  });

  it('the URL glued to LaTeX braces becomes a clean link', () => {
    expect(data.links).toEqual(['https://github.com/HolmesShuan/FireFlow']);
  });

  it('runs of whitespace in a title become one space, and bidirectional controls are removed from title and abstract', () => {
    const listing = 'Attention\u00a0 Is\tAll You\u202e Need\nThe dominant \u2066sequence transduction models are based on recurrent networks.\n';
    const [paper] = buildCatalog(catalogInput({ listings: [listingFile('a.txt', listing)] })).papers;
    expect(paper).toMatchObject({ title: ATTENTION, abstract: 'The dominant sequence transduction models are based on recurrent networks.' });
  });
});

describe('re-ingesting over an existing catalog', () => {
  const first = buildCatalog(projectInput());
  const mambaFile = `${paperTitled(first, MAMBA).id}.mdx`;
  const notes = '\nRead this on the train. {/* an MDX comment */} <b>bold</b>\r\n---\nMore notes, no newline at the end';

  it('re-ingesting keeps a person\'s notes byte for byte', () => {
    const again = buildCatalog({ ...projectInput(), existing: writtenFiles(first, { [mambaFile]: notes }) });
    expect(again.files.get(mambaFile)).toBe(first.files.get(mambaFile)! + notes);
    expect(again.remove).toEqual([]);
  });

  it('a file an editor saved with a byte-order mark keeps its notes', () => {
    const existing = writtenFiles(first, { [mambaFile]: notes }).map((f) => (f.file === mambaFile ? { ...f, text: `\uFEFF${f.text}` } : f));
    const again = buildCatalog({ ...projectInput(), existing });
    expect(again.diagnostics).toEqual([]);
    expect(again.files.get(mambaFile)).toBe(first.files.get(mambaFile)! + notes);
  });

  it('notes that are not valid MDX are an error at their line of the file, before the build would fail on them', () => {
    const broken = '\nFine first line.\n\nsee <div class="x">this\n';
    const existing = writtenFiles(first, { [mambaFile]: broken });
    const again = buildCatalog({ ...projectInput(), existing });
    const text = existing.find((f) => f.file === mambaFile)!.text;
    const line = text.split('\n').indexOf('see <div class="x">this') + 1;
    expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({ file: `content/papers/${mambaFile}`, line, message: expect.stringContaining('closing tag for `<div>`') }),
    ]);
  });

  it('a brace or a "<" meant as text in notes is an error that says how to write one, with the compiler\'s positions as lines of the file', () => {
    const errorFor = (note: string) => buildCatalog({ ...projectInput(), existing: writtenFiles(first, { [mambaFile]: `\nFine first line.\n\n${note}\n` }) }).diagnostics.find((d) => d.severity === 'error')!;
    expect(errorFor('The results {see Table 2} are strong.').message).toMatch(/a "\{" in notes starts an MDX expression.*write \\\{ for a literal brace/);
    expect(errorFor('Complexity is O(n^2) when a<b.').message).toMatch(/a "<" in notes starts an HTML tag.*write \\< for a literal "<"/);
    const generic = errorFor('A generic List<T> type.');
    expect(generic.message).toContain(`(line ${generic.line})`);
    expect(generic.message).not.toMatch(/\(\d+:\d+\)|mdx-jsx/);
  });

  it('a note linking a shelf the site will not have is a warning at its line, with the id it may have meant; its pages, feed and .bib, and Unsorted, are fine', () => {
    const theme = projectInput().taxonomy[0]!.id;
    const body = `\nSee [the shelf](/themes/${theme}/), [its page 2](/themes/${theme}/page/2/), [its feed](/themes/${theme}/feed.xml) and [the rest](/themes/unsorted/).\n\nAnd [a typo](/themes/${theme}x/#top).\n`;
    const again = buildCatalog({ ...projectInput(), existing: writtenFiles(first, { [mambaFile]: body }) });
    const text = again.files.get(mambaFile)!;
    expect(again.diagnostics.filter((d) => d.message.includes('the notes link'))).toEqual([
      expect.objectContaining({ severity: 'warning', file: `content/papers/${mambaFile}`, line: text.split('\n').findIndex((l) => l.startsWith('And [a typo]')) + 1, message: `the notes link /themes/${theme}x/#top, a shelf the site does not have; did you mean "${theme}"?` }),
    ]);
  });

  it('a note linking an author page the site will not have is a warning at its line, with the slug it may have meant; the A–Z pages are fine', () => {
    const bib = listingFile('lib.bib', '@article{x, title = {A Study of Widgets}, author = {Lovelace, Ada and Babbage, Charles}, year = 2023}\n');
    const input = { ...projectInput(), listings: [...projectInput().listings, bib] };
    const body = `\nBy [her](/authors/ada-lovelace/), in [the list](/authors/) and [its page 2](/authors/page/2/).\n\nAnd [a typo](/authors/ada-lovelac/#papers), [no one](/authors/nobody-at-all/).\n`;
    const again = buildCatalog({ ...input, existing: writtenFiles(buildCatalog(input), { [mambaFile]: body }) });
    const text = again.files.get(mambaFile)!;
    const line = text.split('\n').findIndex((l) => l.startsWith('And [a typo]')) + 1;
    expect(again.diagnostics.filter((d) => d.message.includes('the notes link'))).toEqual([
      expect.objectContaining({ severity: 'warning', file: `content/papers/${mambaFile}`, line, message: 'the notes link /authors/ada-lovelac/, an author page the site does not have; did you mean "ada-lovelace"?' }),
      expect.objectContaining({ severity: 'warning', line, message: 'the notes link /authors/nobody-at-all/, an author page the site does not have' }),
    ]);
  });

  it('a paper kept for its notes keeps its authors\' pages: links to them are fine', () => {
    const kept = writtenFiles(first, { [mambaFile]: '\nMy notes, see [Gu](/authors/albert-gu/).\n' }).find((f) => f.file === mambaFile)!;
    const plan = buildCatalog({ ...projectInput(), listings: [], existing: [{ ...kept, text: kept.text.replace(/^authors: .*$/m, 'authors: ["Albert Gu"]') }] });
    expect(plan.diagnostics.filter((d) => d.message.includes('the notes link'))).toEqual([]);
    const typo = buildCatalog({ ...projectInput(), listings: [], existing: [{ ...kept, text: kept.text.replace(/^authors: .*$/m, 'authors: ["Albert Gum"]') }] });
    expect(typo.diagnostics.filter((d) => d.message.includes('the notes link'))).toEqual([expect.objectContaining({ message: expect.stringContaining('did you mean "albert-gum"') })]);
  });

  it('a note linking a paper page the site will not have is a warning at its line, with the id it may have meant', () => {
    const ids = first.papers.map((p) => p.id);
    const other = ids.find((id) => `${id}.mdx` !== mambaFile)!;
    const body = `\nSee [the other](/papers/${other}/#abstract), [page two](/papers/page/2/) and [a typo](/papers/${other.slice(0, -1)}/).\n\n[ref]: /papers/no-such-paper/\n\nAnd <a href="/papers/an-html-link/">an HTML link</a>.\n`;
    // A frontmatter the ingest rewrites a line longer: the lines are those of the file it writes.
    const existing = writtenFiles(first, { [mambaFile]: body }).map((f) => (f.file === mambaFile ? { ...f, text: f.text.replace(/^upvotes: .*\n/m, '') } : f));
    const again = buildCatalog({ ...projectInput(), existing });
    const text = again.files.get(mambaFile)!;
    const warnings = again.diagnostics.filter((d) => d.message.includes('the notes link'));
    expect(warnings).toEqual([
      expect.objectContaining({ severity: 'warning', file: `content/papers/${mambaFile}`, line: text.split('\n').findIndex((l) => l.startsWith('See ')) + 1, message: expect.stringContaining(`did you mean "${other}"`) }),
      expect.objectContaining({ severity: 'warning', line: text.split('\n').findIndex((l) => l.startsWith('[ref]')) + 1, message: expect.stringContaining('/papers/no-such-paper/, a page the site does not have') }),
      expect.objectContaining({ severity: 'warning', line: text.split('\n').findIndex((l) => l.startsWith('And <a')) + 1, message: expect.stringContaining('/papers/an-html-link/') }),
    ]);
  });

  describe('notes that compile but would fail to render (an expression, a component, a relative image) are an error at their line', () => {
    /** The errors of the catalog with `body` as Mamba's notes, and the line of the file where `marker` is. */
    function errorsWith(body: string, marker: string, more: Partial<CatalogInput> = {}) {
      const existing = writtenFiles(first, { [mambaFile]: body });
      const text = existing.find((f) => f.file === mambaFile)!.text;
      const line = text.split('\n').findIndex((l) => l.includes(marker)) + 1;
      return { errors: buildCatalog({ ...projectInput(), existing, ...more }).diagnostics.filter((d) => d.severity === 'error'), line };
    }
    const expressionError = (line: number) =>
      expect.objectContaining({ file: `content/papers/${mambaFile}`, line, message: expect.stringMatching(/MDX expression such as \{n\}.*write \\\{ for a literal brace, or put maths in a code span/) });

    it('{d} inside inline maths, as in $\\sqrt{d}$', () => {
      const { errors, line } = errorsWith('\nFine first line.\n\nAttention is softmax($QK^T/\\sqrt{d}$)V.\n', 'softmax');
      expect(errors).toEqual([expect.objectContaining({ file: `content/papers/${mambaFile}`, line, message: expect.stringContaining('such as {d}') })]);
    });

    it('{n} in a paragraph', () => {
      const { errors, line } = errorsWith('\nFine first line.\n\nO(n) for {n} tokens\n', 'O(n)');
      expect(errors).toEqual([expressionError(line)]);
    });

    it('{n} as the value of a JSX attribute, at the attribute\'s line', () => {
      const { errors, line } = errorsWith('\nFine first line.\n\n<abbr\n  title={n}>N</abbr>\n', 'title=');
      expect(errors).toEqual([expressionError(line)]);
    });

    it('a --- block at the top of the notes is read as the build reads it, a rule and a heading, not a frontmatter passed over', () => {
      const { errors, line } = errorsWith('\n---\nsee: {x}\n---\nA note.\n', 'see:');
      expect(errors).toEqual([expect.objectContaining({ file: `content/papers/${mambaFile}`, line, message: expect.stringContaining('such as {x}') })]);
    });

    it('an image at a relative path, which the build looks for beside the paper\'s file; web addresses and paths from the site\'s root are fine', () => {
      const { errors, line } = errorsWith('\n![ok](https://example.org/a.png) and ![root](/images/a.png)\n\nA figure: ![diagram](diagram.png)\n', 'A figure');
      expect(errors).toEqual([expect.objectContaining({ file: `content/papers/${mambaFile}`, line, message: expect.stringContaining('image at a relative path (diagram.png)') })]);
    });

    it('a component the note does not import; HTML elements and imported components are fine', () => {
      const { errors, line } = errorsWith('\nimport Figure from "./figure.astro";\n\n<details><summary>More</summary>See <Figure /> and <abbr title="n">N</abbr>.</details>\n\nSee <Foo /> here.\n', 'Foo', { resolvesImport: () => true });
      expect(errors).toEqual([expect.objectContaining({ file: `content/papers/${mambaFile}`, line, message: expect.stringContaining('<Foo>, a component they do not import') })]);
    });

    it('an import of a file that is not there, at its line in the file (Astro would name the line in the notes); files that are there, from the paper\'s folder, are fine', () => {
      // content/papers/ of the fixture project is five folders below the repository's root.
      const there = 'import Card from "../../../../../src/components/PaperCard.astro";\nimport { plural } from "../../../../../src/lib/format";\nimport { Image } from "astro:assets";\n';
      const { errors, line } = errorsWith(`\nFine first line.\n\n${there}import Figure from "../../src/components/Figur.astro";\n\nSee <Figure />.\n`, 'Figur.astro');
      expect(errors).toEqual([expect.objectContaining({ file: `content/papers/${mambaFile}`, line, message: expect.stringContaining('notes import ../../src/components/Figur.astro, and there is no such file') })]);
    });

    it('an import of a package the project has not installed, or of an absolute path that is no file, is an error at its line; installed packages and node: modules are fine', () => {
      const there = 'import { parse } from "yaml";\nimport { join } from "node:path";\nimport Raw from "../../../../../src/site.ts?raw";\n';
      for (const [specifier, said] of [['left-pad', 'it is no package the project has installed'], ['/nonexistent/Fig.astro', 'there is no such file, from the project\'s folder or the disk\'s root']]) {
        const { errors, line } = errorsWith(`\nFine first line.\n\n${there}import X from "${specifier}";\n\nSee <X />.\n`, `"${specifier}"`);
        expect(errors, specifier).toEqual([expect.objectContaining({ file: `content/papers/${mambaFile}`, line, message: `the notes would stop the site's build: notes import ${specifier}, and ${said}; fix it, or remove the import` })]);
      }
    });

    it.each([
      ['an export of a value', 'export const a = (() => { throw new Error("boom"); })();', 'may not export anything'],
      ['an export of the frontmatter', 'export const frontmatter = { title: 1 };', 'may not export anything'],
      ['an import of the note\'s own page', "import Me from './mamba.mdx';", 'may not import a page (./mamba.mdx)'],
    ])('%s, which fails the build or never ends', (_, esm, message) => {
      const { errors, line } = errorsWith(`\nFine first line.\n\n${esm}\n\nMore text.\n`, esm.slice(0, 12));
      expect(errors).toEqual([expect.objectContaining({ file: `content/papers/${mambaFile}`, line, message: expect.stringContaining(message) })]);
    });

    it('quotes nested 5,000 deep, past what the build can render (the walk itself overflowed the stack before)', () => {
      const { errors, line } = errorsWith(`\nFine first line.\n\n${'>'.repeat(5_000)} x\n`, '>>>');
      expect(errors).toEqual([expect.objectContaining({ file: `content/papers/${mambaFile}`, line, message: expect.stringContaining('may not nest more than 100 deep') })]);
    });

    it.each([
      ['escaped braces', 'Escaped: \\{n\\} tokens.'],
      ['braces in a code span', 'Inline: `softmax(QK^T/\\sqrt{d})V`.'],
      ['braces in a fenced code block', '```python\nd = {"n": 1}\n```'],
      ['an expression that is only a comment', 'Hidden: {/* a comment */} and {// another\n}.'],
    ])('%s: fine, so the only error is the {n} below', (_, fine) => {
      const { errors, line } = errorsWith(`\n${fine}\n\nO(n) for {n} tokens\n`, 'O(n) for');
      expect(errors).toEqual([expressionError(line)]);
    });
  });

  it('a label of a paper that leaves the catalog in this run is a stray at once; one kept for its notes is not', () => {
    const gone = (id: string, notes = '') => ({ file: `${id}.mdx`, path: `content/papers/${id}.mdx`, text: `---\nid: "${id}"\ntitle: "A paper no listing has any more: ${id}"\naliases: []\n---\n${notes}` });
    const labels = ['gone-paper', 'kept-paper'].map((paper) => ({ paper, theme: 'attention', label: 'yes' as const, by: 'us' }));
    const plan = buildCatalog({ ...projectInput(), existing: [...writtenFiles(first), gone('gone-paper'), gone('kept-paper', '\nOur notes.\n')], labels, labelLine: linesOf([3, 4]) });
    expect(plan.strayLabels).toEqual([0]);
    expect(plan.diagnostics).toEqual(expect.arrayContaining([expect.objectContaining({ severity: 'warning', line: 3, message: expect.stringContaining('paper "gone-paper" is neither in the catalog') })]));
  });

  it('a file kept for its notes that the site cannot publish (made by hand, or naming a theme that is gone) is an error at its line, not a build that fails', () => {
    const handMade = { file: 'my-own.mdx', path: 'content/papers/my-own.mdx', text: '---\nid: my-own\ntitle: My own paper\n---\nMy notes\nsources: Smith (2020), p. 3\n' };
    const made = buildCatalog({ ...projectInput(), existing: [...writtenFiles(first), handMade] });
    // Made by hand, it names no source: it is told how a paper gets a file, not to restore one it never had.
    expect(errorsIn(made.diagnostics)).toEqual([expect.objectContaining({ file: 'content/papers/my-own.mdx', message: expect.stringMatching(/^this file names no source, so no ingest wrote it.*add the paper to a source/) })]);
    expect(made.diagnostics.filter((d) => d.file === 'content/papers/my-own.mdx')).toHaveLength(1);
    const [damaged] = writtenFiles(first, { [mambaFile]: 'On Mamba.\n' }).filter((f) => f.file === mambaFile);
    const broken = buildCatalog({ ...projectInput(), listings: [], existing: [{ ...damaged!, text: damaged!.text.replace(/^aliases: \[\]\n/m, '') }] });
    expect(errorsIn(broken.diagnostics)).toEqual([expect.objectContaining({ message: expect.stringMatching(/^this file is kept for its notes, but the site cannot publish it: /) })]);
    // A paper's file, as the ingest wrote it, left by its source and naming a theme themes.yaml no longer has.
    const [gone] = writtenFiles(first, { [mambaFile]: 'On Mamba.\n' }).filter((f) => f.file === mambaFile);
    const left = { ...gone!, text: gone!.text.replace(/^themes:(?:\n {2}- .*)*$|^themes: \[\]$/m, 'themes:\n  - "retired"') };
    const plan = buildCatalog({ ...projectInput(), listings: [], existing: [left] });
    expect(errorsIn(plan.diagnostics)).toEqual([expect.objectContaining({ file: left.path, line: lineOf(left.text, 'themes:'), message: expect.stringContaining('its theme "retired" is not in themes.yaml; take "retired" out of its themes') })]);
  });

  it('an edit above the closing --- is replaced; the notes below it stay', () => {
    const existing = writtenFiles(first, { [mambaFile]: notes }).map((f) => (f.file === mambaFile ? { ...f, text: f.text.replace('upvotes: 12', 'upvotes: 9000') } : f));
    const again = buildCatalog({ ...projectInput(), existing });
    expect(again.files.get(mambaFile)).toBe(first.files.get(mambaFile)! + notes);
  });

  it('an unchanged catalog gives the same files again', () => {
    expect(buildCatalog({ ...projectInput(), existing: writtenFiles(first) }).files).toEqual(first.files);
  });

  it('an existing paper keeps its id even if another paper now slugs the same', () => {
    const abstract = 'We introduce a new paradigm for generative modeling built on Continuous Normalizing Flows.';
    const before = buildCatalog(catalogInput({ listings: [listingFile('a.txt', `Flow Matching, for Generative Modeling\n${abstract}\n`)] }));
    expect(before.papers[0]!.id).toBe('flow-matching-for-generative-modeling');
    // A new listing brings a title that sorts first and slugs the same.
    const after = buildCatalog(
      catalogInput({
        listings: [listingFile('a.txt', `Flow Matching, for Generative Modeling\n${abstract}\n`), listingFile('b.txt', `${FLOW}\nA different paper with a different abstract, long enough to be one.\n`)],
        existing: writtenFiles(before),
      }),
    );
    expect(Object.fromEntries(after.papers.map((p) => [p.title, p.id]))).toEqual({
      'Flow Matching, for Generative Modeling': 'flow-matching-for-generative-modeling',
      [FLOW]: 'flow-matching-for-generative-modeling-2',
    });
  });

  it('a new paper with an existing paper\'s title takes neither its id nor its notes', () => {
    const attention = 'Transformers\nWe study attention in sequence models, at length and with care.\n';
    const robots = 'Transformers\nWe build toy robots that change shape, and sell them to children.\n';
    const before = buildCatalog(catalogInput({ listings: [listingFile('z.txt', attention)] }));
    const after = buildCatalog(catalogInput({ listings: [listingFile('a.txt', robots), listingFile('z.txt', attention)], existing: writtenFiles(before, { 'transformers.mdx': 'Notes on attention.\n' }) }));
    expect(Object.fromEntries(after.papers.map((p) => [p.abstract!.slice(0, 14), p.id]))).toEqual({ 'We study atten': 'transformers', 'We build toy r': 'transformers-2' });
    expect(after.files.get('transformers.mdx')!.endsWith('---\nNotes on attention.\n')).toBe(true);
    expect(after.files.get('transformers-2.mdx')!.endsWith('---\n')).toBe(true);
  });

  it('a paper whose title was corrected in the listing keeps its id and its notes', () => {
    const abstract = 'The dominant sequence transduction models are based on recurrent networks.';
    const before = buildCatalog(catalogInput({ listings: [listingFile('a.txt', `Atention Is All You Need\n${abstract}\n`)] }));
    const [file] = [...before.files.keys()];
    const after = buildCatalog(catalogInput({ listings: [listingFile('a.txt', `${ATTENTION}\n${abstract}\n`)], existing: writtenFiles(before, { [file!]: 'My notes.\n' }) }));
    expect(after.papers[0]).toMatchObject({ title: ATTENTION, id: 'atention-is-all-you-need' });
    expect(after.files.get(file!)!.endsWith('---\nMy notes.\n')).toBe(true);
    expect(after.remove).toEqual([]);
  });

  it('a .bib and a listing of one paper are one page, though the .bib reads its TeX and the listing shows it raw', () => {
    const abstract = 'We rethink dense decoding for the plain vision transformer with a new decoder and a pixel-level refinement.';
    const bib = listingFile('lib.bib', '@misc{vpnext, title = {{VPNeXt} -- Rethinking ``Dense\'\' Decoding for {PixArt}-$\\alpha$}, year = 2024}\n');
    const listed = listingFile('daily.txt', `VPNeXt -- Rethinking "Dense" Decoding for PixArt-$α$\n${abstract}\n`);
    const plan = buildCatalog(catalogInput({ listings: [bib, listed] }));
    expect(plan.papers).toHaveLength(1);
    expect(plan.papers[0]!.sources.map((s) => s.listing)).toEqual(['daily.txt', 'lib.bib']);
  });

  it('arXiv\'s DOI is the arXiv id: it does not keep a preprint apart from its published version\'s DOI', () => {
    const s2 = listingFile('s2.json', JSON.stringify({ paperId: 'p1', externalIds: { DOI: '10.48550/arXiv.2301.00001' }, title: 'A Study of Widgets', authors: [{ name: 'Ada Lovelace' }] }));
    const bib = listingFile('lib.bib', '@article{x, title = {A Study of Widgets}, author = {Lovelace, Ada}, doi = {10.1000/jw.2023.1}, year = 2023}\n');
    const plan = buildCatalog(catalogInput({ listings: [s2, bib] }));
    expect(plan.papers.map((p) => [p.arxivId, p.doi])).toEqual([['2301.00001', '10.1000/jw.2023.1']]);
  });

  it('of two arXiv harvests of one paper, the later revision\'s text wins, whichever file is read first', () => {
    const harvest = (file: string, datestamp: string, title: string) =>
      listingFile(file, `<?xml version="1.0"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">\n<request verb="ListRecords">https://oaipmh.arxiv.org/oai</request>\n<ListRecords><record><header><identifier>oai:arXiv.org:2401.00001</identifier><datestamp>${datestamp}</datestamp></header><metadata><arXiv><id>2401.00001</id><created>2024-01-01</created><title>${title}</title><authors><author><keyname>Doe</keyname><forenames>Jane</forenames></author></authors><abstract>An abstract long enough to be read as one, about attention.</abstract></arXiv></metadata></record></ListRecords>\n</OAI-PMH>\n`);
    for (const [early, late] of [['a.xml', 'b.xml'], ['b.xml', 'a.xml']]) {
      const plan = buildCatalog(catalogInput({ listings: [harvest(early!, '2024-01-02', 'Attention Is Sort of What You Need'), harvest(late!, '2024-06-02', 'Gated Recurrence Beats Attention at Scale')] }));
      expect(plan.papers.map((p) => [p.title, p.published])).toEqual([['Gated Recurrence Beats Attention at Scale', '2024-01-01']]);
    }
  });

  it('two works with one title (and no abstracts) are two pages, and each keeps its own on the next ingest', () => {
    const bib = listingFile('lib.bib', '@article{lecun2015, title = {Deep learning}, author = {LeCun, Yann}, journal = {Nature}, year = 2015}\n@book{goodfellow2016, title = {Deep Learning}, author = {Goodfellow, Ian}, year = 2016}\n');
    const before = buildCatalog(catalogInput({ listings: [bib] }));
    expect(before.papers.map((p) => [p.id, p.authors[0]])).toEqual([['deep-learning', 'Yann LeCun'], ['deep-learning-2', 'Ian Goodfellow']]);
    const after = buildCatalog(catalogInput({ listings: [bib], existing: writtenFiles(before) }));
    expect(after.files).toEqual(before.files);
    expect(after.remove).toEqual([]);
  });

  it('an eprint and DOI pasted from the entry above leave two pages, each with its own title, and a warning, on this ingest and the next', () => {
    const bib = listingFile('lib.bib', '@article{liu2022, title = {A ConvNet for the 2020s}, author = {Liu, Zhuang}, eprint = {2201.03545}, archiveprefix = {arXiv}, doi = {10.1000/xyz}, year = 2022}\n@article{islam2023, title = {A Survey of Transformers for Deep Learning}, author = {Islam, Saidul}, eprint = {2201.03545}, archiveprefix = {arXiv}, doi = {10.1000/xyz}, year = 2023}\n');
    const before = buildCatalog(catalogInput({ listings: [bib] }));
    expect(before.papers.map((p) => [p.id, p.title])).toEqual([['a-convnet-for-the-2020s', 'A ConvNet for the 2020s'], ['a-survey-of-transformers-for-deep-learning', 'A Survey of Transformers for Deep Learning']]);
    expect(errorsIn(before.diagnostics)).toEqual([]);
    expect(warningsIn(before.diagnostics).map((d) => d.line)).toEqual([2]);
    const after = buildCatalog(catalogInput({ listings: [bib], existing: writtenFiles(before) }));
    expect(errorsIn(after.diagnostics)).toEqual([]);
    // One slip, one warning: the two files that share the ids are not told to merge.
    expect(after.diagnostics).toEqual(before.diagnostics);
    expect(after.files).toEqual(before.files);
    // A third file given the id by hand is still said to be.
    const [other] = writtenFiles(first);
    const edited = { ...other!, text: other!.text.replace(/^arxivId: .*$/m, 'arxivId: "2201.03545"') };
    const third = buildCatalog(catalogInput({ listings: [bib, ...projectInput().listings], existing: [...writtenFiles(before), edited] }));
    expect(third.diagnostics.filter((d) => d.message.startsWith('the arXiv id is also that of')).map((d) => d.file)).toContain(edited.path);
  });

  it('a work gone from the sources keeps its notes apart from the one of the same title that stays', () => {
    const lecun = '@article{lecun2015, title = {Deep learning}, author = {LeCun, Yann}, journal = {Nature}, year = 2015}\n';
    const book = '@book{goodfellow2016, title = {Deep Learning}, author = {Goodfellow, Ian}, year = 2016}\n';
    const before = buildCatalog(catalogInput({ listings: [listingFile('lib.bib', lecun + book)] }));
    const after = buildCatalog(catalogInput({ listings: [listingFile('lib.bib', lecun)], existing: writtenFiles(before, { 'deep-learning-2.mdx': 'Notes on the book.\n' }) }));
    expect(after.papers.map((p) => [p.id, p.aliases])).toEqual([['deep-learning', []]]);
    expect(after.files.get('deep-learning-2.mdx')).toContain('Notes on the book.');
  });

  it('.bib keys swapped between two papers move neither: a paper\'s own title comes before a key', () => {
    // Titles alike enough that a key alone could pass for a corrected title.
    const bib = (a: string, b: string) => listingFile('lib.bib', `@article{${a}, title = {Flow Matching for Generative Modeling}, author = {Smith, John}, year = 2023}\n@article{${b}, title = {Flow Matching for Generative Modeling of Audio}, author = {Smith, John}, year = 2023}\n`);
    const before = buildCatalog(catalogInput({ listings: [bib('smith2023a', 'smith2023b')] }));
    const after = buildCatalog(catalogInput({ listings: [bib('smith2023b', 'smith2023a')], existing: writtenFiles(before, { 'flow-matching-for-generative-modeling.mdx': 'Notes on flow matching.\n' }) }));
    expect(after.papers.map((p) => [p.id, p.title])).toEqual(before.papers.map((p) => [p.id, p.title]));
    expect(after.files.get('flow-matching-for-generative-modeling.mdx')).toMatch(/title: "Flow Matching for Generative Modeling"[\s\S]*Notes on flow matching\.\n$/);
    // A key given to another paper names it, not the paper it was the key of: by a title not
    // alike, or by a first author who is someone else; a warning says the entry left its paper.
    for (const [title, author] of [['Sparse Mixture of Experts for Speech Recognition', 'Smith, John'], ['Flow Matching for Generative Modeling of Speech', 'Lee, Ann']]) {
      const reused = buildCatalog(catalogInput({ listings: [listingFile('lib.bib', `@article{smith2023a, title = {${title}}, author = {${author}}, year = 2024}\n`)], existing: writtenFiles(before) }));
      expect(reused.papers.map((p) => p.id), title).toEqual([slugForTitle(title)]);
      expect(warningsIn(reused.diagnostics), title).toEqual([expect.objectContaining({ file: 'content/sources/lib.bib', line: 1, message: expect.stringContaining('entry smith2023a was part of the paper "flow-matching-for-generative-modeling"') })]);
    }
  });

  it('a .bib entry whose title was corrected keeps its id and its notes, recognised by its key', () => {
    const entry = (title: string) => listingFile('lib.bib', `@article{doe2023,\n  title = {${title}},\n  author = {Doe, Jane},\n  year = {2023}\n}\n`);
    const before = buildCatalog(catalogInput({ listings: [entry('Efficent Attention for Long Sequences')] }));
    const [file] = [...before.files.keys()];
    const after = buildCatalog(catalogInput({ listings: [entry('Efficient Attention for Long Sequences')], existing: writtenFiles(before, { [file!]: 'My notes.\n' }) }));
    expect(after.papers[0]).toMatchObject({ title: 'Efficient Attention for Long Sequences', id: 'efficent-attention-for-long-sequences' });
    expect(after.files.get(file!)!.endsWith('---\nMy notes.\n')).toBe(true);
    expect([...after.files.keys(), ...after.remove]).toEqual([file]);
  });

  describe('two published papers that a new source shows to be one', () => {
    const preprint = listingFile('0.bib', '@article{m,\n  title = {Mamba: Linear-Time Sequence Modeling (preprint title)},\n  eprint = {2312.00752}, archiveprefix = {arXiv}, year = 2023\n}\n');
    const listed = listingFile('1.txt', `${MAMBA}\nFoundation models are based on the Transformer; we propose selective state spaces instead.\n`);
    // Its arXiv id is the preprint's and its title the listing's: the two are one paper.
    const joining = listingFile('2.bib', `@article{m2,\n  title = {${MAMBA}},\n  eprint = {2312.00752}, archiveprefix = {arXiv}, year = 2023\n}\n`);
    const before = buildCatalog(catalogInput({ listings: [preprint, listed] }));
    const [preprintId, listedId] = ['Mamba: Linear-Time Sequence Modeling (preprint title)', MAMBA].map((title) => paperTitled(before, title).id);

    it('become one page that keeps both URLs: the second is its alias, and its file goes', () => {
      const after = buildCatalog(catalogInput({ listings: [preprint, listed, joining], existing: writtenFiles(before) }));
      expect(after.papers.map((p) => [p.id, p.aliases])).toEqual([[preprintId, [listedId]]]);
      expect(after.remove).toEqual([`${listedId}.mdx`]);
      // Its address lives on as a redirect: no page is gone.
      expect(after.gone).toEqual([]);
      expect(JSON.parse(after.redirects)).toEqual({ [listedId!]: preprintId });
      expect(warningsIn(after.diagnostics)).toEqual([]);
    });

    it('the notes of either file go with the page', () => {
      const after = buildCatalog(catalogInput({ listings: [preprint, listed, joining], existing: writtenFiles(before, { [`${listedId}.mdx`]: 'Notes on the listed one.\n' }) }));
      expect(after.files.get(`${preprintId}.mdx`)!.endsWith('---\nNotes on the listed one.\n')).toBe(true);
      expect(after.remove).toEqual([`${listedId}.mdx`]);
    });

    it('the page may be renamed to the URL it absorbed, which no other paper has', () => {
      const curation = { papers: { [preprintId!]: { addThemes: [], removeThemes: [], hidden: false, renameTo: listedId } } };
      const after = buildCatalog(catalogInput({ listings: [preprint, listed, joining], existing: writtenFiles(before), curation, curationLine: linesOf({ [preprintId!]: 2 }) }));
      expect(errorsIn(after.diagnostics)).toEqual([]);
      expect(after.papers.map((p) => [p.id, p.aliases])).toEqual([[listedId, [preprintId]]]);
    });

    it('when both files have notes, the second stays a page of its own, with a warning that says what to do', () => {
      const notes = { [`${preprintId}.mdx`]: 'Notes on the preprint.\n', [`${listedId}.mdx`]: 'Notes on the listed one.\n' };
      const after = buildCatalog(catalogInput({ listings: [preprint, listed, joining], existing: writtenFiles(before, notes) }));
      expect(after.papers.map((p) => [p.id, p.aliases])).toEqual([[preprintId, []]]);
      expect(after.files.get(`${preprintId}.mdx`)!.endsWith('---\nNotes on the preprint.\n')).toBe(true);
      expect(after.orphans).toEqual([`${listedId}.mdx`]);
      expect(warningsIn(after.diagnostics)).toEqual([expect.objectContaining({ file: `content/papers/${listedId}.mdx`, message: expect.stringContaining(`the same paper as "${preprintId}"`) })]);
    });
  });

  it('a paper no longer listed is removed when it has no notes, and its page is said to be gone', () => {
    const input = projectInput();
    const withoutDaily = { ...input, listings: input.listings.filter((l) => l.file !== 'b-daily-papers.txt'), existing: writtenFiles(first) };
    const flexditFile = `${paperTitled(first, FLEXDIT).id}.mdx`;
    const plan = buildCatalog(withoutDaily);
    expect(plan.remove).toEqual([flexditFile]);
    expect(plan.gone).toEqual([flexditFile]);
    expect(plan.files.has(flexditFile)).toBe(false);
  });

  it('a paper no longer listed is kept, untouched and reported, when it has notes', () => {
    const input = projectInput();
    const flexditFile = `${paperTitled(first, FLEXDIT).id}.mdx`;
    const existing = writtenFiles(first, { [flexditFile]: 'Keep this.\n' });
    const plan = buildCatalog({ ...input, listings: input.listings.filter((l) => l.file !== 'b-daily-papers.txt'), existing });
    expect(plan.remove).toEqual([]);
    expect(plan.orphans).toEqual([flexditFile]);
    expect(plan.files.get(flexditFile)).toBe(existing.find((f) => f.file === flexditFile)!.text);
    expect(warningsIn(plan.diagnostics)).toEqual([expect.objectContaining({ file: `content/papers/${flexditFile}` })]);
  });

  it('renaming a paper in curation.yaml moves its notes to the new file and leaves no second copy behind', () => {
    const oldFile = mambaFile;
    const plan = buildCatalog({
      ...projectInput(),
      existing: writtenFiles(first, { [oldFile]: 'My notes.\n' }),
      curation: { papers: { [oldFile.replace(/\.mdx$/, '')]: { addThemes: [], removeThemes: [], hidden: false, renameTo: 'mamba' } } },
    });
    expect(paperTitled(plan, MAMBA)).toMatchObject({ id: 'mamba', aliases: [oldFile.replace(/\.mdx$/, '')] });
    expect(plan.files.get('mamba.mdx')!.endsWith('---\nMy notes.\n')).toBe(true);
    expect(plan.files.has(oldFile)).toBe(false);
  });

  it('an id that every object has by inheritance ("constructor") is an id like any other', () => {
    const oldId = mambaFile.replace(/\.mdx$/, '');
    const decision = (renameTo: string) => ({ addThemes: [], removeThemes: [], hidden: false, renameTo });
    const plan = buildCatalog({ ...projectInput(), curation: { papers: { [oldId]: decision('constructor') } } });
    expect(errorsIn(plan.diagnostics)).toEqual([]);
    expect(paperTitled(plan, MAMBA).id).toBe('constructor');
    // Renamed again, from the name every object has (this crashed the ingest with no file named).
    const again = buildCatalog({ ...projectInput(), existing: writtenFiles(plan), curation: { papers: { constructor: decision('mamba') } } });
    expect(paperTitled(again, MAMBA)).toMatchObject({ id: 'mamba', aliases: [oldId, 'constructor'] });
  });

  it('decisions under both a paper\'s former id and its current one are an error at the former\'s entry, not one of them dropped in silence', () => {
    const oldId = mambaFile.replace(/\.mdx$/, '');
    const renamed = buildCatalog({ ...projectInput(), curation: { papers: { [oldId]: { addThemes: [], removeThemes: [], hidden: false, renameTo: 'mamba' } } } });
    const plan = buildCatalog({
      ...projectInput(),
      existing: writtenFiles(renamed),
      curation: { papers: { [oldId]: { addThemes: ['flows'], removeThemes: [], hidden: false, renameTo: 'mamba' }, mamba: { addThemes: [], removeThemes: [], hidden: true } } },
      curationLine: linesOf({ [oldId]: 2, mamba: 7 }),
    });
    expect(errorsIn(plan.diagnostics)).toEqual([expect.objectContaining({ file: 'content/curation.yaml', line: 2, message: expect.stringContaining('"mamba"') })]);
  });

  it('renaming a paper to the id of a file kept for its notes is an error at the line of curation.yaml, and the notes stay', () => {
    const [oldPaper, newPaper] = ['Old Paper\nAn abstract about the old paper, long enough to be one.\n', 'New Paper\nAn abstract about the new paper, long enough to be one.\n'];
    const before = buildCatalog(catalogInput({ listings: [listingFile('a.txt', `${oldPaper}\n${newPaper}`)] }));
    const existing = writtenFiles(before, { 'old-paper.mdx': 'Notes on the old paper.\n' });
    const plan = buildCatalog(
      catalogInput({
        listings: [listingFile('a.txt', newPaper)],
        existing,
        curation: { papers: { 'new-paper': { addThemes: [], removeThemes: [], hidden: false, renameTo: 'old-paper' } } },
        curationLine: linesOf({ 'new-paper': 3 }),
      }),
    );
    expect(errorsIn(plan.diagnostics)).toEqual([expect.objectContaining({ file: 'content/curation.yaml', line: 3, message: expect.stringContaining('"old-paper"') })]);
    expect(plan.files.get('old-paper.mdx')).toBe(existing.find((f) => f.file === 'old-paper.mdx')!.text);
  });

  it('a file whose id was edited by hand to another paper\'s is an error at that line, not a silent swap of notes', () => {
    const [mambaId, flowId] = [paperTitled(first, MAMBA).id, paperTitled(first, FLOW).id];
    const flowFile = `${flowId}.mdx`;
    const existing = writtenFiles(first, { [mambaFile]: 'On Mamba.\n', [flowFile]: 'On flow matching.\n' }).map((f) => (f.file === flowFile ? { ...f, text: f.text.replace(`id: "${flowId}"`, `id: "${mambaId}"`) } : f));
    const plan = buildCatalog({ ...projectInput(), existing });
    const edited = existing.find((f) => f.file === flowFile)!.text;
    expect(errorsIn(plan.diagnostics)).toEqual([expect.objectContaining({ file: `content/papers/${flowFile}`, line: lineOf(edited, `id: "${mambaId}"`) })]);
  });

  it('one arXiv id in two paper files (one edited by hand to the other\'s, or two papers a source joined, both with notes) is a warning at both', () => {
    const flowFile = `${paperTitled(first, FLOW).id}.mdx`;
    const withId = (text: string) => text.replace('arxivId: null', 'arxivId: "2312.00752"');
    const existing = writtenFiles(first, { [mambaFile]: 'On Mamba.\n' }).map((f) => (f.file === mambaFile || f.file === flowFile ? { ...f, text: withId(f.text) } : f));
    const plan = buildCatalog({ ...projectInput(), existing });
    const line = (file: string) => lineOf(existing.find((f) => f.file === file)!.text, 'arxivId: "2312.00752"');
    expect(warningsIn(plan.diagnostics).filter((d) => d.message.includes('arXiv id')).map((d) => [d.file, d.line, d.message.split(',')[0]])).toEqual([
      [`content/papers/${flowFile}`, line(flowFile), `the arXiv id is also that of content/papers/${mambaFile}`],
      [`content/papers/${mambaFile}`, line(mambaFile), `the arXiv id is also that of content/papers/${flowFile}`],
    ]);
  });

  it('a file renamed by hand is an error that says to name it by its id again, never to give it the new name as id (which would lose its address)', () => {
    const existing = writtenFiles(first, { [mambaFile]: 'On Mamba.\n' }).map((f) => (f.file === mambaFile ? { ...f, file: 'mine.mdx', path: 'content/papers/mine.mdx' } : f));
    const plan = buildCatalog({ ...projectInput(), existing });
    const message = errorsIn(plan.diagnostics).map((d) => d.message).join('\n');
    expect(message).toContain(`if the file was renamed, name it ${mambaFile} again`);
    expect(message).toContain('renameTo');
  });

  it('a copy of a paper file beside it ("x (copy).mdx") is an error that says to move its notes into that file, not to rename it over it', () => {
    const written = writtenFiles(first, { [mambaFile]: 'On Mamba.\n' });
    const copy = { ...written.find((f) => f.file === mambaFile)!, file: mambaFile.replace('.mdx', ' (copy).mdx'), path: `content/papers/${mambaFile.replace('.mdx', ' (copy).mdx')}` };
    const [problem] = errorsIn(buildCatalog({ ...projectInput(), existing: [...written, copy] }).diagnostics);
    expect(problem).toMatchObject({ file: copy.path, message: expect.stringContaining(`a copy of that paper's file: move any notes of its own into ${mambaFile}, then delete it`) });
    expect(problem!.message).not.toContain('name it');
  });

  it('an id edited to another paper\'s, whose file is beside it, is to be put back, not called a copy', () => {
    const written = writtenFiles(first);
    const flowFile = `${paperTitled(first, FLOW).id}.mdx`;
    const edited = written.map((f) => (f.file === mambaFile ? { ...f, text: f.text.replace(`id: "${mambaFile.replace('.mdx', '')}"`, `id: "${flowFile.replace('.mdx', '')}"`) } : f));
    const [problem] = errorsIn(buildCatalog({ ...projectInput(), existing: edited }).diagnostics);
    expect(problem!.message).toContain(`is another paper's file, so put back id: "${mambaFile.replace('.mdx', '')}"`);
    expect(problem!.message).not.toMatch(/copy|name it/);
  });

  it('two files that give one former id, neither of them named by it, are told to be restored, not deleted', () => {
    const written = writtenFiles(first);
    const withAlias = written.slice(0, 2).map((f) => ({ ...f, text: f.text.replace('aliases: []', 'aliases: ["old-name"]') }));
    const problems = errorsIn(buildCatalog({ ...projectInput(), existing: [...withAlias, ...written.slice(2)] }).diagnostics);
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('restore the files from git'), expect.stringContaining('restore the files from git')]);
    expect(problems.map((p) => p.message).join('\n')).not.toContain('delete');
  });

  it('a copy of a paper\'s file given an id of its own is an error naming both, wherever it sorts: not a rename, nor a merge', () => {
    const id = mambaFile.replace('.mdx', '');
    const written = writtenFiles(first, { [mambaFile]: '\nThe original\'s notes.\n' });
    const original = written.find((f) => f.file === mambaFile)!;
    for (const copyId of ['a-mamba-copy', 'zz-mamba-copy']) {
      const copy = { file: `${copyId}.mdx`, path: `content/papers/${copyId}.mdx`, text: original.text.replace(`id: "${id}"`, `id: "${copyId}"`) + 'Notes of the copy.\n' };
      const plan = buildCatalog({ ...projectInput(), existing: [...written, copy].sort((a, b) => (a.file < b.file ? -1 : 1)) });
      const [later, earlier] = copyId < id ? [original, copy] : [copy, original];
      expect(errorsIn(plan.diagnostics), copyId).toEqual([
        expect.objectContaining({ file: later.path, line: lineOf(later.text, `id: "${paperIdOfFile(later.file)}"`), message: expect.stringContaining(`this file has the title and sources of ${earlier.file}, beside it, so one is a copy of the other`) }),
      ]);
    }
  });

  it('a file left from a rename that was undone names the paper\'s file, where its notes go', () => {
    const id = mambaFile.replace('.mdx', '');
    const written = writtenFiles(first);
    const left = { file: 'mamba-renamed.mdx', path: 'content/papers/mamba-renamed.mdx', text: written.find((f) => f.file === mambaFile)!.text.replace(`id: "${id}"`, 'id: "mamba-renamed"').replace('aliases: []', `aliases: ["${id}"]`) };
    const [problem] = errorsIn(buildCatalog({ ...projectInput(), existing: [...written, left] }).diagnostics);
    expect(problem).toMatchObject({ file: left.path, message: expect.stringContaining(`the former id "${id}" is in ${mambaFile} as well`) });
    expect(problem!.message).toContain(`move any notes of its own into ${mambaFile} and delete it`);
  });

  it('a former id edited by hand into something that is no id is an error at its line of the paper file', () => {
    const existing = writtenFiles(first).map((f) => (f.file === mambaFile ? { ...f, text: f.text.replace('aliases: []', 'aliases: ["Old Mamba"]') } : f));
    const plan = buildCatalog({ ...projectInput(), existing });
    const edited = existing.find((f) => f.file === mambaFile)!.text;
    expect(errorsIn(plan.diagnostics)).toEqual([expect.objectContaining({ file: `content/papers/${mambaFile}`, line: lineOf(edited, 'aliases: ["Old Mamba"]') })]);
  });

  it('a former id edited by hand to another paper\'s id is an error at its line of the paper file, not a redirect over that paper', () => {
    const flowId = paperTitled(first, FLOW).id;
    const existing = writtenFiles(first).map((f) => (f.file === mambaFile ? { ...f, text: f.text.replace('aliases: []', `aliases: ["${flowId}"]`) } : f));
    const plan = buildCatalog({ ...projectInput(), existing });
    const edited = existing.find((f) => f.file === mambaFile)!.text;
    expect(errorsIn(plan.diagnostics)).toEqual([expect.objectContaining({ file: `content/papers/${mambaFile}`, line: lineOf(edited, `aliases: ["${flowId}"]`), message: expect.stringContaining(`"${flowId}"`) })]);
  });

  it('an existing paper file without frontmatter is an error naming the file, mended where it is: what it holds may be notes', () => {
    const plan = buildCatalog({ ...projectInput(), existing: [{ file: 'broken.mdx', path: 'content/papers/broken.mdx', text: 'Only notes, the frontmatter was deleted.\n' }] });
    expect(errorsIn(plan.diagnostics)).toEqual([expect.objectContaining({ file: 'content/papers/broken.mdx', line: 1, message: expect.stringContaining('not by deleting it or restoring it from git') })]);
  });

  it('a paper file whose frontmatter does not read says to delete it only when it has no notes to lose', () => {
    const broken = (notes: string) => ({ file: 'broken.mdx', path: 'content/papers/broken.mdx', text: `---\nid: "broken"\ntitle: "Broken"\n<<<<<<< HEAD\n---\n${notes}` });
    const advice = (notes: string) => errorsIn(buildCatalog({ ...projectInput(), existing: [broken(notes)] }).diagnostics)[0]!.message;
    expect(advice('')).toContain('or delete it to let the ingest write it anew');
    expect(advice('My notes, written over an hour.\n')).toContain('not by deleting it or restoring it from git');
  });

  it('a line typed above the closing --- is an error at its line, not a line the next run would drop in silence', () => {
    const text = writtenFiles(first).find((f) => f.file === mambaFile)!.text.replace('hidden: false\n', 'hidden: false\nTODO: re-read section 3 (email from Jan)\n');
    const plan = buildCatalog({ ...projectInput(), existing: [{ file: mambaFile, path: `content/papers/${mambaFile}`, text }] });
    expect(errorsIn(plan.diagnostics)).toEqual([expect.objectContaining({ line: lineOf(text, 'TODO: re-read section 3 (email from Jan)'), message: expect.stringContaining('move it below the closing ---') })]);
  });

  it('a closing fence with spaces after it is named at its line even when a --- rule in the notes would close the frontmatter', () => {
    const text = `${writtenFiles(first).find((f) => f.file === mambaFile)!.text.replace(/\n---\n/, '\n--- \n')}My notes.\n\n---\n\nMore notes.\n`;
    const plan = buildCatalog({ ...projectInput(), existing: [{ file: mambaFile, path: `content/papers/${mambaFile}`, text }] });
    expect(errorsIn(plan.diagnostics)).toEqual([expect.objectContaining({ line: text.split('\n').indexOf('--- ') + 1, message: expect.stringContaining('has spaces after it') })]);
  });

  it('a fence with spaces after it, invisible in an editor, is an error at its own line, and the notes are kept', () => {
    const text = `${writtenFiles(first).find((f) => f.file === mambaFile)!.text.replace(/\n---\n/, '\n--- \n')}My notes.\n`;
    const plan = buildCatalog({ ...projectInput(), existing: [{ file: mambaFile, path: `content/papers/${mambaFile}`, text }] });
    expect(errorsIn(plan.diagnostics)).toEqual([expect.objectContaining({ line: text.split('\n').indexOf('--- ') + 1, message: expect.stringMatching(/has spaces after it[\s\S]*not by deleting it/) })]);
  });

  it('a file the ingest cannot read that names former ids says to restore it, not delete it: a file written anew would lose their redirects; with notes too, to mend it', () => {
    const advice = (text: string) => errorsIn(buildCatalog({ ...projectInput(), existing: [{ file: 'renamed.mdx', path: 'content/papers/renamed.mdx', text }] }).diagnostics)[0]!.message;
    for (const aliases of ['aliases: ["old-name"]', 'aliases:\n  - "old-name"']) {
      const text = `---\nid: "renamed"\n${aliases}\ntitle: "A: b: c"\n<<<<<<< HEAD\n---\n`;
      expect(advice(text), aliases).toContain('not by deleting it: its aliases are the former ids');
      expect(advice(`${text}Notes.\n`), aliases).toContain('mend the file at that line');
    }
  });
});

describe('problems in the input', () => {
  it('a listing that is not UTF-8 is an error at its file and line; the other listings are still read', () => {
    const bad = new Uint8Array([...new TextEncoder().encode('Title\n'), 0xff, 0x0a]);
    const input = projectInput();
    const plan = buildCatalog({ ...input, listings: [...input.listings, listingFile('c-broken.txt', bad)] });
    expect(errorsIn(plan.diagnostics)).toEqual([expect.objectContaining({ file: 'content/sources/c-broken.txt', line: 2 })]);
    expect(plan.papers).toHaveLength(4);
  });

  it('a file of any format that reads but has no paper (a failed export, an empty answer) is an error: its papers\' pages stay', () => {
    const input = projectInput();
    for (const [name, text] of [['lib.bib', '@comment{jabref-meta: databaseType:bibtex;}\n'], ['daily.json', '[]'], ['works.json', '{"meta": {"count": 0}, "results": []}']] as const) {
      const plan = buildCatalog({ ...input, listings: [...input.listings, listingFile(name, text)] });
      expect(errorsIn(plan.diagnostics), name).toEqual([expect.objectContaining({ file: `content/sources/${name}`, line: 0, message: expect.stringMatching(/^no papers in this file; remove the file to remove its papers/) })]);
    }
  });

  it('parse errors name the listing by its path under content/sources/', () => {
    const plan = buildCatalog(catalogInput({ listings: [listingFile('x.txt', readListingFixture('title-at-end-of-file.txt'))] }));
    expect(errorsIn(plan.diagnostics)).toEqual([expect.objectContaining({ file: 'content/sources/x.txt', line: 3 })]);
  });

  it('a file of 130,000 items that are not papers is an error at each one\'s line, however many: never a crash', () => {
    const text = `[\n{"paper": {"id": "2401.00001", "authors": [], "title": "A paper"}},\n${Array<string>(130_000).fill('null').join(',\n')}\n]`;
    const plan = buildCatalog(catalogInput({ listings: [listingFile('x.json', text)] }));
    const errors = errorsIn(plan.diagnostics);
    expect(errors).toHaveLength(130_000);
    expect(errors.at(-1)).toMatchObject({ file: 'content/sources/x.json', line: 130_002, message: expect.stringContaining('entry 130001 is not a Hugging Face paper') });
  });

  it('a paper that does not fit the schema is an error at its listing\'s path and title line', () => {
    // A title of nothing but a bidirectional control character is empty once cleaned.
    const plan = buildCatalog(catalogInput({ listings: [listingFile('x.txt', '\u202e\nAn abstract that is long enough to be an abstract, about nothing.\n')] }));
    expect(plan.papers).toEqual([]);
    expect(errorsIn(plan.diagnostics)).toEqual([expect.objectContaining({ file: 'content/sources/x.txt', line: 1 })]);
  });
});

describe('curation entries for papers not in the catalog', () => {
  const plan = (id: string) => {
    const input = projectInput();
    return buildCatalog({ ...input, curation: { papers: { [id]: { addThemes: [], removeThemes: [], hidden: true } } }, curationLine: linesOf({ [id]: 3 }) });
  };

  it('an id a letter or two from a paper\'s is an error with the id it meant: its decision would go unapplied', () => {
    const { papers, diagnostics } = plan('mamba-linear-time-sequence-modelling-with-selective-state-spaces');
    expect(papers.some((p) => p.id === 'mamba-linear-time-sequence-modeling-with-selective-state-spaces')).toBe(true);
    expect(errorsIn(diagnostics)).toEqual([expect.objectContaining({ file: 'content/curation.yaml', line: 3, message: expect.stringContaining('did you mean "mamba-linear-time-sequence-modeling-with-selective-state-spaces"?') })]);
  });

  it('an id that was published is a warning however close to another\'s: the entry of a paper no source has now', () => {
    const gone = 'mamba-linear-time-sequence-modelling-with-selective-state-spaces';
    const earlier = buildCatalog(catalogInput({ listings: [listingFile('old.txt', 'Mamba: Linear-Time Sequence Modelling with Selective State Spaces\nA paper of its own, which no source lists any more, about protein folding in yeast.\n')] }));
    expect(earlier.papers.map((p) => p.id)).toEqual([gone]);
    const input = projectInput();
    const { diagnostics } = buildCatalog({ ...input, existing: writtenFiles(earlier), curation: { papers: { [gone]: { addThemes: [], removeThemes: [], hidden: true } } }, curationLine: linesOf({ [gone]: 3 }) });
    expect(errorsIn(diagnostics)).toEqual([]);
    expect(warningsIn(diagnostics)).toContainEqual(expect.objectContaining({ file: 'content/curation.yaml', line: 3, message: expect.stringContaining('is not in the catalog') }));
  });

  it('any other is a warning: the entry of a paper no source has now, also one whose id differs from another\'s by its number', () => {
    for (const id of ['a-paper-removed-from-the-sources', 'mamba-linear-time-sequence-modeling-with-selective-state-spaces-2']) {
      const { diagnostics } = plan(id);
      expect(errorsIn(diagnostics), id).toEqual([]);
      expect(warningsIn(diagnostics)).toContainEqual(expect.objectContaining({ file: 'content/curation.yaml', line: 3, message: expect.stringContaining('is not in the catalog') }));
    }
  });
});

describe("people's labels and the theme models", () => {
  const first = buildCatalog(projectInput());
  const idOf = (title: string) => paperTitled(first, title).id;
  const label = (paper: string, theme: string, yes: boolean, by = 'tests') => ({ paper, theme, label: yes ? ('yes' as const) : ('no' as const), by });
  // Sixty made-up training papers teach the "flows" theme a model of its own.
  const training = madeUpPapers(60, 'flows');
  const taught = (labels: CatalogInput['labels'] = []) => ({
    ...projectInput(),
    training: training.map(({ id, title, abstract }) => ({ id, title, abstract })),
    labels: [...training.map((p) => label(p.id, 'flows', p.labels.get('flows')!)), ...labels],
  });

  it('a labelled paper gets its label, whatever the rules say, and its page says people decided', () => {
    const plan = buildCatalog({ ...projectInput(), labels: [label(idOf(ATTENTION), 'flows', true), label(idOf(FLOW), 'flows', false)] });
    expect(paperTitled(plan, ATTENTION).themes).toContain('flows');
    expect(paperTitled(plan, ATTENTION).evidence.flows).toMatchObject({ by: 'label', score: null });
    expect(paperTitled(plan, FLOW).themes).not.toContain('flows');
  });

  it('for the same paper and theme the later row wins, and a former id names the paper too', () => {
    const plan = buildCatalog({ ...projectInput(), labels: [label(idOf(ATTENTION), 'flows', true), label(idOf(ATTENTION), 'flows', false)] });
    expect(paperTitled(plan, ATTENTION).themes).not.toContain('flows');
    const renamed = buildCatalog({
      ...projectInput(),
      existing: writtenFiles(first),
      curation: { papers: { [idOf(ATTENTION)]: { addThemes: [], removeThemes: [], hidden: false, renameTo: 'attention' } } },
      labels: [label(idOf(ATTENTION), 'flows', true)],
    });
    expect(paperTitled(renamed, ATTENTION)).toMatchObject({ id: 'attention', themes: expect.arrayContaining(['flows']) });
  });

  it('a decision naming no theme is an error at its line of curation.yaml, with the theme it is likely a typo of', () => {
    const plan = buildCatalog({ ...projectInput(), curation: { papers: { [idOf(FLOW)]: { addThemes: ['flow'], removeThemes: ['nope'], hidden: false } } }, curationLine: linesOf({ [idOf(FLOW)]: 4 }) });
    expect(errorsIn(plan.diagnostics).map((d) => [d.file, d.line, d.message])).toEqual([
      ['content/curation.yaml', 4, `paper "${idOf(FLOW)}": there is no theme "flow" in content/themes.yaml; did you mean "flows"?`],
      ['content/curation.yaml', 4, `paper "${idOf(FLOW)}": there is no theme "nope" in content/themes.yaml`],
    ]);
  });

  it('a label naming no theme is an error, naming no paper a warning', () => {
    const plan = buildCatalog({ ...projectInput(), labels: [label(idOf(FLOW), 'nope', true), label('no-such-paper', 'flows', true)] });
    expect(errorsIn(plan.diagnostics).map((d) => [d.file, d.message])).toEqual([
      ['content/theme-labels.yaml', 'this label names theme "nope", which is not in content/themes.yaml; if the theme was removed, `npm run themes:prune -- --theme nope` removes its labels; if renamed, rename them'],
    ]);
    expect(warningsIn(plan.diagnostics).map((d) => d.message)).toEqual(['this label: paper "no-such-paper" is neither in the catalog nor a training paper; fix the ids, or remove the rows (npm run themes:prune does)']);
  });

  it('the labels of a theme that is gone are one error at the first, listing the others, and a misspelt theme is named', () => {
    const labels = [label(idOf(FLOW), 'attn', true), label(idOf(ATTENTION), 'attn', false), label(idOf(FLOW), 'flws', true), label(idOf(ATTENTION), 'attn', true)];
    const plan = buildCatalog({ ...projectInput(), labels, labelLine: linesOf([3, 5, 7, 9]) });
    expect(errorsIn(plan.diagnostics).map((d) => [d.line, d.message])).toEqual([
      [3, '3 labels (this line, lines 5, 9) name theme "attn", which is not in content/themes.yaml; if the theme was removed, `npm run themes:prune -- --theme attn` removes its labels; if renamed, rename them'],
      [7, 'this label names theme "flws", which is not in content/themes.yaml; did you mean "flows"?'],
    ]);
  });

  it('the labels of papers that are gone (a listing removed) are one warning at the first, counting the rest', () => {
    const labels = [label('gone-a', 'flows', true), label(idOf(FLOW), 'flows', true), label('gone-a', 'attention', false), label('gone-b', 'flows', false)];
    const plan = buildCatalog({ ...projectInput(), labels, labelLine: linesOf([3, 4, 5, 6]) });
    expect(warningsIn(plan.diagnostics).map((d) => [d.line, d.message])).toEqual([[3, '3 labels (this line, lines 5, 6): 2 papers (the first "gone-a") are neither in the catalog nor a training paper; fix the ids, or remove the rows (npm run themes:prune does)']]);
  });

  it('a label naming a paper a typo away from a paper\'s id is a warning naming it, and no stray for themes:prune to remove', () => {
    const typo = idOf(FLOW).slice(0, -1);
    const labels = [label(typo, 'flows', true), label('gone-a', 'flows', true), label(typo, 'attention', false)];
    const plan = buildCatalog({ ...projectInput(), labels, labelLine: linesOf([3, 4, 5]) });
    expect(errorsIn(plan.diagnostics)).toEqual([]);
    expect(warningsIn(plan.diagnostics).map((d) => [d.line, d.message])).toEqual([
      [3, `2 labels (this line, and line 5) name paper "${typo}", which is neither in the catalog nor a training paper; did you mean "${idOf(FLOW)}"? Fix the id, or remove the row if the paper has left the catalog (themes:prune keeps it, as a typo)`],
      [4, 'this label: paper "gone-a" is neither in the catalog nor a training paper; fix the ids, or remove the rows (npm run themes:prune does)'],
    ]);
    expect(plan.strayLabels).toEqual([1]);
  });

  it('the summary counts the papers hidden by hand among those in the catalog, and on no shelf, as the site shows them', () => {
    const input = projectInput();
    const hiddenId = idOf(FLOW);
    const plain = buildCatalog(input);
    const plan = buildCatalog({ ...input, curation: { papers: { [hiddenId]: { addThemes: [], removeThemes: [], hidden: true } } } });
    const summary = summarize(plan, input.taxonomy);
    expect(summary).toMatch(/^papers in catalog: \d+ \(1 hidden by hand\)$/m);
    const shelf = (text: string, id: string) => Number(new RegExp(`^  ${id} +(\\d+)$`, 'm').exec(text)![1]);
    const flowShelves = [...plain.papers.find((p) => p.id === hiddenId)!.themes, ...(plain.papers.find((p) => p.id === hiddenId)!.themes.length === 0 ? ['unsorted'] : [])];
    for (const id of flowShelves) expect(shelf(summary, id), id).toBe(shelf(summarize(plain, input.taxonomy), id) - 1);
  });

  it('the summary says how far a theme being taught is from a model of its own', () => {
    const input = { ...projectInput(), labels: [label(idOf(FLOW), 'flows', true), label(idOf(ATTENTION), 'flows', false), label(idOf(MAMBA), 'flows', false)] };
    const summary = summarize(buildCatalog(input), input.taxonomy);
    expect(summary).toContain('  flows: by its rules until 10 papers are labelled in and 10 out (now 1 in, 2 out)');
    expect(summary).not.toMatch(/^  attention: by its rules/m);
  });

  it('a training paper with a catalog paper\'s id but another title is an error at its row, not merged into it', () => {
    const plan = buildCatalog({ ...projectInput(), training: [{ id: idOf(FLOW), title: 'Diffusion Models Beat GANs on Image Synthesis', abstract: 'Another paper.' }], trainingLine: linesOf([4]) });
    expect(errorsIn(plan.diagnostics).map((d) => [d.file, d.line, d.message])).toEqual([
      ['content/training-papers.yaml', 4, `training paper "${idOf(FLOW)}" has the id of the catalog paper "${FLOW}", which is another paper; give the catalog paper another id (renameTo in content/curation.yaml), or the training paper one`],
    ]);
  });

  it('a training paper whose title a source corrected in the catalog (a letter, a subtitle) is still that paper, not an error', () => {
    for (const title of [`${FLOW}s`, `${FLOW}: A Study`, FLOW.replace(/^\S+/, '')]) {
      const plan = buildCatalog({ ...projectInput(), training: [{ id: idOf(FLOW), title, abstract: 'The same paper.' }], trainingLine: linesOf([4]) });
      expect(errorsIn(plan.diagnostics), title).toEqual(title === FLOW.replace(/^\S+/, '') ? [expect.objectContaining({ line: 4 })] : []);
    }
    expect(sameTitle('Rethinking Attention with Performers', 'Rethinking Attention with Performer')).toBe(true);
    expect(sameTitle('Attention Is Not Explanation', 'Attention Is Not Not Explanation')).toBe(false);
    expect(sameTitle('Mamba', 'Mamba 2')).toBe(false);
    expect(sameTitle('Deep Learning', 'Deep Learning: A Review')).toBe(true);
    expect(sameTitle('Qwen2 Technical Report', 'Qwen3 Technical Report')).toBe(false);
    expect(sameTitle('Attention, Part I', 'Attention, Part II')).toBe(false);
  });

  it('messages about labels name the line of their row', () => {
    const plan = buildCatalog({ ...projectInput(), labels: [label(idOf(FLOW), 'nope', true), label('no-such-paper', 'flows', true)], labelLine: linesOf([7, 9]) });
    expect(plan.diagnostics.map((d) => [d.file, d.line])).toEqual([
      ['content/theme-labels.yaml', 7],
      ['content/theme-labels.yaml', 9],
    ]);
  });

  it('a training paper that is also a catalog paper (the same title) is that paper: read once, with the catalog\'s text, its labels the paper\'s', () => {
    const plan = buildCatalog({ ...projectInput(), labels: [label(idOf(FLOW), 'flows', false, 'two labellers')], training: [{ id: idOf(FLOW), title: FLOW, abstract: 'The training set\'s own account of the paper.' }] });
    expect(plan.diagnostics.filter((d) => d.file.includes('training') || d.file.includes('labels'))).toEqual([]);
    const labelled = plan.shelving.labelled.filter((p) => p.id === idOf(FLOW));
    expect(labelled).toHaveLength(1);
    expect(labelled[0]!.abstract).toBe(paperTitled(plan, FLOW).abstract);
    expect(paperTitled(plan, FLOW).evidence.flows).toBeUndefined();
    expect(paperTitled(plan, FLOW).themes).not.toContain('flows');
  });

  it('training papers teach a theme a model, and never become pages', () => {
    const plan = buildCatalog(taught());
    expect([...plan.shelving.trained.models.keys()]).toEqual(['flows']);
    expect(plan.papers.map((p) => p.title).sort()).toEqual(first.papers.map((p) => p.title).sort());
    const decided = plan.papers.flatMap((p) => Object.values(p.evidence).map((e) => e.by));
    expect(decided).toContain('model');
  });

  it('with models, the output is byte-identical across runs and whatever the order of the labels', () => {
    const input = taught();
    expect([...buildCatalog(input).files]).toEqual([...buildCatalog(taught()).files]);
    expect([...buildCatalog({ ...input, labels: [...input.labels].reverse() }).files]).toEqual([...buildCatalog(input).files]);
  });
});
