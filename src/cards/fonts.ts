/**
 * The bundled Inter files, opened once per process with fontkit, which reads WOFF2, shapes text
 * (kerning, ligatures, mark positioning) and hands out glyph outlines. Nothing here looks at the
 * machine's fonts, so the cards come out the same everywhere.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';

/** The faces a card uses, by role; README.md in ./fonts/ says which file is which. */
export type FaceName = 'display' | 'regular' | 'medium' | 'semibold';

const FILES: Record<FaceName, string> = {
  display: 'InterDisplay-Bold.woff2',
  regular: 'Inter-Regular.woff2',
  medium: 'Inter-Medium.woff2',
  semibold: 'Inter-SemiBold.woff2',
};

export interface Face {
  name: FaceName;
  font: fontkit.Font;
  bytes: Buffer;
}

let faces: Record<FaceName, Face> | undefined;

export function face(name: FaceName): Face {
  faces ??= Object.fromEntries(
    Object.entries(FILES).map(([role, file]) => {
      const bytes = readFileSync(new URL(`./fonts/${file}`, import.meta.url));
      const font = fontkit.create(bytes);
      if (!('layout' in font)) throw new Error(`cards: ${file} is a font collection, not a font`);
      return [role, { name: role as FaceName, font, bytes }];
    }),
  ) as Record<FaceName, Face>;
  return faces[name];
}

/** Whether every bundled face has a glyph for the code point: the test for drawing it at all. */
export function drawable(codePoint: number): boolean {
  return (Object.keys(FILES) as FaceName[]).every((name) => face(name).font.hasGlyphForCodePoint(codePoint));
}

/** 16 hex digits of sha256 over the font files: part of every card's cache key. */
export function fontsDigest(): string {
  const digest = createHash('sha256');
  for (const name of Object.keys(FILES) as FaceName[]) digest.update(face(name).bytes);
  return digest.digest('hex').slice(0, 16);
}
