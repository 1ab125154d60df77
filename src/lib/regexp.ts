/** `text` as a regular expression that matches exactly it: untrusted text is never a pattern. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
