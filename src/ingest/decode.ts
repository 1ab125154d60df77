import { error, type Diagnostic } from './diagnostics.ts';

export type Decoded = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Turns a listing's bytes into text, refusing what is not UTF-8 text: a binary file or
 * a bad byte is reported with the line it is on, so nothing is silently mangled.
 * Line endings become `\n` and a byte-order mark is dropped.
 */
export function decodeListing(file: string, bytes: Uint8Array): Decoded {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return { ok: false, diagnostic: error(file, lineAt(bytes, nul), 'this looks like a binary file (it has a NUL byte); listings must be UTF-8 text — remove it from the sources folder') };
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
