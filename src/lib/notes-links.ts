/**
 * Sätteri hast plugins for people's notes (the MDX below a paper's frontmatter), so their links
 * behave as the site's own: a link to another site gets rel="noopener noreferrer", so no page
 * hands its window or its address to the sites it links to; and a link or image by a path from
 * the site's root (`/papers/x/`) gets the base path, so it still leads there under `/<repo>/`.
 */
import type { SatteriProcessorOptions } from '@astrojs/markdown-satteri';
import { joinBase } from './paths.ts';

type HastPlugin = NonNullable<SatteriProcessorOptions['hastPlugins']>[number];

export const externalLinks: HastPlugin = {
  name: 'shelfmark-external-links',
  element: {
    filter: ['a'],
    visit(node, ctx) {
      const href = node.properties.href;
      if (typeof href === 'string' && /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(href)) ctx.setProperty(node, 'rel', ['noopener', 'noreferrer']);
    },
  },
};

/** For a site served under `base` (Astro's `base`, "/" or "/<repo>/"). */
export function rootLinks(base: string): HastPlugin {
  const home = joinBase(base, '').replace(/\/$/, '');
  const underBase = (url: string) => home !== '' && (url === home || /^[/?#]/.test(url.slice(home.length))) && url.startsWith(home);
  return {
    name: 'shelfmark-root-links',
    element: {
      filter: ['a', 'img'],
      visit(node, ctx) {
        const attribute = node.tagName === 'a' ? 'href' : 'src';
        const url = node.properties[attribute];
        // "/papers/x/", not "//host/…" (another site) nor a path already under the base ("/repo/…", "/repo", "/repo#x").
        if (typeof url === 'string' && /^\/(?!\/)/.test(url) && !underBase(url)) ctx.setProperty(node, attribute, joinBase(base, url));
      },
    },
  };
}
