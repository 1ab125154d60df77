/**
 * The identity of a title across listings: the same paper is listed with different case,
 * spacing or Unicode forms ("ﬁ" vs "fi", non-breaking spaces), and must merge into one.
 */
export function titleKey(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}
