/**
 * Property-based tests of the BibTeX path, as untrusted-text.property.test.ts does for
 * listings: fast-check writes `.bib` files from arbitrary Unicode, LaTeX and brace soup, and
 *
 * - text that Shelfmark itself writes as BibTeX (`escapeBibtex`, used by every citation)
 *   reads back as the same text, after the documented normalisation (and NFC, which the
 *   BibTeX reader applies), and its braces balance as BibTeX itself counts them;
 * - braces that only protect case (`{{GPT}-4}`) vanish and leave the text as it was;
 * - whatever the fields hold, reading never throws, every entry becomes a paper or an error
 *   naming it, and no markup from the parser (`<i>`, `<span>`) survives into a field.
 *
 * fast-check reports the seed and the shrunk counterexample on failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSource } from '../../src/ingest/sources/detect.ts';
import { escapeBibtex } from '../../src/lib/cite.ts';
import { expectedTitle } from '../support/untrusted-text.ts';

const FACTOR = Number(process.env.PROPERTY_RUNS_FACTOR ?? 1);
const RUNS = 300 * FACTOR;
const TIMEOUT_MS = 30_000 * FACTOR;

const encoder = new TextEncoder();
const readBib = (text: string) => readSource({ file: 'library.bib', path: 'content/sources/library.bib', bytes: encoder.encode(text) });

/** Any Unicode scalar value but surrogates. */
const anyScalar = fc.integer({ min: 0x20, max: 0x10ffff - 0x800 }).map((n) => String.fromCodePoint(n >= 0xd800 ? n + 0x800 : n));
const char = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: anyScalar },
  { weight: 1, arbitrary: fc.constantFrom('é', 'ü', 'Ł', 'ø', 'ß', '深度学习', 'العربية', '👩🏽‍🔬', 'ﬁ', '\u00A0') },
);
/** Plain words: no newline, so a title stays one field. */
const words = fc.string({ unit: char, minLength: 1, maxLength: 40 }).filter((t) => expectedTitle(t).length > 0);

/** LaTeX a real .bib holds: accents, commands, math, ligatures, escapes, braces. */
const LATEX = ['{\\"o}', "\\'e", '\\c{c}', '{\\L}ukasz', '\\emph{x}', '\\textbf{B}', '\\textit{i}', '$O(n^2)$', '$\\alpha$', '\\ldots', '--', '---', '``q\'\'', '\\&', '\\%', '\\_', '\\$', '{GPT}', '{{Nested}}', '~', '\\url{https://x.org/a_b}', '\\unknowncmd{z}', '\\\\', '<', '>', '"', '#', '%'];
const latexText = fc.array(fc.oneof(fc.constantFrom(...LATEX), words), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(' '));

describe(`BibTeX written by Shelfmark reads back (${RUNS} runs)`, () => {
  it('escapeBibtex(text) in a title or an author name comes back as the text', () => {
    fc.assert(
      fc.property(words, words, (title, author) => {
        const bib = `@misc{key,\n  title = {${escapeBibtex(title)}},\n  author = {${escapeBibtex(author.replace(/\band\b|,/gi, ' '))}}\n}\n`;
        const { records, diagnostics } = readBib(bib);
        expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(records).toHaveLength(1);
        expect(records[0]!.title).toBe(expectedTitle(title).normalize('NFC'));
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT_MS);

  it('escapeBibtex(text) has balanced braces as BibTeX counts them (every brace, escaped or not), so no text ends its field', () => {
    fc.assert(
      fc.property(latexText, (text) => {
        let depth = 0;
        for (const c of escapeBibtex(text)) {
          depth += c === '{' ? 1 : c === '}' ? -1 : 0;
          expect(depth).toBeGreaterThanOrEqual(0);
        }
        expect(depth).toBe(0);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT_MS);

  it('braces that protect case vanish and leave the text', () => {
    fc.assert(
      fc.property(fc.array(words.map(escapeBibtex), { minLength: 1, maxLength: 4 }), fc.array(fc.nat({ max: 3 }), { minLength: 4, maxLength: 4 }), (parts, depths) => {
        const braced = parts.map((p, i) => `${'{'.repeat(depths[i]!)}${p}${'}'.repeat(depths[i]!)}`).join(' ');
        const plain = readBib(`@misc{k, title = {${parts.join(' ')}}}\n`).records[0]!.title;
        expect(readBib(`@misc{k, title = {${braced}}}\n`).records[0]!.title).toBe(plain);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT_MS);
});

describe(`any BibTeX a person may write (${RUNS} runs)`, () => {
  it('never throws, loses no entry, and adds no markup to a field', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(latexText, latexText, latexText), { minLength: 1, maxLength: 4 }), (entries) => {
        const bib = entries.map(([title, author, abstract], i) => `@article{k${i},\n  title = {${title}},\n  author = {${author}},\n  abstract = {${abstract}}\n}\n`).join('\n');
        const { records, diagnostics } = readBib(bib);
        // Every entry is read, or an error names it, or an error in it or before it (a brace left open swallows what follows) says why.
        const lines = [...bib.matchAll(/^@article\{(k\d+),/gm)].map((m) => [m[1]!, bib.slice(0, m.index).split('\n').length] as const);
        const errors = diagnostics.filter((d) => d.severity === 'error');
        lines.forEach(([key, line], i) => {
          const end = lines[i + 1]?.[1] ?? Infinity;
          const accounted = records.some((r) => r.key === key) || errors.some((d) => d.message.includes(`entry ${key} `) || d.line < end);
          expect(accounted, `${key} at line ${line}`).toBe(true);
        });
        if (errors.length === 0) expect(records.map((r) => r.key)).toEqual(entries.map((_, i) => `k${i}`));
        // The parser's markup is tags; a `<` in a field is one the entry has (it stays a `<`).
        const angles = (text: string) => text.split('<').length - 1;
        // (An unclosed brace carries text into the next field, or reads an entry twice: the file is compared whole, when it has no error.)
        if (errors.length === 0) expect(angles(records.flatMap((r) => [r.title, r.abstract ?? '', ...r.authors]).join(' '))).toBeLessThanOrEqual(angles(bib));
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT_MS);
});
