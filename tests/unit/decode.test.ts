import { describe, expect, it } from 'vitest';
import { decodeListing, decodeUtf8 } from '../../src/ingest/decode.ts';
import { parseListing } from '../../src/ingest/parse.ts';
import { readListingFixture } from '../support/fixtures.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...utf8(part)] : part)));

/** A listing whose third line holds a byte that is never valid UTF-8 (0xFF). */
const invalidUtf8 = () => bytes('Attention Is All You Need\nThe dominant sequence transduction models.\nMamba ', [0xff], ' Linear-Time\nFoundation models.\n');

function decoded(result: ReturnType<typeof decodeListing>): string {
  if (!result.ok) throw new Error(`expected text, got ${result.diagnostic.message}`);
  return result.text;
}

describe('decoding a listing', () => {
  it('UTF-8 text comes back as it is, non-ASCII letters included', () => {
    const text = 'PixArt-$α$: Fast Training\nGroße Modelle — 深度学习 {x} <y>\n';
    expect(decoded(decodeListing('a.txt', utf8(text)))).toBe(text);
  });

  it('a byte-order mark is dropped', () => {
    expect(decoded(decodeListing('a.txt', bytes([0xef, 0xbb, 0xbf], 'Title\nAbstract\n')))).toBe('Title\nAbstract\n');
  });

  it('CRLF and lone CR line endings become \\n, one for one', () => {
    expect(decoded(decodeListing('a.txt', utf8('one\r\ntwo\rthree\n')))).toBe('one\ntwo\nthree\n');
  });

  it('an invalid byte is an error naming the file and the line it is on', () => {
    const result = decodeListing('content/sources/broken.txt', invalidUtf8());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostic).toMatchObject({ severity: 'error', file: 'content/sources/broken.txt', line: 3 });
    expect(result.diagnostic.message).toMatch(/UTF-8/);
  });

  it('a multi-byte character cut short at the end of a line is reported on that line', () => {
    const result = decodeListing('a.txt', bytes('fine\nGro', [0xc3], '\nfine\n'));
    expect(result).toMatchObject({ ok: false, diagnostic: { line: 2 } });
  });

  it('an encoded surrogate is not UTF-8', () => {
    expect(decodeListing('a.txt', bytes('Title ', [0xed, 0xa0, 0x80], '\n')).ok).toBe(false);
  });

  it('a NUL byte marks a binary file, reported at its line', () => {
    const result = decodeListing('content/sources/image.png', bytes('line one\nline two\n', [0x00, 0x01], '\n'));
    expect(result).toMatchObject({ ok: false, diagnostic: { severity: 'error', file: 'content/sources/image.png', line: 3 } });
    if (!result.ok) expect(result.diagnostic.message).toMatch(/binary/);
  });

  it('a listing saved as UTF-16 with its byte-order mark (Windows "Unicode" text) reads as the same text', () => {
    const text = 'Große Modelle — 深度学习\r\nAn abstract.\r\n';
    const units = [...text].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]);
    expect(decoded(decodeListing('a.txt', new Uint8Array([0xff, 0xfe, ...units])))).toBe('Große Modelle — 深度学习\nAn abstract.\n');
    const bigEndian = [...text].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff]);
    expect(decoded(decodeListing('a.txt', new Uint8Array([0xfe, 0xff, ...bigEndian])))).toBe('Große Modelle — 深度学习\nAn abstract.\n');
  });

  it('UTF-16 with a NUL character (or UTF-32, which starts with the same mark) is refused at its line', () => {
    const result = decodeListing('a.txt', new Uint8Array([0xff, 0xfe, 0x41, 0, 0x0a, 0, 0x42, 0, 0, 0, 0x43, 0]));
    expect(result).toMatchObject({ ok: false, diagnostic: { line: 2, message: expect.stringContaining('NUL') } });
  });

  it('UTF-16 without a byte-order mark is refused rather than read as garbage, and said to be UTF-16, not binary', () => {
    const utf16 = new Uint8Array([...'Title\n'].flatMap((c) => [c.charCodeAt(0), 0]));
    expect(decodeListing('a.txt', utf16)).toMatchObject({ ok: false, diagnostic: { message: expect.stringMatching(/^this looks like UTF-16 text saved without its byte-order mark.*re-save it as UTF-8$/) } });
    expect(decodeListing('a.bin', new Uint8Array([1, 0, 5, 0, 0, 7, 9, 0, 0, 0, 3, 4]))).toMatchObject({ ok: false, diagnostic: { message: expect.stringContaining('binary') } });
  });

  it('a file people edit (YAML, a paper file) saved as UTF-16 is told so, not blamed on Latin-1', () => {
    const text = 'labels:\n  - { paper: a }\n';
    for (const bytes of [[0xff, 0xfe, ...Buffer.from(text, 'utf16le')], [...Buffer.from(text, 'utf16le')], [0xfe, 0xff, ...Buffer.from(text, 'utf16le').swap16()]]) {
      expect(decodeUtf8('x.yaml', new Uint8Array(bytes))).toMatchObject({ ok: false, diagnostic: { message: expect.stringMatching(/^this file is saved as UTF-16/) } });
    }
    expect(decodeUtf8('x.yaml', new TextEncoder().encode(text))).toEqual({ ok: true, text });
    // A character whose NUL is in the other byte (the accent of a decomposed "è") does not hide it.
    const accented = new Uint8Array(Buffer.from('title: Cafe\u0300 und mehr Text hier\n', 'utf16le'));
    expect(decodeUtf8('x.yaml', accented)).toMatchObject({ ok: false, diagnostic: { message: expect.stringMatching(/^this file is saved as UTF-16/) } });
    expect(decodeListing('a.txt', accented)).toMatchObject({ ok: false, diagnostic: { message: expect.stringMatching(/UTF-16/) } });
    // Any other NUL is no text either.
    expect(decodeUtf8('x.yaml', new Uint8Array([0x61, 0x0a, 0x62, 0x00, 0x63]))).toMatchObject({ ok: false, diagnostic: { line: 2, message: expect.stringContaining('NUL') } });
  });

  it('a PDF, an image or an archive dropped into the folder is an error that says what it is', () => {
    for (const [start, kind] of [['%PDF-1.7\n', 'a PDF'], [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a], 'a PNG image'], [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive']] as const) {
      const result = decodeListing('content/sources/paper.txt', bytes(start as string | number[], 'rest'));
      expect(result).toMatchObject({ ok: false, diagnostic: { severity: 'error', file: 'content/sources/paper.txt', message: expect.stringContaining(`this is ${kind}`) } });
    }
  });

  it('an empty file is empty text', () => {
    expect(decoded(decodeListing('a.txt', new Uint8Array()))).toBe('');
  });

  it('the same listing saved with a BOM and CRLF line endings reads as the same papers, on the same lines', () => {
    const text = readListingFixture('block-layout-with-metadata.txt');
    const windows = bytes([0xef, 0xbb, 0xbf], text.replace(/\n/g, '\r\n'));
    const read = decoded(decodeListing('a.txt', windows));
    expect(read).toBe(text);
    expect(parseListing('a.txt', read)).toEqual(parseListing('a.txt', text));
  });
});
