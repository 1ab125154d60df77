/**
 * A preview card's plan: what goes where on the 1200×630 card, as plain data — rectangles to
 * fill, runs of text and small shapes to draw, each in one of the template's colours. Pure: the
 * same input gives the same plan, and nothing is rasterised here (./render.ts paints the plan).
 * Text is measured with the bundled fonts (./typeset.ts), so the plan knows where lines break.
 *
 * Titles and theme names are untrusted text (scraped from listing pages). They stay strings
 * here and become glyph indices in ./render.ts; they never become markup.
 */
import { drawable, face } from './fonts.ts';
import { measure, wrap, type TextStyle } from './typeset.ts';
import { cleanText, excerpt, formatDate, graphemes } from '../lib/format.ts';
import type { CardKind } from '../lib/paths.ts';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

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

/** The template's colours, by what they are for; ./render.ts gives each its shades. */
export type Ink = 'ink' | 'muted' | 'accent' | 'rule' | 'chip' | 'chipInk';

/** A rectangle filled with one colour, edges on whole pixels. */
export interface Fill {
  x: number;
  y: number;
  width: number;
  height: number;
  ink: Ink;
}

/** A run of text on one line, its start at `x` on the `baseline`. */
export interface TextRun {
  text: string;
  style: TextStyle;
  x: number;
  baseline: number;
  ink: Ink;
}

/** A shape of the template, as an SVG body in a `width`×`height` box placed at `x`, `y`. */
export interface Shape {
  /** Names the shape: the same name is always the same SVG. */
  name: string;
  svg: string;
  width: number;
  height: number;
  x: number;
  y: number;
  ink: Ink;
}

/** A card's plan: the fills first, then the text and shapes in order. */
export interface CardPlan {
  fills: Fill[];
  marks: (TextRun | Shape)[];
}

// ---------------------------------------------------------------------------------------------
// Text hygiene. Not a safety measure (text never becomes markup): it keeps odd input from
// breaking the layout — control characters, bidi overrides that would flip the rest of the
// card, lone surrogates, and strings far longer than three lines can show.

const MAX_TITLE_CHARS = 220;
const MAX_CHIP_CHARS = 34;
const MAX_SUBTITLE_CHARS = 90;

/**
 * Untrusted text as the card draws it: cleaned as everywhere (src/lib/format.ts), made well
 * formed and composed (NFC) for shaping, cut to `max` characters and fitted to the fonts.
 */
function cardText(text: string | undefined, max: number): string {
  return fitToFonts(excerpt(cleanText((text ?? '').toWellFormed().normalize('NFC')), max));
}

/**
 * Stands for a character the fonts lack. U+FFFF is a noncharacter, in no font, so it shapes to the
 * fonts' "no glyph" glyph, which ./render.ts draws as a quiet box.
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

/** A pill's round end at `x`, `y`: a half disc, `side` saying which half. */
function pillEnd(side: 'left' | 'right', x: number, y: number): Shape {
  const r = CHIP_HEIGHT / 2;
  return { name: `pill-${side}`, svg: `<circle cx="${side === 'left' ? r : 0}" cy="${r}" r="${r}"/>`, width: r, height: CHIP_HEIGHT, x, y, ink: 'chip' };
}

/** The brand mark, a bookmark ribbon, at `x`, `y`. */
function brandMark(x: number, y: number): Shape {
  return { name: 'mark', svg: '<path d="M3 0h18a3 3 0 0 1 3 3v29l-12-8-12 8V3a3 3 0 0 1 3-3z"/>', width: 24, height: 32, x, y, ink: 'accent' };
}

/** Where everything on the card goes. */
export function layoutCard(input: CardInput): CardPlan {
  const title = cardText(input.title, MAX_TITLE_CHARS) || 'Untitled';
  const siteName = cardText(input.siteName, 40);
  const subtitle = cardText(input.subtitle, MAX_SUBTITLE_CHARS);
  const date = formatDate(input.date);
  const themes = Array.isArray(input.themes) ? input.themes : [];
  // Only the first few can show; the rest are only counted, however many there are.
  const names = themes.slice(0, 12).map((t) => cardText(t, MAX_CHIP_CHARS)).filter(Boolean);
  const total = names.length + Math.max(0, themes.length - 12);
  const fills: Fill[] = [
    { x: 0, y: 0, width: CARD_WIDTH, height: BAR_HEIGHT, ink: 'accent' },
    { x: MARGIN, y: FOOTER_TOP, width: CONTENT_WIDTH, height: 2, ink: 'rule' },
  ];
  const marks: (TextRun | Shape)[] = [];

  const label = lineMetrics(LABEL);
  const labelTop = BAR_HEIGHT + 50;
  marks.push({ text: (KIND_LABEL[input.kind] ?? KIND_LABEL.paper).toUpperCase(), style: LABEL, x: MARGIN, baseline: labelTop + label.ascent, ink: 'muted' });

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
    marks.push({ text: line, style, x: MARGIN, baseline: y + (lineHeight - titleLine.height) / 2 + titleLine.ascent, ink: 'ink' });
    y += lineHeight;
  }
  if (subtitleLine) {
    y += 20;
    marks.push({ text: subtitleLine, style: SUBTITLE, x: MARGIN, baseline: y + sub.ascent, ink: 'muted' });
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
        marks.push({ text: chip.text, style: CHIP_TEXT, x: x + 4, baseline, ink: 'muted' });
        continue;
      }
      const r = CHIP_HEIGHT / 2;
      marks.push(pillEnd('left', x, y));
      fills.push({ x: x + r, y, width: Math.round(chip.width) - 2 * r, height: CHIP_HEIGHT, ink: 'chip' });
      marks.push(pillEnd('right', x + Math.round(chip.width) - r, y));
      marks.push({ text: chip.text, style: CHIP_TEXT, x: x + CHIP_PADDING, baseline, ink: 'chipInk' });
      x += chip.width + CHIP_GAP;
    }
  }

  // Footer: the mark and the brand on the left, the date on the right, centred under the rule.
  const middle = FOOTER_TOP + 2 + 49;
  marks.push(brandMark(MARGIN, middle - 16));
  const brand = lineMetrics(BRAND);
  if (siteName) marks.push({ text: wrap(siteName, BRAND, 600, 1)[0]!, style: BRAND, x: MARGIN + 40, baseline: middle - brand.height / 2 + brand.ascent, ink: 'ink' });
  if (date) {
    const text = `Listed ${date}`;
    const line = lineMetrics(DATE);
    marks.push({ text, style: DATE, x: CARD_WIDTH - MARGIN - measure(text, DATE), baseline: middle - line.height / 2 + line.ascent, ink: 'muted' });
  }
  return { fills, marks };
}
