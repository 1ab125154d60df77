/**
 * The ingest's documented normalisation of untrusted text (README, "Untrusted input"),
 * restated for tests from the documentation rather than imported from the code under test.
 */

/** Bidi embeddings/overrides U+202A–202E, isolates U+2066–2069, and the LRM, RLM and ALM marks. */
export const BIDI_CONTROLS = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];

/** What the ingest removes: bidi controls, control characters that are not whitespace, noncharacters. */
export const REMOVED = new RegExp(`[${BIDI_CONTROLS.join('')}]|[\\0-\\x08\\x0E-\\x1F\\x7F-\\x84\\x86-\\x9F]|\\p{Noncharacter_Code_Point}`, 'gu');

/** Text that shows nothing: whitespace, default-ignorable characters (zero-width, soft hyphen, fillers), the blank Braille cell. */
const BLANK = /^[\s\p{Default_Ignorable_Code_Point}\u2800]*$/u;

/** A title or an organisation name as the catalog keeps it: the above removed, whitespace (and U+0085) collapsed, trimmed; empty if nothing shows. */
export const expectedTitle = (raw: string) => {
  const title = raw.replace(REMOVED, '').replace(/[\s\x85]+/gu, ' ').trim();
  return BLANK.test(title) ? '' : title;
};

/** An abstract as the catalog keeps it: the above removed, vertical tab, form feed and U+0085 as spaces, trimmed. */
export const expectedAbstract = (raw: string) => raw.replace(REMOVED, '').replace(/[\v\f\x85]/g, ' ').trim();

/** Characters XML 1.0 does not allow at all (its `Char` production), which would make a feed unreadable. */
export const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
