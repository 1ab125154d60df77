/** `papers-<n>.json`: one part of a large catalog's data export (src/lib/papers-json.ts); none for other catalogs. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getDataParts, getPapers } from '../lib/catalog.ts';
import { exportJson, paperRow, partOf } from '../lib/papers-json.ts';

export const getStaticPaths = (async () => {
  const parts = await getDataParts();
  return parts === 1 ? [] : Array.from({ length: parts }, (_, i) => ({ params: { part: String(i + 1) }, props: { part: i + 1, parts } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ part: number; parts: number }> = async ({ props, site }) => {
  const papers = partOf(await getPapers(), props.part, props.parts);
  return new Response(exportJson(papers.map((paper) => paperRow(paper, site))), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
