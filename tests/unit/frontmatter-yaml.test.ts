/**
 * `dumpQuoted` writes what js-yaml's `dump` writes with the paper files' options, byte for
 * byte, for any value, and `loadQuoted` reads what js-yaml's `load` reads, value for value (or
 * throws its error): each its own way where it can, js-yaml's where it cannot. fast-check builds
 * values of every shape a paper has and some it never has (nested sequences, keys YAML reads as
 * booleans, strings with escapes, odd numbers, undefined), and texts of lines a person might
 * leave in a frontmatter (comments, blank lines, tabs, indents, flow collections), and each is
 * written or read both ways.
 */
import fc from 'fast-check';
import { dump, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { dumpQuoted, loadQuoted, readQuoted } from '../../src/ingest/frontmatter-yaml.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePaperFile, serializePaperFile } from '../../src/ingest/frontmatter.ts';

/** The default catalog's papers, as their files say. */
function projectPapers() {
  const dir = join(import.meta.dirname, '../../content/papers');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.mdx'))
    .map((file) => parsePaperFile(readFileSync(join(dir, file), 'utf8')).data as Parameters<typeof serializePaperFile>[0]);
}

const jsYaml = (value: unknown) => dump(value, { forceQuotes: true, quotingType: '"', lineWidth: -1, noRefs: true });

/** Keys a paper has, and keys YAML would read as something else were they written bare. */
const key = fc.oneof(
  fc.constantFrom('id', 'title', 'linksByKind', 'efficient-attention', 'ctc-asr', 'a', 'no', 'Yes', 'null', 'true', 'on', '2024', '1e3', 'x-', '-x', 'a b', 'a:b', '<<', '__proto__', '', 'k'.repeat(1025)),
  fc.string({ maxLength: 6 }),
);
/** Text as papers hold it, and text js-yaml must escape: controls, quotes, backslashes, separators, lone surrogates. */
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('', 'no', 'yes', '1:30', 'null', '"quoted"', 'back\\slash', 'line\nbreak', 'tab\there', '\u00A0', '\u0085', '\u2028', '\uFEFF', '\uD800', 'ok \u{1F600}', '---'),
);
const number = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, 0.5, 1e21, 1e-7, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY));
const scalar = fc.oneof(text, number, fc.boolean(), fc.constant(null));

const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, fc.oneof(tie('value'), fc.constant(undefined)), { maxKeys: 5 }),
  ),
}));

describe('dumpQuoted', () => {
  it('writes any value as js-yaml does', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 8 }), (object) => {
        expect(dumpQuoted(object)).toBe(jsYaml(object));
      }),
      { numRuns: 3000 * Number(process.env.PROPERTY_RUNS_FACTOR ?? 1) },
    );
  });

  it('writes the default catalog\'s papers as js-yaml does', () => {
    const papers = projectPapers();
    expect(papers.length).toBeGreaterThan(100);
    for (const paper of papers) expect(dumpQuoted(paper)).toBe(jsYaml(paper));
  });

  it('is what a paper file holds above its notes', () => {
    const [paper] = projectPapers();
    expect(serializePaperFile(paper!, '\nNotes.\n')).toContain(`\n${jsYaml(paper)}---\n\nNotes.\n`);
  });
});

/** What js-yaml makes of a text: its value, or its error's message. */
function jsYamlReads(text: string): { value: unknown } | { error: string } {
  try {
    return { value: load(text) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function loadQuotedReads(text: string): { value: unknown } | { error: string } {
  try {
    return { value: loadQuoted(text) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** A line of a frontmatter, as written or as a person might leave it. */
const line = fc
  .tuple(
    fc.constantFrom('', '  ', '    ', '      ', ' ', '\t'),
    fc.constantFrom('', '- ', '-'),
    fc.oneof(fc.constantFrom('id', 'title', 'a-b', 'no', 'null', 'Yes', '1', 'a b', '#x', ''), fc.string({ maxLength: 4 })),
    fc.constantFrom(':', ': ', ':  ', ' :', ''),
    fc.oneof(fc.constantFrom('', '"x"', '"a: b"', '"\\n"', '"say \\"hi\\""', "'s'", 'null', 'true', 'no', '~', '12', '-0', '0.50', '1e3', '012', '0x1F', '[]', '{}', '[a, b]', '{a: 1}', '"x" # c', '"', '*a', '&a x', '|', '"\u00a0"', '"\u0085"'), fc.string({ maxLength: 6 })),
    fc.constantFrom('', '\r', ' '),
  )
  .map((parts) => parts.join(''));

describe('loadQuoted', () => {
  it('reads what dumpQuoted writes as js-yaml does', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 8 }), (object) => {
        const text = dumpQuoted(object);
        expect(loadQuoted(text)).toEqual(load(text));
      }),
      { numRuns: 3000 * Number(process.env.PROPERTY_RUNS_FACTOR ?? 1) },
    );
  });

  it('reads any text as js-yaml does, its value or its error', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.constantFrom('', '# Written by the ingest\n', '# a\rhidden: true\n', '# a\u0000\n', '# a\u0085\n', '#\t\n'), (lines, header) => {
        const text = `${header}${lines.join('\n')}`;
        expect(loadQuotedReads(text)).toEqual(jsYamlReads(text));
      }),
      { numRuns: 5000 * Number(process.env.PROPERTY_RUNS_FACTOR ?? 1) },
    );
  });

  it('leaves to js-yaml a header comment with a carriage return, which ends it for js-yaml, or a character js-yaml refuses', () => {
    for (const text of ['# header\rhidden: true\nid: "x"\n', '# a\u0000\nid: "x"\n']) expect(loadQuotedReads(text)).toEqual(jsYamlReads(text));
    expect(readQuoted('# header\tok\nid: "x"\n')).toEqual({ value: { id: 'x' } });
  });

  it('reads every paper of the default catalog itself, as js-yaml does', () => {
    for (const paper of projectPapers()) {
      const text = jsYaml(paper);
      expect(readQuoted(`# header\n${text}`)).toEqual({ value: load(text) });
    }
  });
});
