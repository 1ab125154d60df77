import { z } from 'astro/zod';

/** A permanent id that is also a URL segment and a file name: lowercase words joined by `-`. */
export const slugId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a lowercase slug');

/** Long enough to read in a URL, short enough to paste into chat, and a file name every disk takes. */
export const MAX_ID_LENGTH = 80;
