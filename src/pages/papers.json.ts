/**
 * `papers.json`: the published catalog's data for reuse elsewhere, one object per paper with
 * a fixed set of keys in a fixed order. Curation bookkeeping and people's notes stay out.
 */
import type { APIRoute } from 'astro';
import { getPapers } from '../lib/catalog.ts';
import { paperSitePath } from '../lib/paths.ts';
import { absoluteUrl } from '../lib/urls.ts';

export const GET: APIRoute = async ({ site }) => {
  // By id, compared as code units, so the order never depends on a locale.
  const papers = (await getPapers()).sort((a, b) => (a.id < b.id ? -1 : 1));
  const rows = papers.map(({ id, data }) => ({
    id,
    url: absoluteUrl(paperSitePath(id), site),
    title: data.title,
    abstract: data.abstract,
    authors: data.authors,
    published: data.published,
    venue: data.venue,
    arxivId: data.arxivId,
    arxivCategory: data.arxivCategory,
    doi: data.doi,
    themes: data.themes,
    links: data.links,
    linksByKind: data.linksByKind,
    authorsCount: data.authorsCount,
    org: data.org,
    listedOn: data.listedOn,
    upvotes: data.upvotes,
    sources: data.sources.map(({ listing, line, key }) => ({ listing, line, ...(key ? { key } : {}) })),
  }));
  return new Response(`${JSON.stringify(rows, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
