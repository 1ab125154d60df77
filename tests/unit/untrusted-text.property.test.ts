/**
 * Property-based tests: titles and abstracts are untrusted text, so instead of a list of
 * examples, fast-check throws arbitrary Unicode and strings built from MDX, YAML, HTML,
 * Markdown and bidi-control fragments at the ingest, and checks that
 *
 * - a paper written to disk reads back as the same data, both by our reader and by the
 *   parser Astro uses for MDX frontmatter (js-yaml via @astrojs/internal-helpers), and
 *   the schema accepts it;
 * - a listing made of arbitrary title/abstract pairs gives back every paper with its text
 *   intact, after the documented normalisation (tests/support/untrusted-text.ts: bidi
 *   controls, other control characters and noncharacters stripped, titles
 *   whitespace-collapsed and trimmed, abstracts trimmed).
 *
 * fast-check picks a new seed each run and reports it with the shrunk counterexample on
 * failure; `fc.assert(…, { seed, path })` replays it.
 */
import { parseFrontmatter } from 'astro/markdown';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCatalog, type CatalogInput } from '../../src/ingest/catalog.ts';
import { isChromeLine, PAGE_CHROME } from '../../src/ingest/chrome.ts';
import { parseDateLine } from '../../src/ingest/dates.ts';
import { startsLikeJson, tableLine } from '../../src/ingest/sources/detect.ts';
import { parsePaperFile, serializePaperFile } from '../../src/ingest/frontmatter.ts';
import { titleKey } from '../../src/ingest/normalize.ts';
import { isLinkOnly, isMeta, markdownLine, referenceLine } from '../../src/ingest/parse.ts';
import { paperSchema, type Paper } from '../../src/schemas/paper.ts';
import type { Theme } from '../../src/schemas/theme.ts';
import { BIDI_CONTROLS as BIDI, expectedAbstract, expectedTitle, REMOVED } from '../support/untrusted-text.ts';
import { defaultFiles } from '../support/fixtures.ts';

/**
 * Runs per property: 1,000 paper files and 500 listings (up to 8 papers each), about 4 s
 * together. PROPERTY_RUNS_FACTOR=20 searches harder (locally, not in CI).
 */
const FACTOR = Number(process.env.PROPERTY_RUNS_FACTOR ?? 1);
const RUNS = { frontmatter: 1000 * FACTOR, listing: 500 * FACTOR };
const TIMEOUT_MS = 30_000 * FACTOR;

// ---------------------------------------------------------------------------------------
// Text generators
// ---------------------------------------------------------------------------------------

/** Control characters, whitespace that XML refuses, noncharacters: the ingest removes or replaces them. */
const CONTROLS = ['\x07', '\x08', '\x1B', '\x7F', '\x85', '\x9B', '\v', '\f', '\uFFFE', '\uFDD0', '\u{10FFFF}'];

/** Pieces of markup and syntax that mean something to one of the layers text passes through. */
const FRAGMENTS = [
  // MDX / JSX
  '{', '}', '{props.title}', '{1 + 1}', '<Tag />', '<Component prop={x}>', '</div>', 'import x from "y"', 'export const a = 1', '{/* c */}',
  // YAML
  '---', '...', ': ', '#', ' # comment', '&anchor', '*alias', '!!str', '!!js/function', '? ', '- ', '|', '>', '%YAML 1.2', '@', '`',
  'no', 'yes', 'on', 'off', 'null', '~', 'true', 'NaN', '.inf', '2401.10010', '0x1F', '0o17', '1e3', '2025-02-23', '2025-02-23T10:00:00Z', '12:30:00',
  '"', "'", '\\', '\\n', '\\u0041', '\\x41',
  // HTML
  '<script>alert(1)</script>', '</script>', '<img src=x onerror=alert(1)>', 'onerror=', '<!--', '-->', '<![CDATA[', '&amp;', '&lt;', '&#x3C;', '<style>', '<iframe src="javascript:alert(1)">',
  'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'https://github.com/a/b', 'http://x.org/(a)',
  // Markdown
  '# ', '## ', '**', '_', '[link](javascript:alert(1))', '![img](x)', '```', '> ', '* ', '1. ', '|---|', '\\*',
  // LaTeX, template strings
  '$', '$x^2$', '\\textbf{x}', '${x}', '%', '^',
  // The listing site's own interface text, which the parser drops when it is a whole line
  'Subscribe', 'new', 'Daily Papers', 'Get trending papers in your email inbox!',
  // Unicode oddities
  ...BIDI, '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00A0', '\u2028', '\u2029', '\u0085', '\t', 'ﬁ', 'é', 'e\u0301', '深度学习', 'Größe', '👩🏽‍🔬', '🏳️‍🌈', 'العربية', 'עברית',
];

/** Any Unicode scalar value (no lone surrogates: text comes from UTF-8 files, which cannot hold them). */
const anyScalar = fc.integer({ min: 0, max: 0x10ffff - 0x800 }).map((n) => String.fromCodePoint(n >= 0xd800 ? n + 0x800 : n));
/** Characters, weighted towards the interesting ranges. */
const char = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: anyScalar },
  { weight: 1, arbitrary: fc.constantFrom(...BIDI) },
  { weight: 1, arbitrary: fc.constantFrom(...CONTROLS) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
);
const piece = fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 2, arbitrary: fc.string({ unit: char, maxLength: 12 }) });
/** Untrusted text: arbitrary characters and syntax fragments, mixed. */
const text = (maxPieces = 16) => fc.array(piece, { maxLength: maxPieces }).map((parts) => parts.join(''));

// ---------------------------------------------------------------------------------------
// 1. Frontmatter round trip
// ---------------------------------------------------------------------------------------

const slug = fc.stringMatching(/^[a-z0-9]{1,8}(?:-[a-z0-9]{1,8}){0,3}$/);
const isoDate = fc.date({ min: new Date('1990-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const httpUrl = fc
  .tuple(fc.constantFrom('http', 'https'), fc.stringMatching(/^[a-z0-9]{1,10}\.(?:org|com|io)$/), fc.stringMatching(/^(?:\/[A-Za-z0-9_.~-]{1,10}){0,3}$/))
  .map(([scheme, host, path]) => `${scheme}://${host}${path}`);

const paperArb: fc.Arbitrary<Paper> = fc.record({
  id: slug,
  aliases: fc.array(slug, { maxLength: 2 }),
  title: text().filter((t) => t.length > 0),
  abstract: fc.option(text(40).filter((t) => t.length > 0), { nil: null }),
  themes: fc.array(slug, { maxLength: 3 }),
  evidence: fc.dictionary(
    slug,
    fc.record({
      by: fc.constantFrom('label' as const, 'model' as const, 'rules' as const),
      score: fc.option(fc.integer({ min: 0, max: 100 }).map((n) => n / 100)),
      phrases: fc.array(fc.record({ phrase: text(4), field: fc.constantFrom('title' as const, 'abstract' as const) }), { maxLength: 3 }),
      terms: fc.array(text(4), { maxLength: 3 }),
    }),
    { maxKeys: 3 },
  ),
  curated: fc.record({ added: fc.array(slug, { maxLength: 2 }), removed: fc.array(slug, { maxLength: 2 }) }),
  hidden: fc.boolean(),
  links: fc.array(httpUrl, { maxLength: 3 }),
  linksByKind: fc.record({ code: fc.option(httpUrl, { nil: null }), project: fc.option(httpUrl, { nil: null }), pdf: fc.option(httpUrl, { nil: null }) }),
  authors: fc.array(text(4).filter((t) => t.length > 0), { maxLength: 4 }),
  authorsCount: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: null }),
  org: fc.option(text(4).filter((t) => t.length > 0), { nil: null }),
  listedOn: fc.option(isoDate, { nil: null }),
  upvotes: fc.option(fc.nat({ max: 100_000 }), { nil: null }),
  arxivId: fc.option(fc.stringMatching(/^\d{4}\.\d{5}$/), { nil: null }),
  arxivCategory: fc.option(text(2).filter((t) => t.length > 0), { nil: null }),
  doi: fc.option(fc.stringMatching(/^10\.\d{4}\/[a-z0-9.()_-]{1,12}$/), { nil: null }),
  venue: fc.option(fc.record({ name: text(6).filter((t) => t.length > 0), kind: fc.constantFrom('journal' as const, 'proceedings' as const, 'other' as const) }), { nil: null }),
  published: fc.option(fc.constantFrom('2023', '2023-12', '2023-12-01'), { nil: null }),
  sources: fc.array(fc.record({ listing: text(3).filter((t) => t.length > 0), line: fc.integer({ min: 1, max: 1_000_000 }), key: text(2).filter((t) => t.length > 0) }, { requiredKeys: ['listing', 'line'] }), { minLength: 1, maxLength: 3 }),
})
  // fast-check may build records without a prototype; the ingest's papers are plain objects.
  .map((paper) => structuredClone(paper));

describe(`frontmatter round trip (${RUNS.frontmatter} runs)`, () => {
  it('parsePaperFile(serializePaperFile(p)).data deep-equals p, the schema accepts it, and Astro reads the same', () => {
    fc.assert(
      fc.property(paperArb, text(8), (paper, notes) => {
        const file = serializePaperFile(paper, notes);
        const { data, body } = parsePaperFile(file);
        expect(data).toStrictEqual(paper);
        expect(paperSchema.parse(data)).toStrictEqual(paper);
        expect(body).toBe(notes);
        // What the site is built from: Astro's own frontmatter reader (js-yaml), not ours.
        expect(parseFrontmatter(file).frontmatter).toStrictEqual(paper);
      }),
      { numRuns: RUNS.frontmatter },
    );
  }, TIMEOUT_MS);
});

// ---------------------------------------------------------------------------------------
// 2. Listing → catalog
// ---------------------------------------------------------------------------------------

/** One line of a listing: no line breaks of any kind the decoder or parser knows, no NUL (binary). */
const line = (maxPieces: number) => text(maxPieces).map((s) => s.replace(/[\n\r\0]/g, ' '));
/**
 * Lines the parser reads as something other than text: chrome, `N authors`, `·` separators, a
 * line that is one link (no abstract); and Markdown headings, list items and code fences, or
 * numbered references, which make the file a note or a bibliography, not a listing.
 */
const isSpecialLine = (s: string) =>
  isLinkOnly(s) ||
  referenceLine(s) !== null ||
  isChromeLine(s) || isMeta(s) || markdownLine(s) !== null;

const titleArb = line(16).filter((t) => {
  const trimmed = t.trim();
  return expectedTitle(t).length > 0 && trimmed.length <= 500 && !isSpecialLine(t) && parseDateLine(t) === null;
});
/** Abstracts are at least 40 characters (shorter ones are flagged) and always a single line. */
const abstractArb = fc
  .tuple(line(24), fc.string({ unit: 'grapheme-ascii', minLength: 40, maxLength: 60 }).filter((s) => s.trim().length >= 40 && !/\s/.test(s[0]!)), line(8))
  .map(([before, words, after]) => `${before}${words}${after}`)
  .filter((a) => expectedAbstract(a).length >= 40 && !isSpecialLine(a));

interface Listed {
  title: string;
  abstract: string;
  /** The block layout's metadata group, if this paper shows one. */
  meta: { authors: number; date: string; iso: string } | null;
}

const metaArb = fc.option(
  fc.record({ authors: fc.integer({ min: 1, max: 99 }), day: isoDate }).map(({ authors, day }) => {
    const [y, m, d] = day.split('-').map(Number);
    const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m! - 1];
    return { authors, date: `${month} ${d}, ${y}`, iso: day };
  }),
  { nil: null },
);

const listingArb = fc
  .uniqueArray(fc.record({ title: titleArb, abstract: abstractArb, meta: metaArb }), { minLength: 1, maxLength: 8, selector: (p) => titleKey(expectedTitle(p.title)) })
  .chain((papers) => fc.record({ papers: fc.constant(papers as Listed[]), blocks: fc.boolean(), leadingChrome: fc.boolean() }))
  // After page chrome, a first title that starts with a phrase of the page's own header
  // ("SubscribeScaling…") is read as chrome glued to the title and cut: the one documented
  // ambiguity, left out here. (The navigation bar's words are never cut: "ModelsLab" stays.)
  .filter(({ papers, leadingChrome }) => !leadingChrome || !PAGE_CHROME.some((phrase) => papers[0]!.title.startsWith(phrase)))
  // A listing whose first lines start as JSON does ('{ "key": …', '[{"…') reads as JSON cut
  // short, an error: the other ambiguity. sources.test.ts has the brackets that read as a listing.
  .filter((listing) => !startsLikeJson(renderListing(listing).text))
  // Lines that all split alike at tabs or commas read as a table, an error.
  .filter((listing) => tableLine(renderListing(listing).text) === null);

/** Renders a listing in the line layout (title line, abstract line) or the block layout. */
function renderListing({ papers, blocks, leadingChrome }: { papers: Listed[]; blocks: boolean; leadingChrome: boolean }): { text: string; lines: number[] } {
  const out: string[] = leadingChrome ? ['Daily Papers', '', 'new', ''] : [];
  const lines: number[] = [];
  for (const paper of papers) {
    lines.push(out.length + 1);
    out.push(paper.title);
    if (blocks) out.push('');
    out.push(paper.abstract);
    if (paper.meta) {
      if (blocks) out.push('');
      out.push(`  • ${paper.meta.authors} authors`, '·', paper.meta.date);
    }
    if (blocks) out.push('');
  }
  return { text: `${out.join('\n')}\n`, lines };
}

const taxonomy: Theme[] = [
  { id: 'attention', name: 'Attention', description: 'Attention.', threshold: 3, phrases: [{ match: 'attention', weight: 3 }] },
  { id: 'scripts', name: 'Scripts', description: 'Script tags.', threshold: 1, phrases: [{ match: 'script', weight: 1 }, { match: 'alert', weight: 1 }] },
];

function catalogOf(listingText: string) {
  const input: CatalogInput = {
    listings: [{ file: 'hostile.txt', path: 'content/sources/hostile.txt', bytes: new TextEncoder().encode(listingText) }],
    manifest: [],
    taxonomy,
    curation: { papers: {} },
    curationLine: () => 0,
    labels: [],
    labelLine: () => 0,
    training: [],
    trainingLine: () => 0,
    existing: [],
    files: defaultFiles,
  };
  return buildCatalog(input);
}

describe(`listing → catalog (${RUNS.listing} runs, up to 8 papers each)`, () => {
  it('every paper comes out once, with its title and abstract intact after normalisation, and its file round-trips', () => {
    fc.assert(
      fc.property(listingArb, (listing) => {
        const { text: listingText, lines } = renderListing(listing);
        const plan = catalogOf(listingText);
        expect(plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(plan.papers).toHaveLength(listing.papers.length);

        const byTitle = new Map(plan.papers.map((p) => [p.title, p]));
        listing.papers.forEach((listed, i) => {
          const paper = byTitle.get(expectedTitle(listed.title));
          expect(paper, `paper ${i} (${JSON.stringify(listed.title)})`).toBeDefined();
          expect(paper!.abstract).toBe(expectedAbstract(listed.abstract));
          expect(paper!.sources).toEqual([{ listing: 'hostile.txt', line: lines[i] }]);
          expect(paper!.authorsCount).toBe(listed.meta?.authors ?? null);
          expect(paper!.listedOn).toBe(listed.meta?.iso ?? null);
          // No bidi control, control character or noncharacter survives in the paper's text.
          expect(`${paper!.title}${paper!.abstract}`).not.toMatch(REMOVED);
          // Only http(s) links are ever taken from an abstract.
          for (const link of paper!.links) expect(new URL(link).protocol).toMatch(/^https?:$/);

          const file = plan.files.get(`${paper!.id}.mdx`)!;
          expect(parsePaperFile(file).data).toStrictEqual(paper);
          expect(parseFrontmatter(file).frontmatter).toStrictEqual(paper);
          expect(paperSchema.safeParse(paper).success).toBe(true);
        });
      }),
      { numRuns: RUNS.listing },
    );
  }, TIMEOUT_MS);
});
