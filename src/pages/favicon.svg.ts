/**
 * `favicon.svg`: two books and a leaning one on a shelf, in the site's link and accent colours,
 * light or dark as the reader's system prefers (src/site.ts).
 */
import type { APIRoute } from 'astro';
import { site } from '../site.ts';

export const GET: APIRoute = () => {
  const { light, dark } = site.colors;
  const style = `path{fill:${light.accent}}rect{fill:${light.link}}@media (prefers-color-scheme:dark){path{fill:${dark.accent}}rect{fill:${dark.link}}}`;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><style>${style}</style>` +
    '<rect x="4" y="6" width="5" height="20" rx="1"/><rect x="11" y="4" width="5" height="22" rx="1"/>' +
    '<path d="M18.6 7.4l4.8-1.3 5.2 19.3-4.8 1.3z"/><rect x="2" y="27" width="28" height="2" rx="1"/></svg>\n';
  return new Response(svg, { headers: { 'Content-Type': 'image/svg+xml' } });
};
