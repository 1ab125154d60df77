/**
 * Text into positioned glyphs: shaping by fontkit, line breaking here.
 *
 * Words are shaped one at a time and the shapes kept for the whole process: a catalog's titles
 * share most of their words, so after the first few hundred cards nearly every word is a lookup.
 * Lines break at spaces, like CSS `overflow-wrap: break-word`: a word wider than the line is split
 * between characters (graphemes), and the last line allowed ends in "…" when text is left over.
 */
import type { Glyph } from 'fontkit';
import { graphemes } from '../lib/format.ts';
import { face, type FaceName } from './fonts.ts';

export interface TextStyle {
  face: FaceName;
  /** Font size in pixels. */
  size: number;
  /** Extra space after every character, in pixels (CSS `letter-spacing`). */
  letterSpacing?: number;
}

export interface PlacedGlyph {
  glyph: Glyph;
  /** Pen position of the glyph's origin, from the line's start, in pixels. */
  x: number;
  /** Offset from the baseline, in pixels, downwards (mark positioning). */
  y: number;
}

export interface Line {
  glyphs: PlacedGlyph[];
  /** Advance width in pixels, without trailing letter spacing. */
  width: number;
}

/** A word as fontkit shaped it, in font units, before size and letter spacing apply. */
interface Shaped {
  glyphs: Glyph[];
  advances: number[];
  offsets: [number, number][];
}

const shapes = new Map<string, Shaped>();

function shapeWord(faceName: FaceName, text: string): Shaped {
  const key = `${faceName}\u0000${text}`;
  let shaped = shapes.get(key);
  if (!shaped) {
    // Without Inter's contextual alternates: they draw "->" as "→" and "=>" as "⇒", where the
    // page shows the characters typed. (fontkit fills in the object it is given: a new one each time.)
    const run = face(faceName).font.layout(text, { calt: false });
    shaped = {
      glyphs: run.glyphs,
      advances: run.positions.map((p) => p.xAdvance),
      offsets: run.positions.map((p) => [p.xOffset, p.yOffset]),
    };
    shapes.set(key, shaped);
  }
  return shaped;
}

/** The glyphs of `text` on one line, shaped word by word; spaces are the font's own. */
export function shapeLine(text: string, style: TextStyle): Line {
  const scale = style.size / face(style.face).font.unitsPerEm;
  const spacing = style.letterSpacing ?? 0;
  const glyphs: PlacedGlyph[] = [];
  let pen = 0;
  let trailing = 0;
  const words = text.split(' ');
  for (const [i, word] of words.entries()) {
    const piece = i < words.length - 1 ? `${word} ` : word;
    if (piece === '') continue;
    const shaped = shapeWord(style.face, piece);
    for (const [g, glyph] of shaped.glyphs.entries()) {
      const [dx, dy] = shaped.offsets[g]!;
      glyphs.push({ glyph, x: pen + dx * scale, y: -dy * scale });
      const advance = shaped.advances[g]! * scale;
      // Marks carry no advance and get no spacing, or accents would drift off their letters.
      trailing = advance === 0 ? trailing : spacing;
      pen += advance === 0 ? 0 : advance + spacing;
    }
  }
  return { glyphs, width: Math.max(0, pen - trailing) };
}

/** Width of `text` on one line, in pixels. */
export const measure = (text: string, style: TextStyle): number => shapeLine(text, style).width;

/** The longest run of whole graphemes from the start of `word` that fits in `width` (at least one). */
function fittingPrefix(word: string, style: TextStyle, width: number): string {
  const parts = graphemes(word);
  let lo = 1;
  let hi = parts.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(parts.slice(0, mid).join(''), style) <= width) lo = mid;
    else hi = mid - 1;
  }
  return parts.slice(0, lo).join('');
}

/** `text` with "…" appended, shortened (by words, then graphemes) until it fits `width`. */
function withEllipsis(text: string, style: TextStyle, width: number): string {
  let kept = text.replace(/[\s,;:.–—-]+$/u, '');
  while (kept !== '' && measure(`${kept}…`, style) > width) {
    const space = kept.lastIndexOf(' ');
    kept = (space > 0 ? kept.slice(0, space) : graphemes(kept).slice(0, -1).join('')).replace(/[\s,;:.–—-]+$/u, '');
  }
  return `${kept}…`;
}

/** Breaks `text` into at most `maxLines` lines no wider than `width`; cut text ends in "…". */
export function wrap(text: string, style: TextStyle, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let current = '';
  const words = text.split(' ').filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    let word = words[i]!;
    const candidate = current === '' ? word : `${current} ${word}`;
    if (measure(candidate, style) <= width) {
      current = candidate;
      continue;
    }
    if (current !== '') {
      lines.push(current);
      current = '';
    }
    // A word wider than a whole line is split where it must be.
    while (measure(word, style) > width) {
      const head = fittingPrefix(word, style, width);
      lines.push(head);
      word = word.slice(head.length);
    }
    current = word;
  }
  if (current !== '') lines.push(current);
  if (lines.length <= maxLines) return lines;
  const shown = lines.slice(0, maxLines);
  shown[maxLines - 1] = withEllipsis(shown[maxLines - 1]!, style, width);
  return shown;
}
