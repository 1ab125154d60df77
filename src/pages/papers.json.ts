/**
 * `papers.json`: the published catalog's data for reuse elsewhere (src/lib/papers-json.ts) — every
 * paper, or for a large catalog the index of its parts, `papers-<n>.json`.
 */
import type { APIRoute } from 'astro';
import { getDataParts, getPapers } from '../lib/catalog.ts';
import { exportJson, exportOrder, paperRow, partsIndex } from '../lib/papers-json.ts';

export const GET: APIRoute = async ({ site }) => {
  const [papers, parts] = await Promise.all([getPapers(), getDataParts()]);
  const body = parts === 1 ? exportOrder(papers).map((paper) => paperRow(paper, site)) : partsIndex(papers, parts, site);
  return new Response(exportJson(body), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
