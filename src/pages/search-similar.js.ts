/**
 * `search-similar.js`: each paper's TF-IDF vector, the one its related-papers list comes from,
 * for "Find similar" on the search page (src/lib/similar.ts). A classic script setting
 * `window.shelfmarkSimilar`, so it loads from `file://` too; the search page adds it on first use.
 * Titles are untrusted text: JSON.stringify escapes quotes, and `<` is escaped as well so no
 * title can close a script element if the file is ever inlined.
 */
import type { APIRoute } from 'astro';
import { getTermSpace } from '../lib/catalog.ts';
import { packSimilar } from '../lib/similar.ts';
import { paperSitePath } from '../lib/paths.ts';

export const GET: APIRoute = async () => {
  const { docs, space } = await getTermSpace();
  const json = JSON.stringify(packSimilar(docs, space, paperSitePath)).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return new Response(`window.shelfmarkSimilar=${json};\n`, {
    headers: { 'Content-Type': 'text/javascript; charset=utf-8' },
  });
};
