/**
 * The one place internal URLs are made. Every link, asset and script path in the site
 * goes through `withBase`, so the catalog works at `/` and under `/<repo>/` on GitHub Pages.
 */

import { joinBase, paperSitePath, themeSitePath } from './paths.ts';

const base = import.meta.env.BASE_URL;

/** `withBase('papers/x/')` → `/<base>/papers/x/`. Accepts paths with or without a leading slash. */
export function withBase(path = ''): string {
  return joinBase(base, path);
}

/** Absolute URL for a site path, for canonical links, feeds and the data export. */
export function absoluteUrl(path: string, site: URL | string | undefined): string {
  const relative = withBase(path);
  return site ? new URL(relative, site).href : relative;
}

/** URL of a paper page. */
export const paperPath = (id: string) => withBase(paperSitePath(id));
/** URL of a theme page. */
export const themePath = (id: string) => withBase(themeSitePath(id));
