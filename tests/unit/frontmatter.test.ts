import { describe, expect, it } from 'vitest';
import { parsePaperFile, serializePaperFile } from '../../src/ingest/frontmatter.ts';
import { hasNotes } from '../../src/lib/notes.ts';
import { paperSchema, type Paper } from '../../src/schemas/paper.ts';

function paper(more: Partial<Paper> = {}): Paper {
  return {
    id: 'mamba-linear-time-sequence-modeling',
    aliases: [],
    title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
    abstract: 'Foundation models are almost universally based on the Transformer architecture.',
    themes: ['hybrid-models'],
    evidence: { 'hybrid-models': { by: 'model', score: 0.93, phrases: [{ phrase: 'mamba', field: 'title' }], terms: ['mamba', 'attention layers'] } },
    curated: { added: [], removed: [] },
    hidden: false,
    links: ['https://github.com/state-spaces/mamba'],
    linksByKind: { code: 'https://github.com/state-spaces/mamba', project: null, pdf: null },
    authors: ['Albert Gu', 'Tri Dao'],
    authorsCount: 2,
    org: null,
    listedOn: '2023-12-01',
    upvotes: 12,
    arxivId: '2312.00752',
    arxivCategory: 'cs.LG',
    doi: null,
    venue: null,
    published: '2023-12-01',
    sources: [{ listing: '002_0319e9849d359e6e.txt', line: 151 }, { listing: '004_541aeb50e668b5b0.txt', line: 317 }],
    ...more,
  };
}

/** The YAML between the opening and closing `---` lines. */
const frontmatterOf = (file: string) => file.slice(4, file.indexOf('\n---\n') + 1);

describe('writing a paper file', () => {
  it('is YAML frontmatter between --- lines, then the body', () => {
    const file = serializePaperFile(paper(), 'My notes.\n');
    expect(file.startsWith('---\n')).toBe(true);
    expect(file.endsWith('\n---\nMy notes.\n')).toBe(true);
  });

  it('says at the top which part the ingest owns and which part is the reader\'s', () => {
    expect(serializePaperFile(paper(), '')).toMatch(/^---\n# .*npm run ingest.*\n# .*Notes.*\n/);
  });

  it('writes every string double-quoted, so no title can be read as YAML or MDX syntax', () => {
    const yaml = frontmatterOf(serializePaperFile(paper({ title: 'no', abstract: '2401.10010' }), ''));
    expect(yaml).toContain('title: "no"\n');
    expect(yaml).toContain('abstract: "2401.10010"\n');
    expect(yaml).toContain('listedOn: "2023-12-01"\n');
  });

  it('writes each value on one line, however long', () => {
    const abstract = 'word '.repeat(400).trim();
    const yaml = frontmatterOf(serializePaperFile(paper({ abstract }), ''));
    expect(yaml.split('\n').find((l) => l.startsWith('abstract: '))).toBe(`abstract: "${abstract}"`);
  });

  it('writes the same paper to the same bytes every time', () => {
    expect(serializePaperFile(paper(), 'notes')).toBe(serializePaperFile(structuredClone(paper()), 'notes'));
  });
});

describe('untrusted text stays a string, exactly', () => {
  const nasty: [string, string][] = [
    ['a YAML document marker', '---'],
    ['a YAML 1.1 boolean', 'no'],
    ['a YAML boolean', 'true'],
    ['null', 'null'],
    ['tilde (YAML null)', '~'],
    ['an arXiv id that looks like a number', '2401.10010'],
    ['a hex-looking number', '0x1F'],
    ['an ISO date', '2025-02-23'],
    ['an HTML script tag', '<script>alert(1)</script>'],
    ['MDX braces', '{props.title}'],
    ['a key-value look-alike', 'Mamba: a: b'],
    ['a list item look-alike', '- item'],
    ['a comment look-alike', '# not a comment'],
    ['YAML indicators at the start', '&anchor *alias !tag %dir @at `tick` |pipe >fold'],
    ['quotes and backslashes', 'it\'s "quoted" \\textbf{x} C:\\path'],
    ['LaTeX remnants', '$^3$ {\\alpha} \\textbf{3$\\times$} a_b^c | x'],
    ['non-ASCII letters', 'PixArt-$α$ — Größe, 深度学习, ﬁ'],
    ['Unicode line and paragraph separators', 'one\u2028two\u2029three\u0085four'],
    ['a tab', 'a\tb'],
    ['leading and trailing spaces', '  padded  '],
  ];

  it.each(nasty)('%s round-trips as the same string', (_name, text) => {
    const file = serializePaperFile(paper({ title: text, abstract: text, org: text }), '');
    const data = parsePaperFile(file).data as Paper;
    expect(data.title).toBe(text);
    expect(data.abstract).toBe(text);
    expect(data.org).toBe(text);
  });

  it('a parsed file satisfies the paper schema with the same values', () => {
    const original = paper({ title: '--- {x} <y> no', upvotes: 0, org: 'OpenBMB', authorsCount: null, listedOn: null, links: [] });
    const data = parsePaperFile(serializePaperFile(original, '')).data;
    expect(paperSchema.parse(data)).toEqual(original);
  });

  it('the frontmatter closes exactly once, whatever the text holds', () => {
    const file = serializePaperFile(paper({ title: '---', abstract: 'x\n---\ny' }), '');
    expect(file.split('\n').filter((l) => l === '---')).toHaveLength(2);
  });
});

describe('the shared schema', () => {
  it('takes a date as precise as its source: a year, a month or a day', () => {
    for (const published of ['2023', '2023-02', '2024-02-29']) expect(paperSchema.safeParse(paper({ published })).success).toBe(true);
  });

  it('refuses a month or day the calendar does not have, as the ingest does, so no citation is made of one', () => {
    for (const published of ['2023-13', '2023-00', '2023-02-30', '2023-06-31']) expect(paperSchema.safeParse(paper({ published })).success).toBe(false);
    expect(paperSchema.safeParse(paper({ venue: { name: 'J', kind: 'journal', date: '2023-13' } })).success).toBe(false);
  });
});

describe('reading a paper file', () => {
  const bodies: [string, string][] = [
    ['an empty body', ''],
    ['notes with a trailing newline', 'I read this on the train.\n'],
    ['notes without a trailing newline', 'No newline at the end'],
    ['notes that start with blank lines', '\n\n  indented\n'],
    ['notes with --- lines of their own', 'Part one\n---\nPart two\n---\n'],
    ['notes with CRLF line endings', 'Line one\r\nLine two\r\n'],
    ['MDX in the notes', '<Aside>{1 + 1}</Aside>\n\n## Heading\n'],
    ['non-ASCII notes', 'Ça marche — 深度学习 ✓\n'],
  ];

  it.each(bodies)('gives back %s byte for byte', (_name, body) => {
    expect(parsePaperFile(serializePaperFile(paper(), body)).body).toBe(body);
  });

  it('reads a file whose line endings were turned into CRLF by an editor', () => {
    const file = serializePaperFile(paper(), 'notes\n').replace(/\n/g, '\r\n');
    const { data, body } = parsePaperFile(file);
    expect((data as Paper).title).toBe(paper().title);
    expect(body).toBe('notes\r\n');
  });

  it('reads a file an editor saved with a byte-order mark, and gives back its notes', () => {
    const { data, body } = parsePaperFile(`\uFEFF${serializePaperFile(paper(), 'notes\n')}`);
    expect((data as Paper).title).toBe(paper().title);
    expect(body).toBe('notes\n');
  });

  it('refuses a file without frontmatter', () => {
    expect(() => parsePaperFile('Just some notes.\n')).toThrow(/frontmatter/);
    expect(() => parsePaperFile('---\ntitle: "never closed"\n')).toThrow(/frontmatter/);
  });
});

describe('notes', () => {
  it('a body with text has notes', () => {
    expect(hasNotes('Worth a re-read.\n')).toBe(true);
  });

  it('an empty or whitespace-only body has none', () => {
    expect(hasNotes('')).toBe(false);
    expect(hasNotes('\n  \n\t\n')).toBe(false);
  });
});
