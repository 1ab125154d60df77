import { error, type Diagnostic } from './diagnostics.ts';
import { lineAtOffset } from './sources/record.ts';

export type Decoded = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Files people drop into a folder by mistake, known by their first bytes, named in the error. */
const BINARY_KINDS: readonly [signature: number[], kind: string][] = [
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'a PDF'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (a Word or Excel file is one)'],
  [[0x1f, 0x8b], 'a gzip archive'],
];

/** UTF-16, as Windows tools save "Unicode" text: its byte-order mark says which, so nothing is guessed. */
const UTF16: readonly [mark: number[], encoding: string][] = [
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((byte, i) => bytes[i] === byte);

/**
 * Turns a listing's bytes into text, refusing what is not text: a binary file or a bad byte
 * is reported with the line it is on, so nothing is silently mangled. UTF-8, or UTF-16 with
 * its byte-order mark. Line endings become `\n` and a byte-order mark is dropped.
 */
export function decodeListing(file: string, bytes: Uint8Array): Decoded {
  const binary = BINARY_KINDS.find(([signature]) => startsWith(bytes, signature));
  if (binary) return { ok: false, diagnostic: error(file, 0, `this is ${binary[1]}, not a source file; remove it from the sources folder`) };
  const utf16 = UTF16.find(([mark]) => startsWith(bytes, mark));
  if (utf16) {
    let text: string;
    try {
      text = new TextDecoder(utf16[1], { fatal: true }).decode(bytes).replace(/\r\n?/g, '\n');
    } catch {
      return { ok: false, diagnostic: error(file, 0, `this file starts as ${utf16[1].toUpperCase()} text but does not decode as it; re-save it as UTF-8`) };
    }
    // No text holds a NUL, in any encoding (UTF-32 starts with the same mark): the readers never see one.
    const nul = text.indexOf('\0');
    return nul === -1 ? { ok: true, text } : binaryAt(file, lineAtOffset(text, nul));
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    if (looksLikeUtf16(bytes)) return { ok: false, diagnostic: error(file, 1, 'this looks like UTF-16 text saved without its byte-order mark, which says which UTF-16 it is; re-save it as UTF-8') };
    return binaryAt(file, lineAt(bytes, nul));
  }
  let text: string;
  try {
    text = fatalUtf8.decode(bytes);
  } catch {
    const line = firstInvalidLine(bytes);
    return { ok: false, diagnostic: error(file, line, 'invalid UTF-8 on this line; re-save the listing as UTF-8') };
  }
  return { ok: true, text: text.replace(/\r\n?/g, '\n') };
}

/** Strict UTF-8 that keeps a byte-order mark, so that text written back is the file's own. */
const fatalUtf8KeepingBom = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The text of a file people edit (a paper file's notes, a YAML file), which must be UTF-8: a
 * bad byte is an error at its line. Read leniently, each would become U+FFFD, and the next time
 * the ingest wrote the file back, the letter it was (an "é" an editor saved as Latin-1) would be
 * lost. The text is as the file has it, line endings and byte-order mark included.
 */
export function decodeUtf8(file: string, bytes: Uint8Array): Decoded {
  // Text of the Latin script as UTF-16 has a NUL in its first two bytes; UTF-8 never has.
  if (UTF16.some(([mark]) => startsWith(bytes, mark)) || ((bytes[0] === 0 || bytes[1] === 0) && looksLikeUtf16(bytes))) {
    return { ok: false, diagnostic: error(file, 1, 'this file is saved as UTF-16 (what Windows tools call "Unicode"); re-save it as UTF-8, and nothing was changed') };
  }
  // No text holds a NUL: one in a file people edit is binary, or UTF-16 of a kind not told above.
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { ok: false, diagnostic: error(file, lineAt(bytes, nul), 'this line has a NUL byte, which no text holds; re-save the file as UTF-8 text, and nothing was changed') };
  try {
    return { ok: true, text: fatalUtf8KeepingBom.decode(bytes) };
  } catch {
    return { ok: false, diagnostic: error(file, firstInvalidLine(bytes), 'invalid UTF-8 on this line; re-save the file as UTF-8 (an editor saved it in another encoding, such as Latin-1 or Windows-1252), and nothing was changed') };
  }
}

/**
 * Whether bytes with NULs are UTF-16 text of the Latin script: a NUL in every other byte of
 * the first ones, the high half of each character, where a binary file has them at random.
 */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const length = Math.min(bytes.length, 512);
  const head = bytes.subarray(0, length - (length % 2));
  if (head.length < 4) return false;
  const nulsAt = [0, 1].map((parity) => head.filter((byte, i) => i % 2 === parity && byte === 0).length);
  const pairs = head.length / 2;
  // A character such as U+0300 (the accent of a decomposed "è") or U+4E00 has its NUL in the other byte.
  return nulsAt.some((count, parity) => count >= pairs * 0.9 && nulsAt[1 - parity]! <= pairs * 0.05);
}

/** A NUL is in no text: the file is binary, whatever it is called. */
function binaryAt(file: string, line: number): Decoded {
  return { ok: false, diagnostic: error(file, line, 'this looks like a binary file (it has a NUL byte); listings must be text — remove it from the sources folder') };
}

/** 1-based line number of byte `offset`. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Decoding line by line finds the first bad line without a hand-written UTF-8 validator. */
function firstInvalidLine(bytes: Uint8Array): number {
  let start = 0;
  let line = 1;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    try {
      fatalUtf8.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    start = end + 1;
    line++;
  }
  return line;
}
