/**
 * Code and project links in an abstract. Abstracts come from PDFs and LaTeX, so a URL is
 * often glued to what follows it: a full stop, a closing bracket, or LaTeX debris such as
 * `{this`, `}` or a repeated `{https://...}` tail. Only http(s) URLs are ever returned.
 */

/**
 * A URL in running text: `http(s)://`, then anything up to whitespace, a brace (which URLs
 * never need but LaTeX leaves behind), `\\`, `<`, `>` or `"` — or up to the next `http(s)://`,
 * since two URLs glued together are two URLs. One pass over the text: a URL never runs on
 * into the next, so an abstract of thousands of glued URLs takes no longer than it is long.
 */
const URL_IN_TEXT = /https?:\/\/(?:(?!https?:\/\/)[^\s{}\\<>"])*/gi;
const TRAILING_PUNCTUATION = /[.,;:!?'"*]+$/;
/** Longer than this is debris, not an address: browsers and servers do not all take longer ones. */
const MAX_URL_LENGTH = 2000;
/** A paper page lists an abstract's links; more than this is a pasted list, not a paper's code and project. */
const MAX_LINKS = 10;

export function extractLinks(abstract: string): string[] {
  const links = new Set<string>();
  for (const [raw] of abstract.matchAll(URL_IN_TEXT)) {
    if (links.size === MAX_LINKS) break;
    const link = raw.length > MAX_URL_LENGTH ? null : cleanLink(raw);
    if (link) links.add(link);
  }
  return [...links];
}

/** Trims what running text glued to the end of a URL; returns null when nothing valid is left. */
export function cleanLink(raw: string): string | null {
  let link = raw;
  for (;;) {
    const before = link;
    link = link.replace(TRAILING_PUNCTUATION, '');
    // A closing bracket belongs to the URL only when the URL opened it: "(see https://x.org/a_(b))".
    const last = link.at(-1);
    if ((last === ')' && count(link, '(') < count(link, ')')) || (last === ']' && count(link, '[') < count(link, ']'))) {
      link = link.slice(0, -1);
    }
    if (link === before) break;
  }
  try {
    const url = new URL(link);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname.includes('.')) return null;
    return link;
  } catch {
    return null;
  }
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
