/**
 * A Sätteri hast plugin for people's notes (the MDX below a paper's frontmatter): a link to
 * another site gets rel="noopener noreferrer", like every external link the site's own
 * pages make, so no page hands its window or its address to the sites it links to.
 */
import type { SatteriProcessorOptions } from '@astrojs/markdown-satteri';

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
