/**
 * Social preview cards ("Open Graph images"): one 1200×630 PNG from a few strings.
 *
 * ./layout.ts plans the card; this paints the plan: fontkit shapes the text with the Inter files
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
import { fontsDigest } from './fonts.ts';
import { CARD_HEIGHT, CARD_WIDTH, layoutCard, type CardInput, type Ink, type TextRun } from './layout.ts';
import { glyphMask, shapeMask, SUBPIXEL_STEPS, type PlacedMask } from './masks.ts';
import { encodeIndexedPng } from './png.ts';
import { shapeLine } from './typeset.ts';
import { site } from '../site.ts';

/**
 * Bump whenever anything that changes the pixels changes: the layout (./layout.ts), the text
 * handling, the PNG settings. It is part of every cache key (see `templateFingerprint`), so a
 * bump re-renders every card. Font files, colours and library versions are in the key by themselves.
 */
const TEMPLATE_VERSION = 7;

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
    `colours@${Object.values(COLOURS).join(',')}`,
  ].join(' ');
  return fingerprint;
}

// ---------------------------------------------------------------------------------------------
// Colours: the site's light scheme (src/site.ts). Coordinates and text come from the plan.

const COLOURS = site.colors.light;

/**
 * Every pair of colours the template draws one on the other, with how many steps of blend its
 * edges get. At most sixteen colours, so a card is a 4-bit PNG: the title's ink gets the most
 * steps, small text fewer, and edges that are mostly straight (the rule, the bar) none.
 */
const PALETTE = buildPalette([
  { bg: COLOURS.bg, fg: COLOURS.text, steps: 5 },
  { bg: COLOURS.bg, fg: COLOURS['text-muted'], steps: 4 },
  { bg: COLOURS['chip-bg'], fg: COLOURS['chip-text'], steps: 3 },
  { bg: COLOURS.bg, fg: COLOURS['chip-bg'], steps: 3 },
  { bg: COLOURS.bg, fg: COLOURS.accent, steps: 3 },
  { bg: COLOURS.bg, fg: COLOURS.border, steps: 2 },
]);
const [INK, MUTED, CHIP_INK, CHIP, ACCENT, RULE] = PALETTE.ramps as [Ramp, Ramp, Ramp, Ramp, Ramp, Ramp];
const full = (ramp: Ramp) => ramp[ramp.length - 1]!;

/** Each colour of the plan as its ramp of shades over the background. */
const RAMPS: Record<Ink, Ramp> = { ink: INK, muted: MUTED, accent: ACCENT, rule: RULE, chip: CHIP, chipInk: CHIP_INK };

/** The outlined box drawn for TOFU, sized to the text around it, in the muted colour. */
function tofuBox(size: number): Promise<PlacedMask> {
  const [w, h, stroke] = [Math.round(size * 0.55), Math.round(size * 0.75), Math.max(1.5, size * 0.06)];
  return shapeMask(`tofu-${size}`, `<rect x="${stroke / 2}" y="${stroke / 2}" width="${w - stroke}" height="${h - stroke}" rx="${stroke * 1.5}" fill="none" stroke="#000" stroke-width="${stroke}"/>`, w, h);
}

/** Draws one run of text: each glyph's mask at its pen position, rounded to a quarter pixel. */
async function drawText(canvas: Canvas, op: TextRun): Promise<void> {
  const line = shapeLine(op.text, op.style);
  const baseline = Math.round(op.baseline);
  const placed = await Promise.all(
    line.glyphs.map(async ({ glyph, x, y }) => {
      const pen = Math.round((op.x + x) * SUBPIXEL_STEPS) / SUBPIXEL_STEPS;
      const whole = Math.floor(pen);
      if (glyph.id === 0) {
        const box = await tofuBox(op.style.size);
        return { mask: box, x: whole + Math.round(op.style.size * 0.05), y: baseline - box.height + Math.round(y), ramp: MUTED };
      }
      const mask = await glyphMask(op.style.face, glyph, op.style.size, Math.round((pen - whole) * SUBPIXEL_STEPS));
      return mask && { mask, x: whole + mask.left, y: baseline + Math.round(y) + mask.top, ramp: RAMPS[op.ink] };
    }),
  );
  for (const p of placed) if (p) canvas.draw(p.mask, p.x, p.y, p.ramp);
}

/** Renders one card to PNG bytes. Pure: the same input gives the same bytes. */
export async function renderCard(input: CardInput): Promise<Uint8Array> {
  const plan = layoutCard(input);
  const canvas = new Canvas(CARD_WIDTH, CARD_HEIGHT, INK[0]!);
  for (const fill of plan.fills) canvas.fill(fill.x, fill.y, fill.width, fill.height, full(RAMPS[fill.ink]));
  for (const mark of plan.marks) {
    if ('text' in mark) await drawText(canvas, mark);
    else canvas.draw(await shapeMask(mark.name, mark.svg, mark.width, mark.height), mark.x, mark.y, RAMPS[mark.ink]);
  }
  return encodeIndexedPng(CARD_WIDTH, CARD_HEIGHT, canvas.pixels, PALETTE);
}
