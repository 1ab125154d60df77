/**
 * The site's colours (src/site.ts) as CSS custom properties: a Vite plugin that serves them as
 * the stylesheet module `virtual:shelfmark/colors.css`, which the page layout imports before
 * src/styles/global.css. They end up in the site's one stylesheet, so no page carries inline
 * styles (the Content-Security-Policy allows none).
 */
import type { Plugin } from 'vite';
import { site, type Scheme } from '../site.ts';

const MODULE = 'virtual:shelfmark/colors.css';

/** Both schemes as `:root` custom properties: light, and dark when the reader's system prefers it. */
export function colorProperties(colors: Record<'light' | 'dark', Scheme>): string {
  const declarations = (scheme: Scheme) => Object.entries(scheme).map(([name, value]) => `--${name}: ${value};`).join(' ');
  return `:root { ${declarations(colors.light)} }\n@media (prefers-color-scheme: dark) { :root { ${declarations(colors.dark)} } }\n`;
}

/** Serves `virtual:shelfmark/colors.css`. */
export function siteColors(): Plugin {
  return {
    name: 'shelfmark-site-colors',
    resolveId: (id) => (id === MODULE ? MODULE : undefined),
    load: (id) => (id === MODULE ? colorProperties(site.colors) : undefined),
  };
}
