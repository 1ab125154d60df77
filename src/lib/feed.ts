import rss from '@astrojs/rss';
import { byNewestThenTitle, newAsOf, type PaperEntry } from './catalog.ts';
import { excerpt } from './format.ts';
import { paperSitePath } from './paths.ts';
import { escapeHtml } from './search-text.ts';
import { absoluteUrl } from './urls.ts';

/**
 * How many papers a feed carries: the newest ones. Feed readers poll a feed again and again,
 * so it holds what is new, not the catalog: at 10,000 papers a full /feed.xml was 10 MB.
 * The whole catalog is in papers.json.
 */
export const FEED_ITEMS = 50;

/**
 * An RSS feed of the newest `FEED_ITEMS` papers, newest first (listed, else published: a
 * catalog of exports has no listing dates, and alphabetical order would never show a new
 * paper). Each item's guid is the paper's permanent URL (the guid @astrojs/rss writes from
 * `link`), so readers never see a paper twice. Papers without a date come last, and an item
 * carries a date only where a source gives the day, never an invented one.
 */
export function paperFeed(options: { title: string; description: string; papers: PaperEntry[]; site: URL | undefined; home: string }) {
  return rss({
    title: options.title,
    description: options.description,
    site: absoluteUrl(options.home, options.site),
    trailingSlash: true,
    items: options.papers
      .toSorted(byNewestThenTitle)
      .slice(0, FEED_ITEMS)
      .map((paper) => {
        const { id, data } = paper;
        const link = absoluteUrl(paperSitePath(id), options.site);
        const day = newAsOf(paper);
        return {
          title: data.title,
          link,
          // A feed reader reads the description as HTML once the XML is decoded: an abstract that
          // mentions `<b>` or `&amp;` must reach it escaped, to be shown as written and never run.
          description: data.abstract === null ? 'The sources give no abstract for this paper.' : escapeHtml(excerpt(data.abstract, 500)),
          ...(day.length === 10 ? { pubDate: new Date(`${day}T00:00:00Z`) } : {}),
          categories: data.themes,
        };
      }),
  });
}
