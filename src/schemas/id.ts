import { z } from 'astro/zod';

/** A permanent id that is also a URL segment and a file name: lowercase words joined by `-`. */
export const slugId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a lowercase slug');

/** Whether an id is a number: `/papers/2/` is page 2 of the A–Z list, so no paper can have that address. */
export const isPageNumber = (id: string): boolean => /^\d+$/.test(id);

/** A paper's id, or a former one: a slug that is not a page number of the A–Z list. */
export const paperId = slugId.refine((id) => !isPageNumber(id), 'a number is the address of a page of the A–Z list (/papers/2/); add a word to it');

/** Long enough to read in a URL, short enough to paste into chat, and a file name every disk takes. */
export const MAX_ID_LENGTH = 80;
