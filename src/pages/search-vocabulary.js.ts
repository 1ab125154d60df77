/**
 * `search-vocabulary.js`: every word of the indexed text (title, authors, abstract, notes) with the
 * number of papers it is in, for the search UI's typo correction (src/lib/spelling.ts). A
 * classic script setting `window.shelfmarkVocabulary`, so it loads the same way from a server
 * and from `file://`; the search UI adds it when search first opens, never with a page.
 * The words are letters and digits only, so the JSON cannot end the script early.
 */
import type { APIRoute } from 'astro';
import { getPapers } from '../lib/catalog.ts';
import { indexedText, packVocabulary } from '../lib/spelling.ts';

export const GET: APIRoute = async () => {
  const papers = await getPapers();
  const vocabulary = packVocabulary(papers.map(({ data, body }) => indexedText(data, body ?? '')));
  return new Response(`window.shelfmarkVocabulary=${JSON.stringify(vocabulary)};\n`, {
    headers: { 'Content-Type': 'text/javascript; charset=utf-8' },
  });
};
