/**
 * `themes/<id>/papers.bib`: every paper on a shelf as BibTeX, the same entries the paper
 * pages show, so a reading group can cite a whole theme from LaTeX.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { themeFilePaths, type PaperEntry } from '../../../lib/catalog.ts';
import { bibtex, bibtexComment } from '../../../lib/cite.ts';
import { paperSitePath } from '../../../lib/paths.ts';
import { absoluteUrl } from '../../../lib/urls.ts';
import { site } from '../../../site.ts';

export const getStaticPaths = themeFilePaths satisfies GetStaticPaths;

export const GET: APIRoute<{ name: string; papers: PaperEntry[] }> = ({ props, site: siteUrl }) => {
  // By id, compared as code units: the file is the same on every machine.
  const entries = props.papers
    .toSorted((a, b) => (a.id < b.id ? -1 : 1))
    .map(({ id, data }) => bibtex({ ...data, url: absoluteUrl(paperSitePath(id), siteUrl) }));
  const header = `${bibtexComment(`${props.name}: ${entries.length} papers from ${site.name}, ${absoluteUrl('', siteUrl)}`)}\n\n`;
  return new Response(`${header}${entries.join('\n\n')}\n`, { headers: { 'Content-Type': 'application/x-bibtex; charset=utf-8' } });
};
