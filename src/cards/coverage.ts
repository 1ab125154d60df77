/**
 * Which characters a WOFF2 font can draw, read from its `cmap` table.
 *
 * The card template asks this before layout, so a character the bundled fonts lack never reaches
 * satori (which would draw the font's loud "NO GLYPH" box or, for emoji, look for an image).
 * WOFF2 is a brotli-compressed sfnt: the table directory says where `cmap` sits in the
 * decompressed stream, and `cmap` is never one of the transformed tables.
 * Spec: https://www.w3.org/TR/WOFF2/ and the OpenType `cmap` chapter.
 */
import { brotliDecompressSync } from 'node:zlib';

/** Tags of the WOFF2 "known tables" list, by index (spec §5.2); index 63 means the tag follows. */
const KNOWN_TAGS = ['cmap', 'head', 'hhea', 'hmtx', 'maxp', 'name', 'OS/2', 'post', 'cvt ', 'fpgm', 'glyf', 'loca', 'prep', 'CFF ', 'VORG', 'EBDT', 'EBLC', 'gasp', 'hdmx', 'kern', 'LTSH', 'PCLT', 'VDMX', 'vhea', 'vmtx', 'BASE', 'GDEF', 'GPOS', 'GSUB', 'EBSC', 'JSTF', 'MATH', 'CBDT', 'CBLC', 'COLR', 'CPAL', 'SVG ', 'sbix', 'acnt', 'avar', 'bdat', 'bloc', 'bsln', 'cvar', 'fdsc', 'feat', 'fmtx', 'fvar', 'gvar', 'hsty', 'just', 'lcar', 'mort', 'morx', 'opbd', 'prop', 'trak', 'Zapf', 'Silf', 'Glat', 'Gloc', 'Feat', 'Sill'];

/** Sorted, non-overlapping [first, last] code point ranges. */
export type Coverage = [number, number][];

export function woff2Coverage(font: Uint8Array): Coverage {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  if (view.getUint32(0) !== 0x774f4632) throw new Error('not a WOFF2 font');
  if (view.getUint32(4) === 0x74746366) throw new Error('WOFF2 font collections are not supported');
  const numTables = view.getUint16(12);
  const compressedLength = view.getUint32(20);

  let pos = 48;
  const base128 = (): number => {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const byte = view.getUint8(pos++);
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) return value;
    }
    throw new Error('bad UIntBase128 in WOFF2 table directory');
  };

  let offset = 0;
  let cmap: { offset: number; length: number } | null = null;
  for (let i = 0; i < numTables; i++) {
    const flags = view.getUint8(pos++);
    let tag = KNOWN_TAGS[flags & 0x3f];
    if ((flags & 0x3f) === 63) {
      tag = String.fromCharCode(font[pos]!, font[pos + 1]!, font[pos + 2]!, font[pos + 3]!);
      pos += 4;
    }
    const version = flags >> 6;
    const origLength = base128();
    // glyf and loca are transformed at version 0, every other table at any version but 0.
    const transformed = tag === 'glyf' || tag === 'loca' ? version === 0 : version !== 0;
    const length = transformed ? base128() : origLength;
    if (tag === 'cmap') cmap = { offset, length };
    offset += length;
  }
  if (!cmap) throw new Error('font has no cmap table');

  const tables = brotliDecompressSync(font.subarray(pos, pos + compressedLength));
  return parseCmap(new DataView(tables.buffer, tables.byteOffset + cmap.offset, cmap.length));
}

/** Reads the best Unicode subtable of a `cmap`: format 12 (full Unicode) or else format 4 (BMP). */
function parseCmap(view: DataView): Coverage {
  const count = view.getUint16(2);
  let best: { offset: number; format: number } | null = null;
  for (let i = 0; i < count; i++) {
    const platform = view.getUint16(4 + i * 8);
    const encoding = view.getUint16(6 + i * 8);
    const offset = view.getUint32(8 + i * 8);
    const format = view.getUint16(offset);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode || (format !== 4 && format !== 12)) continue;
    if (!best || (format === 12 && best.format !== 12)) best = { offset, format };
  }
  if (!best) throw new Error('font has no Unicode cmap subtable');

  const ranges: Coverage = [];
  const t = best.offset;
  if (best.format === 12) {
    const groups = view.getUint32(t + 12);
    for (let g = 0; g < groups; g++) {
      const start = view.getUint32(t + 16 + g * 12);
      const end = view.getUint32(t + 20 + g * 12);
      const glyph = view.getUint32(t + 24 + g * 12);
      if (glyph !== 0 || end > start) ranges.push([glyph === 0 ? start + 1 : start, end]);
    }
  } else {
    const segs = view.getUint16(t + 6) / 2;
    const ends = t + 14;
    const starts = ends + segs * 2 + 2;
    const deltas = starts + segs * 2;
    const rangeOffsets = deltas + segs * 2;
    for (let s = 0; s < segs; s++) {
      const end = view.getUint16(ends + s * 2);
      const start = view.getUint16(starts + s * 2);
      const delta = view.getUint16(deltas + s * 2);
      const ro = view.getUint16(rangeOffsets + s * 2);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let glyph: number;
        if (ro === 0) glyph = (c + delta) & 0xffff;
        else {
          const at = rangeOffsets + s * 2 + ro + (c - start) * 2;
          glyph = view.getUint16(at);
          if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
        }
        if (glyph !== 0) ranges.push([c, c]);
      }
    }
  }
  return merge(ranges);
}

function merge(ranges: Coverage): Coverage {
  ranges.sort((a, b) => a[0] - b[0]);
  const out: Coverage = [];
  for (const [a, b] of ranges) {
    const last = out.at(-1);
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Only the code points every one of the coverages has. */
export function intersect(...all: Coverage[]): Coverage {
  return all.reduce((acc, next) => {
    const out: Coverage = [];
    let i = 0;
    let j = 0;
    while (i < acc.length && j < next.length) {
      const lo = Math.max(acc[i]![0], next[j]![0]);
      const hi = Math.min(acc[i]![1], next[j]![1]);
      if (lo <= hi) out.push([lo, hi]);
      if (acc[i]![1] < next[j]![1]) i++;
      else j++;
    }
    return out;
  });
}

export function covers(coverage: Coverage, codePoint: number): boolean {
  let lo = 0;
  let hi = coverage.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = coverage[mid]!;
    if (codePoint < a) hi = mid - 1;
    else if (codePoint > b) lo = mid + 1;
    else return true;
  }
  return false;
}
