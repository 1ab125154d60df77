/**
 * Social preview cards ("Open Graph images"): one 1200×630 PNG from a few strings.
 *
 * The template below places text and shapes by hand: fontkit shapes the text with the Inter files
 * in ./fonts/ (./typeset.ts), sharp rasterises each glyph and shape once (./masks.ts), and the
 * card is composed straight into palette indices (./canvas.ts) and deflated (./png.ts). No
 * system font is consulted and nothing is quantised, so the same input gives the same bytes, and
 * a card costs a few milliseconds, which matters at ten thousand papers.
 *
 * Titles and theme names are untrusted text (scraped from listing pages). They are shaped into
 * glyph indices and never become markup: `<`, `&`, `</svg>` or `{x}` are drawn as those characters.
 * The only SVG ever built holds one glyph outline or one of the template's own shapes.
 *
 * Inter covers Latin, Greek, Cyrillic, Vietnamese and the common symbols. Emoji the fonts lack are
 * left out (in a title they are decoration), so are accents and invisible format characters they
 * lack, and any other missing character (Hebrew, Arabic, CJK, some maths) is drawn as a quiet
 * outlined box instead of Inter's loud "NO GLYPH" glyph.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { buildPalette, Canvas, type Ramp } from './canvas.ts';
import { drawable, face, fontsDigest } from './fonts.ts';
import { glyphMask, shapeMask, SUBPIXEL_STEPS, type PlacedMask } from './masks.ts';
import { encodeIndexedPng } from './png.ts';
import { graphemes, measure, shapeLine, wrap, type TextStyle } from './typeset.ts';
import type { CardKind } from '../lib/paths.ts';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

/**
 * Bump whenever anything that changes the pixels changes: the layout below, the colours, the
 * text handling, the PNG settings. It is part of every cache key (see `templateFingerprint`), so a
 * bump re-renders every card. Font files and library versions are in the key by themselves.
 */
export const TEMPLATE_VERSION = 4;

/** A dependency's version, from the package.json above its entry point (fontkit does not export it). */
function versionOf(pkg: string): string {
  let dir = dirname(createRequire(import.meta.url).resolve(pkg));
  while (!dir.endsWith(join('node_modules', pkg))) {
    if (dir === dirname(dir)) throw new Error(`cards: can't find the package.json of ${pkg}`);
    dir = dirname(dir);
  }
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

let fingerprint: string | undefined;
/** Template version, what shapes, rasterises and deflates, and the fonts: for cache keys. */
export function templateFingerprint(): string {
  fingerprint ??= [
    `template@${TEMPLATE_VERSION}`,
    `fontkit@${versionOf('fontkit')}`,
    `sharp@${sharp.versions.sharp}`,
    `vips@${sharp.versions.vips}`,
    `zlib@${process.versions.zlib}`,
    // Grapheme boundaries decide where long words split.
    `unicode@${process.versions.unicode}`,
    `fonts@${fontsDigest()}`,
  ].join(' ');
  return fingerprint;
}

export interface CardInput {
  /** Main text: a paper's title, a theme's name, the site's name. Untrusted. */
  title: string;
  /** Theme names shown as chips (as many as fit; the rest are counted). Untrusted. */
  themes: string[];
  /** `YYYY-MM-DD` when known; anything that is not a real calendar date is left off. */
  date: string | null;
  /** The brand in the footer. */
  siteName: string;
  kind: CardKind;
  /** One short line under the title, e.g. "37 papers". Untrusted. */
  subtitle?: string;
}

// ---------------------------------------------------------------------------------------------
// Text hygiene. Not a safety measure (text never becomes markup): it keeps odd input from
// breaking the layout — control characters, bidi overrides that would flip the rest of the
// card, lone surrogates, and strings far longer than three lines can show.

const MAX_TITLE_CHARS = 220;
const MAX_CHIP_CHARS = 34;
const MAX_SUBTITLE_CHARS = 90;

/** Collapses whitespace, drops control and bidi-override characters, and caps the length. */
export function cleanText(text: unknown, max: number): string {
  const cleaned = String(text ?? '')
    .toWellFormed()
    .normalize('NFC')
    // C0/C1 controls, bidi marks/embeddings/overrides/isolates, BOM. ZWJ/ZWNJ stay (emoji, Indic).
    .replace(/[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  return truncate(cleaned, max);
}

/** At most `max` user-perceived characters, cut at a word boundary when one is near, with "…". */
function truncate(text: string, max: number): string {
  const parts = graphemes(text);
  if (parts.length <= max) return text;
  let cut = parts.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  if (space > cut.length * 0.6) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,;:.–—-]+$/u, '')}…`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2024-03-07` → `7 March 2024`, without Intl so no ICU version can change it; null unless a real date. */
export function formatDate(date: string | null | undefined): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/**
 * Stands for a character the fonts lack. U+FFFF is a noncharacter, in no font, so it shapes to the
 * fonts' "no glyph" glyph, which the template draws as a quiet box.
 */
export const TOFU = '\uFFFF';

/**
 * Fits text to the bundled fonts, grapheme by grapheme: drawable ones stay; accents and invisible
 * format characters the fonts lack are dropped (a keycap or variation selector leaves its base),
 * and so are accents past the second on one letter ("Zalgo" text would climb into the line above);
 * emoji are dropped; anything else becomes one TOFU.
 */
export function fitToFonts(text: string): string {
  const drawn = (ch: string) => drawable(ch.codePointAt(0)!);
  const out: string[] = [];
  for (const g of graphemes(text)) {
    const chars = [...g];
    if (chars.every(drawn) && !/(?:\p{M}.*){3}/u.test(g)) {
      out.push(g);
      continue;
    }
    let marks = 0;
    const kept = chars
      .filter((ch) => drawn(ch) || !/[\p{M}\p{Default_Ignorable_Code_Point}]/u.test(ch))
      .filter((ch) => !/\p{M}/u.test(ch) || ++marks <= 2)
      .join('');
    if (kept === '' || [...kept].every(drawn)) out.push(kept);
    else if (!/[\p{Extended_Pictographic}\p{Regional_Indicator}]/u.test(kept)) out.push(TOFU);
  }
  return out.join('').replace(/\s+/gu, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// The template. Coordinates are pixels from the card's top-left corner.

const C = {
  bg: '#fbfaf7',
  ink: '#14171f',
  muted: '#5b6170',
  rule: '#e2dfd6',
  accent: '#3b4cca',
  chipBg: '#eceefb',
  chipInk: '#27318f',
  tofu: '#9aa0ad',
};

/**
 * Every pair of colours the template draws one on the other, with how many steps of blend its
 * edges get. Sixteen colours in all, so a card is a 4-bit PNG: the title's ink gets the most steps,
 * small text fewer, and edges that are mostly straight (the rule, the bar) none.
 */
const PALETTE = buildPalette([
  { bg: C.bg, fg: C.ink, steps: 5 },
  { bg: C.bg, fg: C.muted, steps: 4 },
  { bg: C.chipBg, fg: C.chipInk, steps: 3 },
  { bg: C.bg, fg: C.chipBg, steps: 3 },
  { bg: C.bg, fg: C.accent, steps: 3 },
  { bg: C.bg, fg: C.rule, steps: 2 },
  { bg: C.bg, fg: C.tofu, steps: 2 },
]);
const [INK, MUTED, CHIP_INK, CHIP, ACCENT, RULE, TOFU_INK] = PALETTE.ramps as [Ramp, Ramp, Ramp, Ramp, Ramp, Ramp, Ramp];
const full = (ramp: Ramp) => ramp[ramp.length - 1]!;

const MARGIN = 80;
const CONTENT_WIDTH = CARD_WIDTH - 2 * MARGIN;
const BAR_HEIGHT = 12;
const FOOTER_TOP = CARD_HEIGHT - 100;

const KIND_LABEL: Record<CardKind, string> = { paper: 'Paper', theme: 'Theme', site: 'Research paper catalog' };

const LABEL: TextStyle = { face: 'semibold', size: 23, letterSpacing: 2 };
const SUBTITLE: TextStyle = { face: 'regular', size: 32 };
const CHIP_TEXT: TextStyle = { face: 'medium', size: 25 };
const BRAND: TextStyle = { face: 'semibold', size: 31, letterSpacing: -0.3 };
const DATE: TextStyle = { face: 'regular', size: 26 };

/** Longer titles get a smaller size so most fit in three lines; the rest end in "…". */
function titleStyle(title: string): TextStyle {
  const n = graphemes(title).length;
  const size = n <= 40 ? 76 : n <= 70 ? 66 : n <= 110 ? 58 : 52;
  return { face: 'display', size, letterSpacing: -0.4 };
}

/** The height of one line at CSS `line-height: normal`, and where its baseline sits in it. */
function lineMetrics(style: TextStyle): { height: number; ascent: number } {
  const { font } = face(style.face);
  const scale = style.size / font.unitsPerEm;
  return { height: (font.ascent - font.descent + font.lineGap) * scale, ascent: font.ascent * scale };
}

/** One thing to draw: a run of text or a shape, in a ramp's foreground. */
type Op =
  | { text: string; style: TextStyle; x: number; baseline: number; ramp: Ramp }
  | { shape: Promise<PlacedMask>; x: number; y: number; ramp: Ramp };

interface Chip {
  text: string;
  width: number;
  /** The "+N more" count: plain muted text, no pill. */
  count: boolean;
}

const CHIP_HEIGHT = 50;
const CHIP_PADDING = 22;
const CHIP_GAP = 12;

/** As many chips as fit on one row, measured; then "+N more" for the rest. At most five. */
function chipRow(names: string[], total: number): Chip[] {
  const chips: Chip[] = [];
  let used = 0;
  for (const [i, name] of names.entries()) {
    const width = measure(name, CHIP_TEXT) + 2 * CHIP_PADDING;
    const left = total - i - 1;
    const reserve = left > 0 ? measure(`+${left} more`, CHIP_TEXT) + 8 : 0;
    if (chips.length === 5 || used + width + reserve > CONTENT_WIDTH) break;
    chips.push({ text: name, width, count: false });
    used += width + CHIP_GAP;
  }
  const rest = total - chips.length;
  if (rest > 0) chips.push({ text: `+${rest} more`, width: measure(`+${rest} more`, CHIP_TEXT) + 8, count: true });
  return chips;
}

/** A pill's round end: a half disc, `side` saying which half. */
const pillEnd = (side: 'left' | 'right') => {
  const r = CHIP_HEIGHT / 2;
  return shapeMask(`pill-${side}`, `<circle cx="${side === 'left' ? r : 0}" cy="${r}" r="${r}"/>`, r, CHIP_HEIGHT);
};

/** The brand mark: a bookmark ribbon. */
const mark = () => shapeMask('mark', '<path d="M3 0h18a3 3 0 0 1 3 3v29l-12-8-12 8V3a3 3 0 0 1 3-3z"/>', 24, 32);

/** The card as a list of drawing operations, after the rectangles that are filled directly. */
function layout(input: CardInput, canvas: Canvas): Op[] {
  const title = fitToFonts(cleanText(input.title, MAX_TITLE_CHARS)) || 'Untitled';
  const siteName = fitToFonts(cleanText(input.siteName, 40)) || 'Shelfmark';
  const subtitle = fitToFonts(cleanText(input.subtitle, MAX_SUBTITLE_CHARS));
  const date = formatDate(input.date);
  const themes = Array.isArray(input.themes) ? input.themes : [];
  // Only the first few can show; the rest are only counted, however many there are.
  const names = themes.slice(0, 12).map((t) => fitToFonts(cleanText(t, MAX_CHIP_CHARS))).filter(Boolean);
  const total = names.length + Math.max(0, themes.length - 12);
  const ops: Op[] = [];

  canvas.fill(0, 0, CARD_WIDTH, BAR_HEIGHT, full(ACCENT));
  canvas.fill(MARGIN, FOOTER_TOP, CONTENT_WIDTH, 2, full(RULE));

  const label = lineMetrics(LABEL);
  const labelTop = BAR_HEIGHT + 50;
  ops.push({ text: (KIND_LABEL[input.kind] ?? KIND_LABEL.paper).toUpperCase(), style: LABEL, x: MARGIN, baseline: labelTop + label.ascent, ramp: MUTED });

  // Title, subtitle and chips are one block, centred in the space between label and footer.
  const style = titleStyle(title);
  const titleLines = wrap(title, style, CONTENT_WIDTH, 3);
  const lineHeight = style.size * 1.15;
  const titleLine = lineMetrics(style);
  const sub = lineMetrics(SUBTITLE);
  const subtitleLine = subtitle ? wrap(subtitle, SUBTITLE, CONTENT_WIDTH, 1)[0]! : null;
  const chips = chipRow(names, total);
  const blockHeight = titleLines.length * lineHeight + (subtitleLine ? 20 + sub.height : 0) + (chips.length ? 40 + CHIP_HEIGHT : 0);
  const areaTop = labelTop + label.height;
  const areaBottom = FOOTER_TOP - 40;
  let y = areaTop + (areaBottom - areaTop - blockHeight) / 2;

  for (const line of titleLines) {
    ops.push({ text: line, style, x: MARGIN, baseline: y + (lineHeight - titleLine.height) / 2 + titleLine.ascent, ramp: INK });
    y += lineHeight;
  }
  if (subtitleLine) {
    y += 20;
    ops.push({ text: subtitleLine, style: SUBTITLE, x: MARGIN, baseline: y + sub.ascent, ramp: MUTED });
    y += sub.height;
  }
  if (chips.length) {
    y = Math.round(y + 40);
    const chipLine = lineMetrics(CHIP_TEXT);
    const baseline = y + (CHIP_HEIGHT - chipLine.height) / 2 + chipLine.ascent;
    let x = MARGIN;
    for (const chip of chips) {
      x = Math.round(x);
      if (chip.count) {
        ops.push({ text: chip.text, style: CHIP_TEXT, x: x + 4, baseline, ramp: MUTED });
        continue;
      }
      const r = CHIP_HEIGHT / 2;
      ops.push({ shape: pillEnd('left'), x, y, ramp: CHIP });
      canvas.fill(x + r, y, Math.round(chip.width) - 2 * r, CHIP_HEIGHT, full(CHIP));
      ops.push({ shape: pillEnd('right'), x: x + Math.round(chip.width) - r, y, ramp: CHIP });
      ops.push({ text: chip.text, style: CHIP_TEXT, x: x + CHIP_PADDING, baseline, ramp: CHIP_INK });
      x += chip.width + CHIP_GAP;
    }
  }

  // Footer: the mark and the brand on the left, the date on the right, centred under the rule.
  const middle = FOOTER_TOP + 2 + 49;
  ops.push({ shape: mark(), x: MARGIN, y: middle - 16, ramp: ACCENT });
  const brand = lineMetrics(BRAND);
  ops.push({ text: wrap(siteName, BRAND, 600, 1)[0]!, style: BRAND, x: MARGIN + 40, baseline: middle - brand.height / 2 + brand.ascent, ramp: INK });
  if (date) {
    const text = `Listed ${date}`;
    const line = lineMetrics(DATE);
    ops.push({ text, style: DATE, x: CARD_WIDTH - MARGIN - measure(text, DATE), baseline: middle - line.height / 2 + line.ascent, ramp: MUTED });
  }
  return ops;
}

/** The outlined box drawn for TOFU, sized to the text around it. */
function tofuBox(size: number): Promise<PlacedMask> {
  const [w, h, stroke] = [Math.round(size * 0.55), Math.round(size * 0.75), Math.max(1.5, size * 0.06)];
  return shapeMask(`tofu-${size}`, `<rect x="${stroke / 2}" y="${stroke / 2}" width="${w - stroke}" height="${h - stroke}" rx="${stroke * 1.5}" fill="none" stroke="#000" stroke-width="${stroke}"/>`, w, h);
}

/** Draws one run of text: each glyph's mask at its pen position, rounded to a quarter pixel. */
async function drawText(canvas: Canvas, op: Extract<Op, { text: string }>): Promise<void> {
  const line = shapeLine(op.text, op.style);
  const baseline = Math.round(op.baseline);
  const placed = await Promise.all(
    line.glyphs.map(async ({ glyph, x, y }) => {
      const pen = Math.round((op.x + x) * SUBPIXEL_STEPS) / SUBPIXEL_STEPS;
      const whole = Math.floor(pen);
      if (glyph.id === 0) {
        const box = await tofuBox(op.style.size);
        return { mask: box, x: whole + Math.round(op.style.size * 0.05), y: baseline - box.height + Math.round(y), ramp: TOFU_INK };
      }
      const mask = await glyphMask(op.style.face, glyph, op.style.size, Math.round((pen - whole) * SUBPIXEL_STEPS));
      return mask && { mask, x: whole + mask.left, y: baseline + Math.round(y) + mask.top, ramp: op.ramp };
    }),
  );
  for (const p of placed) if (p) canvas.draw(p.mask, p.x, p.y, p.ramp);
}

/** Renders one card to PNG bytes. Pure: the same input gives the same bytes. */
export async function renderCard(input: CardInput): Promise<Uint8Array> {
  const canvas = new Canvas(CARD_WIDTH, CARD_HEIGHT, INK[0]!);
  for (const op of layout(input, canvas)) {
    if ('text' in op) await drawText(canvas, op);
    else canvas.draw(await op.shape, op.x, op.y, op.ramp);
  }
  return encodeIndexedPng(CARD_WIDTH, CARD_HEIGHT, canvas.pixels, PALETTE);
}
