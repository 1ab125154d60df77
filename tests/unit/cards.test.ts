import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cardKey, generateCards, type CardItem } from '../../src/cards/cache.ts';
import { cardItems, type CardPaper } from '../../src/cards/items.ts';
import { cardPath } from '../../src/lib/paths.ts';
import { drawable } from '../../src/cards/fonts.ts';
import { fitToFonts, layoutCard, TOFU, type CardInput, type TextRun } from '../../src/cards/layout.ts';
import { renderCard } from '../../src/cards/render.ts';
import { shapeLine } from '../../src/cards/typeset.ts';
import type { Theme } from '../../src/schemas/theme.ts';
import { temporaryFolders } from '../support/fixtures.ts';

const LONG_TITLE =
  'SAMformer: Unlocking the Potential of Transformers in Time Series Forecasting with Sharpness-Aware Minimization and Channel-Wise Attention, Revisited at Scale with Many More Words Than Fit';

const paper = (title: string, extra: Partial<CardInput> = {}): CardInput => ({
  title,
  themes: ['Efficient attention', 'State-space & recurrent models', 'Science & time series'],
  date: '2024-02-12',
  siteName: 'Shelfmark',
  kind: 'paper',
  ...extra,
});

const tempDir = temporaryFolders('shelfmark-cards-');

/** The text a card's plan draws, run by run. */
const runs = (input: CardInput) => layoutCard(input).marks.filter((m): m is TextRun => 'text' in m);

describe('renderCard', () => {
  it('makes a 1200×630 PNG of at most 40 KB, even for a long title', async () => {
    const png = await renderCard(paper(LONG_TITLE));
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe('png');
    expect([meta.width, meta.height]).toEqual([1200, 630]);
    expect(png.byteLength).toBeLessThanOrEqual(40 * 1024);
  });

  it('gives the same bytes for the same input', async () => {
    const a = await renderCard(paper(LONG_TITLE));
    const b = await renderCard(paper(LONG_TITLE));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const c = await renderCard(paper(`A ${LONG_TITLE}`));
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  });

  it.each([
    ['a script tag', '<script>alert(1)</script>'],
    ['entities, braces and a closing svg tag', '&amp; {x} </svg> <![CDATA[ ]]> <!-- -->'],
    ['right-to-left text and emoji', 'שלום עולם 🚀 مرحبا بالعالم 👩🏽‍🔬 🇫🇷 1️⃣ — mixed'],
    ['CJK, maths and a lone surrogate', '大規模言語モデル ∀x ∈ ℝ \uD800 \u0000 \u202Eevil'],
    ['500 characters without a space', 'x'.repeat(500)],
    ['an empty title', ''],
  ])('renders %s as text, without throwing', async (_, title) => {
    const input = paper(title, { themes: [title, '<b>bold</b>'], subtitle: title });
    const png = await renderCard(input);
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height]).toEqual([1200, 630]);
  });

  it('draws the text: a different title changes the pixels of the title area only', async () => {
    const pixels = async (title: string) => (await sharp(await renderCard(paper(title))).removeAlpha().raw().toBuffer());
    const [a, b] = [await pixels('Attention Is All You Need'), await pixels('Attention Is All You Want')];
    const changedRows = new Set<number>();
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) changedRows.add(Math.floor(i / 3 / 1200));
    expect(changedRows.size).toBeGreaterThan(20);
    // The accent bar, the label and the footer (rule, brand, date) stay put.
    for (const row of changedRows) expect(row > 100 && row < 530).toBe(true);
  });

  it('draws "<b>" as three characters, not as markup', async () => {
    // The right edge of the ink between the label and the footer: the end of the title's line.
    const width = async (text: string) => {
      const raw = await sharp(await renderCard(paper(text, { themes: [], date: null }))).removeAlpha().raw().toBuffer();
      let right = 0;
      for (let y = 100; y < 520; y++) for (let x = right; x < 1200; x++) if (raw[(y * 1200 + x) * 3]! < 200) right = x;
      return right;
    };
    expect(await width('<b>Bold</b> <b>Bold</b> <b>Bold</b> <b>Bold</b>')).toBeGreaterThan(await width('Bold Bold Bold Bold'));
  });

  it('renders theme and site cards', async () => {
    for (const kind of ['theme', 'site'] as const) {
      const png = await renderCard({ title: 'Efficient attention', subtitle: '37 papers', themes: [], date: null, siteName: 'Shelfmark', kind });
      expect((await sharp(png).metadata()).width).toBe(1200);
    }
  });
});

describe('layoutCard', () => {
  it('plans a long title in three lines, the last cut with "…", between the label and the footer', () => {
    const title = runs(paper(LONG_TITLE)).filter((r) => r.ink === 'ink' && r.style.face === 'display');
    expect(title).toHaveLength(3);
    expect(title.at(-1)!.text.endsWith('…')).toBe(true);
    for (const line of title) expect(line.baseline > 100 && line.baseline < 530).toBe(true);
  });

  it('puts the listing date at the right of the footer, and leaves it off when there is none', () => {
    const date = runs(paper('Mamba')).find((r) => r.text.startsWith('Listed '))!;
    expect(date.text).toBe('Listed Feb 12, 2024');
    expect(date.baseline).toBeGreaterThan(530);
    expect(date.x).toBeGreaterThan(600);
    expect(runs(paper('Mamba', { date: null })).some((r) => r.text.startsWith('Listed'))).toBe(false);
  });

  it('shows the themes that fit as chips and counts the rest', () => {
    const themes = Array.from({ length: 9 }, (_, i) => `Theme number ${i + 1}`);
    const chips = runs(paper('Mamba', { themes })).filter((r) => r.ink === 'chipInk' || r.text.startsWith('+'));
    expect(chips.length).toBeLessThanOrEqual(6);
    expect(chips.at(-1)!.text).toBe(`+${themes.length - chips.length + 1} more`);
  });

  it('is plain data, the same for the same input', () => {
    const plan = layoutCard(paper(LONG_TITLE));
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
    expect(layoutCard(paper(LONG_TITLE))).toEqual(plan);
  });
});

describe('text handling', () => {
  it('draws text cleaned as everywhere (src/lib/format.ts): controls gone, whitespace collapsed', () => {
    const [label, title] = runs(paper(' a\n\tb\u202Ec\u0000 ', { themes: ['x\u2066y'] }));
    expect([label!.text, title!.text]).toEqual(['PAPER', 'a bc']);
    expect(runs(paper('t', { themes: ['x\u2066y'] })).some((r) => r.text === 'xy')).toBe(true);
  });

  it('keeps what Inter draws, drops emoji, boxes the rest', () => {
    expect(fitToFonts('PixArt-α: ≤ → × “quotes” é ž ж')).toBe('PixArt-α: ≤ → × “quotes” é ž ж');
    expect(fitToFonts('🚀 Rocket 👩🏽‍🔬 1️⃣')).toBe('Rocket 1');
    expect(fitToFonts('שלום x')).toBe(`${TOFU.repeat(4)} x`);
    expect(fitToFonts('Z\u0301\u0302\u0303\u0304')).toBe('Z\u0301\u0302');
  });

  it('draws "->", "<-" and "=>" as the characters typed, not as the font\'s arrows', () => {
    const names = (text: string) => shapeLine(text, { face: 'display', size: 60 }).glyphs.map((g) => g.glyph.name);
    expect(names('Text->SQL')).toEqual(['T', 'e', 'x', 't', 'hyphen', 'greater', 'S', 'Q', 'L']);
    expect(names('x<-y=>z')).toEqual(['x', 'less', 'hyphen', 'y', 'equal', 'greater', 'z']);
  });

  it('knows which characters the bundled fonts draw', () => {
    for (const ch of 'Aaα→ж') expect(drawable(ch.codePointAt(0)!)).toBe(true);
    for (const ch of 'ש你🚀\uFFFF') expect(drawable(ch.codePointAt(0)!)).toBe(false);
  });
});

describe('generateCards', () => {
  const items: CardItem[] = [
    { id: 'attention-is-all-you-need', input: paper('Attention Is All You Need') },
    { id: 'mamba', input: paper('Mamba: Linear-Time Sequence Modeling with Selective State Spaces', { date: null }) },
    { id: 'efficient-attention', input: { title: 'Efficient attention', subtitle: '2 papers', themes: [], date: null, siteName: 'Shelfmark', kind: 'theme' } },
    { id: 'site', input: { title: 'Shelfmark', subtitle: '2 papers, 1 theme', themes: ['Efficient attention'], date: null, siteName: 'Shelfmark', kind: 'site' } },
  ];

  it('writes every card, then reuses the cache for unchanged ones', async () => {
    const outDir = tempDir();
    const cacheDir = tempDir();

    const first = await generateCards({ items, outDir, cacheDir });
    expect(first).toMatchObject({ rendered: 4, reused: 0 });
    for (const file of ['cards/papers/attention-is-all-you-need.png', 'cards/papers/mamba.png', 'cards/themes/efficient-attention.png', 'cards/site.png']) {
      expect(statSync(join(outDir, file)).size).toBeGreaterThan(0);
    }
    expect(readdirSync(cacheDir).sort()).toEqual(items.map((i) => `${cardKey(i.input)}.png`).sort());
    expect(first.largest!.bytes).toBeLessThanOrEqual(40 * 1024);

    // A fresh output directory, as after a clean build: everything comes from the cache.
    const outDir2 = tempDir();
    const second = await generateCards({ items, outDir: outDir2, cacheDir });
    expect(second).toMatchObject({ rendered: 0, reused: 4 });
    expect(readFileSync(join(outDir2, 'cards/papers/mamba.png')).equals(readFileSync(join(outDir, 'cards/papers/mamba.png')))).toBe(true);

    // One title changes: one render; a paper disappears: its card is removed.
    const changed = [{ ...items[0]!, input: paper('Attention Is All You Need (v2)') }, ...items.slice(2)];
    const third = await generateCards({ items: changed, outDir: outDir2, cacheDir });
    expect(third).toMatchObject({ rendered: 1, reused: 2, removed: 1 });
    expect(() => statSync(join(outDir2, 'cards/papers/mamba.png'))).toThrow();
    expect(readdirSync(join(outDir2, 'cards/papers')).some((n) => n.endsWith('.tmp'))).toBe(false);
  });

  it('renders into the cache at once but writes the output only once it is ready, and not at all if it never is', async () => {
    const [outDir, cacheDir] = [tempDir(), tempDir()];
    let ready!: (ok: boolean) => void;
    const done = generateCards({ items, outDir, cacheDir, outputReady: new Promise<boolean>((r) => (ready = r)) });
    while (readdirSync(cacheDir).filter((n) => n.endsWith('.png')).length < items.length) await new Promise((r) => setTimeout(r, 10));
    expect(readdirSync(outDir)).toEqual([]);
    ready(true);
    expect(await done).toMatchObject({ rendered: 4 });
    expect(statSync(join(outDir, 'cards/site.png')).size).toBeGreaterThan(0);

    const untouched = tempDir();
    await expect(generateCards({ items, outDir: untouched, cacheDir, outputReady: Promise.resolve(false) })).rejects.toThrow(/never became ready/);
    expect(readdirSync(untouched)).toEqual([]);
  });

  it('keys on every input field and never on the output path', () => {
    const base = paper('A title');
    const key = cardKey(base);
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(cardKey({ ...base })).toBe(key);
    for (const change of [{ title: 'B title' }, { themes: [] }, { date: null }, { siteName: 'Other' }, { kind: 'theme' as const }, { subtitle: 'x' }]) {
      expect(cardKey({ ...base, ...change })).not.toBe(key);
    }
  });

  it('refuses ids that are not slugs and duplicate targets', async () => {
    expect(() => cardPath('paper', '../../etc/passwd')).toThrow(/not a slug/);
    expect(cardPath('theme', 'efficient-attention')).toBe('cards/themes/efficient-attention.png');
    await expect(generateCards({ items: [items[0]!, items[0]!], outDir: tempDir(), cacheDir: tempDir() })).rejects.toThrow(/both be written/);
  });

  it('treats an empty cache file as missing', async () => {
    const outDir = tempDir();
    const cacheDir = tempDir();
    writeFileSync(join(cacheDir, `${cardKey(items[1]!.input)}.png`), '');
    const stats = await generateCards({ items: [items[1]!], outDir, cacheDir });
    expect(stats).toMatchObject({ rendered: 1, reused: 0 });
    expect(statSync(join(outDir, 'cards/papers/mamba.png')).size).toBeGreaterThan(1000);
  });
});

describe('which cards a catalog has', () => {
  const theme = (id: string, name: string) => ({ id, name }) as Theme;
  const taxonomy = [theme('flow', 'Rectified flow'), theme('attention', 'Efficient attention')];
  const paper = (id: string, more: Partial<CardPaper> = {}): CardPaper => ({ id, title: `Paper ${id}`, authors: ['Ada Lovelace', 'Alan Turing'], themes: ['flow'], listedOn: '2024-02-12', hidden: false, notes: false, ...more });

  it("one per published paper, theme and the site, each saying what its page says: a theme's count and the catalog's size leave hidden papers out", () => {
    const items = cardItems([paper('a'), paper('b', { themes: ['flow', 'attention'], authors: [] }), paper('c', { hidden: true })], taxonomy, 'Shelfmark');
    expect(items.map(({ id, input }) => [input.kind, id, input.subtitle ?? null])).toEqual([
      ['paper', 'a', 'Ada Lovelace and Alan Turing'],
      ['paper', 'b', null],
      ['theme', 'flow', '2 papers'],
      ['theme', 'attention', '1 paper'],
      ['site', 'site', '2 papers, 2 themes'],
    ]);
    expect(items[1]!.input.themes).toEqual(['Rectified flow', 'Efficient attention']);
  });

  it('in a large catalog, only papers with notes have cards of their own', () => {
    const before = process.env.LARGE_CATALOG;
    process.env.LARGE_CATALOG = '2';
    try {
      const items = cardItems([paper('a'), paper('b', { notes: true })], taxonomy, 'Shelfmark');
      expect(items.filter((item) => item.input.kind === 'paper').map((item) => item.id)).toEqual(['b']);
    } finally {
      if (before === undefined) delete process.env.LARGE_CATALOG;
      else process.env.LARGE_CATALOG = before;
    }
  });
});
