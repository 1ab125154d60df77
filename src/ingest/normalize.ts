/**
 * The identity of a title across listings: the same paper is listed with different case,
 * spacing or Unicode forms ("ﬁ" vs "fi", non-breaking spaces), and must merge into one.
 */
export function titleKey(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/**
 * Display text (titles, organisations): invisible controls removed (see `stripControls`),
 * runs of whitespace (tabs, NBSP, stray newlines) as one space, trimmed.
 */
export function cleanText(text: string): string {
  return stripControls(text).replace(/\s+/gu, ' ').trim();
}

/**
 * Characters no title or abstract needs, removed:
 * - bidirectional controls — U+202A–U+202E embeddings and overrides, U+2066–U+2069
 *   isolates, the LRM/RLM/ALM marks — which make text read differently from what it is
 *   ("Trojan Source");
 * - control characters other than whitespace (C0, DEL, C1: terminal escapes, bells, what a
 *   PDF copy leaves behind) and Unicode noncharacters, which XML does not allow: one of
 *   them would make the RSS feeds unreadable.
 * Vertical tab, form feed and next line (U+0085), line breaks that XML does not allow or
 * that no parser here treats as one, become spaces.
 */
export function stripControls(text: string): string {
  return text.replace(INVISIBLE, '').replace(/[\v\f\x85]/g, ' ');
}

const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]|[\0-\x08\x0E-\x1F\x7F-\x84\x86-\x9F]|\p{Noncharacter_Code_Point}/gu;
