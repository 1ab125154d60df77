/**
 * PNG bytes for an indexed-colour image (colour type 3), the only kind the cards need. The
 * container is a signature and four chunks; the pixels are deflated by Node's zlib, natively and off
 * the main thread, so the next card is composed while this one is compressed.
 * Spec: https://www.w3.org/TR/png-3/
 */
import { promisify } from 'node:util';
import { crc32, deflate } from 'node:zlib';

const deflateAsync = promisify(deflate);
import type { Palette } from './canvas.ts';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** The fewest bits per pixel that index every colour: 1, 2, 4 or 8. */
const bitDepth = (colours: number): number => [1, 2, 4, 8].find((bits) => colours <= 2 ** bits)!;

/**
 * `pixels` holds one palette index per pixel, row by row. Rows are packed to the palette's bit
 * depth and left unfiltered, as the spec advises for palette images.
 */
export async function encodeIndexedPng(width: number, height: number, pixels: Uint8Array, palette: Palette): Promise<Buffer> {
  const depth = bitDepth(palette.size);
  const perByte = 8 / depth;
  const stride = 1 + Math.ceil(width / perByte);
  const raw = new Uint8Array(stride * height); // byte 0 of each row is its filter type: 0, none
  for (let y = 0; y < height; y++) {
    // Packs the row's indices, first pixel in the high bits; a partial last byte is zero-padded.
    let out = y * stride + 1;
    let byte = 0;
    let bits = 0;
    for (let i = y * width; i < (y + 1) * width; i++) {
      byte = (byte << depth) | pixels[i]!;
      bits += depth;
      if (bits === 8) {
        raw[out++] = byte;
        byte = bits = 0;
      }
    }
    if (bits > 0) raw[out] = byte << (8 - bits);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = depth;
  header[9] = 3; // colour type: indexed
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('PLTE', palette.rgb.subarray(0, palette.size * 3)),
    chunk('IDAT', await deflateAsync(raw, { level: 6 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
