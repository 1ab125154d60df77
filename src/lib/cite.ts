/**
 * Citations built only from what the catalog knows. Listings carry no author names, so
 * none are written: a citation with invented authors is worse than one without.
 */

/** Characters with a meaning in BibTeX, written so they print as themselves. */
const BIBTEX_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

export function escapeBibtex(text: string): string {
  return text.replace(/[\\{}&%$#_~^]/g, (char) => BIBTEX_ESCAPES[char]!);
}

export interface CitationInput {
  id: string;
  title: string;
  url: string;
  listedOn: string | null;
  /** Human names of the listings the paper was found in. */
  listings: string[];
}

/** A BibTeX `@misc` entry; the title is double-braced so BibTeX keeps its capitals. */
export function bibtex({ id, title, url, listedOn, listings }: CitationInput): string {
  const fields: [string, string][] = [['title', `{${escapeBibtex(title)}}`]];
  if (listedOn) fields.push(['year', listedOn.slice(0, 4)]);
  fields.push(['url', url]);
  if (listings.length > 0) fields.push(['note', `Listed in ${escapeBibtex(listings.join('; '))}`]);
  return `@misc{${id},\n${fields.map(([key, value]) => `  ${key} = {${value}}`).join(',\n')}\n}`;
}

/** `[Title](url)` with the characters that would end the link text escaped. */
export function markdownLink(title: string, url: string): string {
  return `[${title.replace(/[\\[\]]/g, '\\$&')}](${url})`;
}

/** Where to look a paper up by its title, since listings carry no identifiers. */
export function lookupLinks(title: string): { name: string; href: string }[] {
  const q = encodeURIComponent(title);
  return [
    { name: 'arXiv', href: `https://arxiv.org/search/?query=${q}&searchtype=title` },
    { name: 'Hugging Face', href: `https://huggingface.co/papers?q=${q}` },
    { name: 'Semantic Scholar', href: `https://www.semanticscholar.org/search?q=${q}` },
  ];
}
