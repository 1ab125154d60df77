/**
 * Code and project links in an abstract. Abstracts come from PDFs and LaTeX, so a URL is
 * often glued to what follows it: a full stop, a closing bracket, or LaTeX debris such as
 * `{this`, `}` or a repeated `{https://...}` tail. Only http(s) URLs are ever returned.
 */

const URL_START = /https?:\/\//gi;
/** Characters that end a URL in running text: whitespace, and braces, which URLs never need but LaTeX leaves behind. */
const URL_END = /[\s{}\\<>"]/;
const TRAILING_PUNCTUATION = /[.,;:!?'"*]+$/;

export function extractLinks(abstract: string): string[] {
  const links: string[] = [];
  for (const match of abstract.matchAll(URL_START)) {
    const rest = abstract.slice(match.index);
    const end = rest.slice(match[0].length).search(URL_END);
    const raw = end === -1 ? rest : rest.slice(0, match[0].length + end);
    const link = cleanLink(raw);
    if (link && !links.includes(link)) links.push(link);
  }
  return links;
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
