/**
 * What a link to a page unfurls into in chat apps and social sites: Open Graph tags (which X
 * reads too) for the title, description, address and preview card. Every page and the pages
 * at a paper's former addresses use these, so an old permalink unfurls like the new one. A
 * function rather than a component: it runs for every page of a 10,000-paper catalog.
 */
import { excerpt, pageDescription } from './format.ts';
import { cardPath } from './paths.ts';
import { absoluteUrl } from './urls.ts';

export interface OpenGraphPage {
  title: string;
  description: string;
  /** The page's canonical address, when it has one. */
  url?: string | undefined;
  /** Site path of the 1200×630 preview card; the site's own card when absent. */
  card?: string | undefined;
  /** What the card shows, for those who cannot see it: the page's title, unless the card is another's (the site's, a theme's). */
  cardAlt?: string | undefined;
  /** A paper page is an article, the rest is the website. */
  type?: 'website' | 'article' | undefined;
}

/** One `<meta>` tag: Open Graph's are `property`, X's own is `name`. */
export type MetaTag = { property: string; content: string } | { name: string; content: string };

/**
 * How long a title a preview shows: Open Graph sets no limit, Discord shows 256 characters, and
 * a paper's title is whole within this one (the bound is for hostile text); X cuts its own at 70.
 */
const TITLE_CHARACTERS = 200;
const X_TITLE_CHARACTERS = 70;

/** The tags of a page, in order. Chat apps cut long previews mid-word; they are cut here, at a word, within their limits. */
export function openGraphTags(page: OpenGraphPage, siteName: string, site: URL | undefined): MetaTag[] {
  return [
    { property: 'og:site_name', content: siteName },
    { property: 'og:type', content: page.type ?? 'website' },
    { property: 'og:title', content: excerpt(page.title, TITLE_CHARACTERS) },
    { property: 'og:description', content: pageDescription(page.description) },
    ...(page.url ? [{ property: 'og:url', content: page.url }] : []),
    { property: 'og:image', content: absoluteUrl(page.card ?? cardPath('site'), site) },
    { property: 'og:image:width', content: '1200' },
    { property: 'og:image:height', content: '630' },
    { property: 'og:image:alt', content: excerpt(page.cardAlt ?? (page.card ? page.title : siteName), TITLE_CHARACTERS) },
    // X reads description and image from the og: tags when its own are absent; its card kind and its shorter title are its own.
    { name: 'twitter:card', content: 'summary_large_image' },
    ...(page.title.length > X_TITLE_CHARACTERS ? [{ name: 'twitter:title', content: excerpt(page.title, X_TITLE_CHARACTERS) }] : []),
  ];
}
