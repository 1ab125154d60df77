/**
 * `search-ids.js`: each published paper by its arXiv id and its DOI (keys of
 * `identifierKey`), with its page and title, so that an id or a link pasted into the search box
 * finds the paper (src/browser/search/engine.ts). A classic script setting `window.shelfmarkIds`,
 * loaded the same way from a server and from `file://`, and only when a query is an id.
 */
import type { APIRoute } from 'astro';
import { getPapers } from '../lib/catalog.ts';
import { identifierKey } from '../lib/ids.ts';
import { paperSitePath } from '../lib/paths.ts';

export const GET: APIRoute = async () => {
  const table: Record<string, [path: string, title: string]> = {};
  for (const { id, data } of await getPapers()) {
    for (const raw of [data.arxivId, data.doi]) {
      const key = raw && identifierKey(raw);
      if (key) table[key] ??= [paperSitePath(id), data.title];
    }
  }
  return new Response(`window.shelfmarkIds=${JSON.stringify(table)};\n`, { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
};
