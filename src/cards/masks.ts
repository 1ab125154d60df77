/**
 * Coverage masks for glyphs and the template's few shapes, rasterised by sharp from SVG once per
 * process and then reused: a catalog's cards draw the same few hundred glyphs at a few sizes, so
 * after the first cards all text drawing is copying bytes.
 */
import sharp from 'sharp';
import type { Glyph } from 'fontkit';
import type { Mask } from './canvas.ts';
import { face, type FaceName } from './fonts.ts';

/** A mask and where its top-left corner sits relative to the point it is drawn at. */
export interface PlacedMask extends Mask {
  left: number;
  top: number;
}

/**
 * Glyphs are positioned to a quarter of a pixel: whole pixels would make the spacing in a line
 * visibly uneven at title sizes, and finer steps would only multiply the masks.
 */
export const SUBPIXEL_STEPS = 4;

const masks = new Map<string, Promise<PlacedMask | null>>();

async function rasterise(svgBody: string, width: number, height: number): Promise<Uint8Array> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${svgBody}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).ensureAlpha().extractChannel(3).raw().toBuffer({ resolveWithObject: true });
  if (info.width !== width || info.height !== height) throw new Error('cards: a mask came out at the wrong size');
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Memoises a mask by key; the same key always means the same shape. */
function memo(key: string, make: () => Promise<PlacedMask | null>): Promise<PlacedMask | null> {
  let mask = masks.get(key);
  if (!mask) {
    mask = make();
    masks.set(key, mask);
  }
  return mask;
}

/**
 * The mask of a glyph drawn with its origin at a pen position whose fractional part is
 * `step / SUBPIXEL_STEPS`; null for glyphs with no ink (spaces). `top` is relative to the baseline.
 */
export function glyphMask(faceName: FaceName, glyph: Glyph, size: number, step: number): Promise<PlacedMask | null> {
  return memo(`g ${faceName} ${glyph.id} ${size} ${step}`, async () => {
    const { bbox } = glyph;
    if (!(bbox.maxX > bbox.minX && bbox.maxY > bbox.minY)) return null;
    const scale = size / face(faceName).font.unitsPerEm;
    const shift = step / SUBPIXEL_STEPS;
    // One spare pixel on every side for anti-aliasing.
    const left = Math.floor(shift + bbox.minX * scale) - 1;
    const top = Math.floor(-bbox.maxY * scale) - 1;
    const width = Math.ceil(shift + bbox.maxX * scale) + 1 - left;
    const height = Math.ceil(-bbox.minY * scale) + 1 - top;
    const path = `<path transform="translate(${shift - left} ${-top}) scale(${scale} ${-scale})" d="${glyph.path.toSVG()}"/>`;
    return { width, height, left, top, alpha: await rasterise(path, width, height) };
  });
}

/** Any other shape, as SVG elements in a `width`×`height` box drawn from its top-left corner. */
export function shapeMask(key: string, svgBody: string, width: number, height: number): Promise<PlacedMask> {
  return memo(`s ${key} ${width} ${height}`, async () => ({ width, height, left: 0, top: 0, alpha: await rasterise(svgBody, width, height) })) as Promise<PlacedMask>;
}
