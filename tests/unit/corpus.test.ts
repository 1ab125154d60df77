/**
 * The real corpus: the five listings in content/sources/, read two ways. The test reads
 * them itself, from their known structure and without the ingest's parser, and checks
 * that the catalog the ingest builds agrees with that reading, paper by paper.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/ingest/catalog.ts';
import { readCatalogInput, staleFiles } from '../../src/ingest/store.ts';
import { contentPaths } from '../../src/lib/content-dir.ts';
import type { Paper } from '../../src/schemas/paper.ts';
import { errorsIn } from '../support/fixtures.ts';
import { repoRoot } from '../support/repo.ts';

const sourcesDir = join(repoRoot, 'content/sources');
const LINE_LAYOUT = ['000_67fba96d7dfe4f1a.txt', '001_f4db6f7343f746b1.txt', '002_0319e9849d359e6e.txt'];
const BLOCK_LAYOUT = ['003_63a4107b609df350.txt', '004_541aeb50e668b5b0.txt'];
const DAILY = '004_541aeb50e668b5b0.txt';

/** One title in one listing, as this test reads it. */
interface Occurrence {
  listing: string;
  /** 1-based line of the title. */
  line: number;
  title: string;
  abstract: string;
  /** The lines of the metadata block after the abstract (004 only), trimmed. */
  meta: string[];
}

const read = (file: string) => readFileSync(join(sourcesDir, file), 'utf8');

/**
 * 000–002: two lines of email-inbox chrome, then title and abstract lines alternating with
 * no blank line, "Subscribe" glued to the first title.
 */
function readLineLayout(file: string): Occurrence[] {
  const lines = read(file).split('\n');
  if (lines.at(-1) === '') lines.pop();
  expect(lines.slice(0, 2)).toEqual(['Get trending papers in your email inbox once a day!', 'Get trending papers in your email inbox!']);
  expect(lines[2]!.startsWith('Subscribe')).toBe(true);
  const body = lines.slice(2);
  expect(body.length % 2).toBe(0);
  expect(body).not.toContain('');
  const occurrences: Occurrence[] = [];
  for (let i = 0; i < body.length; i += 2) {
    const title = i === 0 ? body[0]!.slice('Subscribe'.length) : body[i]!;
    occurrences.push({ listing: file, line: i + 3, title, abstract: body[i + 1]!, meta: [] });
  }
  return occurrences;
}

/**
 * 003–004: blocks of lines separated by blank lines. Chrome blocks and the page's date
 * ("Mar 17", "Dec 11") come first; then title, abstract and, on 004, a metadata block.
 */
function readBlockLayout(file: string): Occurrence[] {
  const blocks: { line: number; lines: string[] }[] = [];
  read(file).split('\n').forEach((text, index) => {
    if (text.trim() === '') return;
    const last = blocks.at(-1);
    if (last && last.line + last.lines.length === index + 1) last.lines.push(text);
    else blocks.push({ line: index + 1, lines: [text] });
  });
  const pageDate = blocks.findIndex((b) => /^[A-Z][a-z]{2} \d{1,2}$/.test(b.lines[0]!));
  const body = blocks.slice(pageDate + 1);
  const withMeta = body[2]!.lines.includes('·');
  const step = withMeta ? 3 : 2;
  expect(body.length % step).toBe(0);
  const occurrences: Occurrence[] = [];
  for (let i = 0; i < body.length; i += step) {
    const [title, abstract, meta] = [body[i]!, body[i + 1]!, body[i + 2]];
    expect([title.lines.length, abstract.lines.length]).toEqual([1, 1]);
    if (withMeta) expect(meta!.lines[1]).toBe('·');
    occurrences.push({ listing: file, line: title.line, title: title.lines[0]!, abstract: abstract.lines[0]!, meta: meta?.lines.map((l) => l.trim()) ?? [] });
  }
  return occurrences;
}

const normalised = (title: string) => title.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

const occurrences = [...LINE_LAYOUT.map(readLineLayout), ...BLOCK_LAYOUT.map(readBlockLayout)].flat();
const plan = buildCatalog(readCatalogInput(contentPaths(repoRoot)));
const papers = plan.papers;
/** The paper whose sources include this listing line. */
const paperAt = new Map<string, Paper[]>();
for (const paper of papers) for (const s of paper.sources) paperAt.set(`${s.listing}:${s.line}`, [...(paperAt.get(`${s.listing}:${s.line}`) ?? []), paper]);
const paperTitled = (title: string) => {
  const found = papers.filter((p) => p.title === title);
  expect(found, title).toHaveLength(1);
  return found[0]!;
};

describe('the five default listings, read independently', () => {
  it('are the only listings in content/sources', () => {
    expect(readdirSync(sourcesDir).filter((f) => f !== 'sources.yaml').sort()).toEqual([...LINE_LAYOUT, ...BLOCK_LAYOUT]);
  });

  it('hold 525 title lines: 167, 119, 119, 77 and 43', () => {
    const perListing = [...LINE_LAYOUT, ...BLOCK_LAYOUT].map((file) => occurrences.filter((o) => o.listing === file).length);
    expect(perListing).toEqual([167, 119, 119, 77, 43]);
  });

  it('hold 424 different titles, so 101 title lines repeat a title', () => {
    expect(new Set(occurrences.map((o) => normalised(o.title))).size).toBe(424);
  });

  it('were read in step: every title is short and every abstract long', () => {
    expect(Math.max(...occurrences.map((o) => o.title.length))).toBeLessThan(200);
    expect(Math.min(...occurrences.map((o) => o.abstract.length))).toBeGreaterThan(300);
  });
});

describe('the catalog built from the real corpus', () => {
  it('reports 5 listings, 525 occurrences, 101 duplicates and 424 papers', () => {
    expect(plan.stats).toEqual({ listings: 5, occurrences: 525, duplicates: 101, withoutAbstract: 0 });
    expect(papers).toHaveLength(424);
  });

  it('has no diagnostics of severity error', () => {
    expect(errorsIn(plan.diagnostics)).toEqual([]);
  });

  it('every title line of every listing appears in exactly one paper\'s sources, and no other line does', () => {
    const missing = occurrences.filter((o) => paperAt.get(`${o.listing}:${o.line}`)?.length !== 1);
    expect(missing).toEqual([]);
    expect(papers.reduce((n, p) => n + p.sources.length, 0)).toBe(occurrences.length);
  });

  it('no paper is lost or invented: the set of titles is the set read from the listings', () => {
    expect(new Set(papers.map((p) => normalised(p.title)))).toEqual(new Set(occurrences.map((o) => normalised(o.title))));
  });

  it('each paper\'s title is its first listing\'s title line, chrome-free', () => {
    for (const o of occurrences) {
      const [paper] = paperAt.get(`${o.listing}:${o.line}`)!;
      const first = paper!.sources[0]!;
      if (first.listing === o.listing && first.line === o.line) expect(paper!.title).toBe(o.title.replace(/\s+/g, ' ').trim());
    }
    expect(papers.some((p) => p.title.startsWith('Subscribe'))).toBe(false);
    expect(paperTitled('Scaling Rectified Flow Transformers for High-Resolution Image Synthesis').sources[0]).toEqual({ listing: LINE_LAYOUT[0], line: 3 });
  });

  it('each abstract equals the listing\'s abstract line trimmed, in every listing it appears in', () => {
    const differing = occurrences.filter((o) => paperAt.get(`${o.listing}:${o.line}`)![0]!.abstract !== o.abstract.trim());
    expect(differing).toEqual([]);
  });

  it('the page dates "Mar 17" (003) and "Dec 11" (004) belong to no paper', () => {
    expect(papers.filter((p) => p.listedOn === '2025-12-11' || p.listedOn?.endsWith('-03-17'))).toEqual([]);
  });
});

describe('facts from 004, the Daily Papers page captured on 2025-12-11', () => {
  const daily = occurrences.filter((o) => o.listing === DAILY);
  const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

  it('Mamba: Linear-Time Sequence Modeling with Selective State Spaces has 2 authors, was listed on 2023-12-01 with 12 upvotes', () => {
    expect(paperTitled('Mamba: Linear-Time Sequence Modeling with Selective State Spaces')).toMatchObject({ authorsCount: 2, org: null, listedOn: '2023-12-01', upvotes: 12 });
  });

  it('InfLLM-V2 is from the organisation OpenBMB, listed on 2025-09-29 with 2 upvotes', () => {
    expect(paperTitled('InfLLM-V2: Dense-Sparse Switchable Attention for Seamless Short-to-Long Adaptation')).toMatchObject({ authorsCount: null, org: 'OpenBMB', listedOn: '2025-09-29', upvotes: 2 });
  });

  it('a date without a year, "Feb 23", resolves to 2025-02-23', () => {
    expect(paperTitled('VPNeXt -- Rethinking Dense Decoding for Plain Vision Transformer')).toMatchObject({ authorsCount: 4, listedOn: '2025-02-23', upvotes: null });
  });

  it('"Sep 30, 2023 11" is a date with 11 upvotes', () => {
    expect(paperTitled('PixArt-$α$: Fast Training of Diffusion Transformer for Photorealistic Text-to-Image Synthesis')).toMatchObject({ authorsCount: 11, listedOn: '2023-09-30', upvotes: 11 });
  });

  it('every paper on the page has the author count, date and upvotes of its metadata block', () => {
    expect(daily).toHaveLength(43);
    for (const o of daily) {
      const [submitter, , date] = o.meta;
      const [, month, day, year, upvotes] = /^([A-Z][a-z]{2}) (\d{1,2})(?:, (\d{4}))?(?: (\d+))?$/.exec(date!)!;
      // No yearless date on the page is later than the capture day, so all of them are 2025.
      const listedOn = `${year ?? '2025'}-${String(MONTHS.indexOf(month!) / 3 + 1).padStart(2, '0')}-${day!.padStart(2, '0')}`;
      const authors = /^• (\d+) authors?$/.exec(submitter!);
      const [paper] = paperAt.get(`${o.listing}:${o.line}`)!;
      expect(paper, o.title).toMatchObject({ listedOn, upvotes: upvotes === undefined ? null : Number(upvotes), authorsCount: authors ? Number(authors[1]) : null });
    }
  });

  it('papers only in listings without metadata have none', () => {
    const onlyUndated = papers.filter((p) => p.sources.every((s) => s.listing !== DAILY));
    expect(onlyUndated.length).toBe(424 - 43);
    expect(onlyUndated.every((p) => p.listedOn === null && p.authorsCount === null && p.org === null && p.upvotes === null)).toBe(true);
  });
});

describe('links in the real abstracts', () => {
  const allLinks = papers.flatMap((p) => p.links);

  it('FireFlow\'s link, glued to "{this URL}", is exactly https://github.com/HolmesShuan/FireFlow', () => {
    expect(paperTitled('FireFlow: Fast Inversion of Rectified Flow for Image Semantic Editing').links).toEqual(['https://github.com/HolmesShuan/FireFlow']);
  });

  it('Constant Acceleration Flow\'s link, repeated in braces, is exactly https://github.com/mlvlab/CAF', () => {
    expect(paperTitled('Constant Acceleration Flow').links).toEqual(['https://github.com/mlvlab/CAF']);
  });

  it('links that end a sentence lose the full stop', () => {
    for (const link of ['https://t.ly/_Vu9', 'https://audio-agi.github.io/FlowSep_demo/', 'https://github.com/zeyuliu1037/LMUFormer.git', 'http://people.csail.mit.edu/bpan/ia-red/']) {
      expect(allLinks, link).toContain(link);
    }
  });

  it('no link ends in punctuation or holds a brace, a space or a backslash', () => {
    expect(allLinks.filter((l) => /[.,;:!?'"*}\]]$/.test(l) || /[{}\s\\]/.test(l))).toEqual([]);
  });

  it('every link was written in its paper\'s abstract', () => {
    expect(papers.filter((p) => p.links.some((l) => !(p.abstract ?? '').includes(l)))).toEqual([]);
  });

  it('every abstract that mentions a github.com repository has a link', () => {
    expect(papers.filter((p) => (p.abstract ?? '').includes('https://github.com/') && p.links.length === 0).map((p) => p.title)).toEqual([]);
  });
});

describe('the committed catalog', () => {
  it('content/papers/ in the repository is what `npm run ingest` would write (what ingest --check checks)', () => {
    const paths = contentPaths(repoRoot);
    const plan = buildCatalog(readCatalogInput(paths));
    expect(plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(staleFiles(paths, plan)).toEqual([]);
    // The whole real corpus, ingested in memory: a second or two, more on a busy machine.
  }, 60_000);
});
