/**
 * The identity of a title across listings: the same paper is listed with different case,
 * spacing or Unicode forms ("ﬁ" vs "fi", non-breaking spaces), and must merge into one.
 */
export function titleKey(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/**
 * Display text: trimmed, with runs of whitespace (tabs, NBSP, stray newlines) as one space,
 * and bidirectional control characters removed — they can make text read differently
 * from what it is ("Trojan Source") and no title or abstract needs them.
 */
export function cleanText(text: string): string {
  return stripBidiControls(text).replace(/\s+/gu, ' ').trim();
}

/** U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates, and the LRM/RLM/ALM marks. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/gu;

export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
