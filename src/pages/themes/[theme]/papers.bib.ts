/**
 * `themes/<id>/papers.bib`: every paper on a shelf as BibTeX, the same entries the paper
 * pages show, so a reading group can cite a whole theme from LaTeX.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getPapers, getThemes, type PaperEntry } from '../../../lib/catalog.ts';
import { bibtex } from '../../../lib/cite.ts';
import { listingLabel } from '../../../lib/listings.ts';
import { absoluteUrl } from '../../../lib/urls.ts';

export const getStaticPaths = (async () => {
  const [papers, themes] = await Promise.all([getPapers(), getThemes()]);
  return themes.map((theme) => ({
    params: { theme: theme.id },
    props: { name: theme.data.name, papers: papers.filter((p) => p.data.themes.includes(theme.id)) },
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ name: string; papers: PaperEntry[] }> = ({ props, site }) => {
  // By id, compared as code units: the file is the same on every machine.
  const entries = props.papers
    .toSorted((a, b) => (a.id < b.id ? -1 : 1))
    .map(({ id, data }) => bibtex({ ...data, url: absoluteUrl(`papers/${id}/`, site), listings: data.sources.map(({ listing }) => listingLabel(listing) ?? listing) }));
  const header = `% ${props.name}: ${entries.length} papers from Shelfmark, ${absoluteUrl('', site)}\n\n`;
  return new Response(`${header}${entries.join('\n\n')}\n`, { headers: { 'Content-Type': 'application/x-bibtex; charset=utf-8' } });
};
