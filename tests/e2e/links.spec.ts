import { LinkChecker, LinkState } from 'linkinator';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import sharp from 'sharp';
import { expect, test } from './fixtures.ts';

/**
 * The built site under a base path, as GitHub Pages serves it: every internal link and
 * asset resolves inside the base, every page can be shared (canonical URL, preview card),
 * and the feeds and sitemap are well-formed. Runs once, against the base-path build.
 */
test.describe('links under a base path', () => {
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'base-path', 'checks the base-path build only'));

  test('every internal link and asset on every page resolves inside the base', async ({ baseURL }) => {
    test.setTimeout(180_000);
    const root = new URL(baseURL!);
    const checker = new LinkChecker();
    const { links } = await checker.check({
      path: root.href,
      recurse: true,
      concurrency: 8,
      // No network here: links to other hosts are the papers' own code links and look-ups.
      linksToSkip: async (link) => new URL(link).host !== root.host,
    });
    const internal = links.filter((l) => l.state !== LinkState.SKIPPED);
    expect(internal.length).toBeGreaterThan(400);
    const broken = internal.filter((l) => l.state === LinkState.BROKEN).map((l) => `${l.url} (from ${l.parent})`);
    expect(broken).toEqual([]);
    const outside = internal.filter((l) => !new URL(l.url).pathname.startsWith(root.pathname)).map((l) => l.url);
    expect(outside).toEqual([]);
  });

  test('every page has a canonical URL and a 1200×630 preview card that exists', async ({ request, baseURL }) => {
    test.setTimeout(120_000);
    const root = new URL(baseURL!);
    const sitemap = new XMLParser().parse(await (await request.get('sitemap-0.xml')).text());
    const pages: string[] = [sitemap.urlset.url].flat().map((u: { loc: string }) => u.loc);
    expect(pages.length).toBeGreaterThan(400);
    const cards = new Map<string, { width?: number; height?: number }>();
    for (const page of pages) {
      // The build's SITE_URL is the public address; fetch the same path from the local server.
      const local = new URL(new URL(page).pathname, root).href;
      const html = await (await request.get(local)).text();
      const canonical = /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1];
      expect(canonical, `canonical of ${page}`).toBe(page);
      const image = /<meta property="og:image" content="([^"]+)"/.exec(html)?.[1];
      expect(image, `og:image of ${page}`).toMatch(/^https:\/\/example\.github\.io\/shelfmark\/cards\/.+\.png$/);
      if (!cards.has(image!)) {
        const response = await request.get(new URL(new URL(image!).pathname, root).href);
        expect(response.ok(), `${image} exists`).toBe(true);
        cards.set(image!, await sharp(await response.body()).metadata());
      }
    }
    for (const [image, { width, height }] of cards) expect({ image, width, height }).toEqual({ image, width: 1200, height: 630 });
  });

  test('the Unsorted shelf offers its feed and its papers as one .bib file, as a theme does', async ({ request }) => {
    const papers = (await (await request.get('papers.json')).json()) as { themes: string[] }[];
    const bib = await (await request.get('themes/unsorted/papers.bib')).text();
    expect(bib.match(/^@\w+\{/gm)).toHaveLength(papers.filter((p) => p.themes.length === 0).length);
    expect(XMLValidator.validate(await (await request.get('themes/unsorted/feed.xml')).text())).toBe(true);
  });

  test('the feeds and the sitemap are well-formed, with permanent ids', async ({ request }) => {
    for (const path of ['feed.xml', 'themes/rectified-flow/feed.xml', 'sitemap-index.xml', 'sitemap-0.xml']) {
      const xml = await (await request.get(path)).text();
      expect(XMLValidator.validate(xml), path).toBe(true);
    }
    const feed = new XMLParser().parse(await (await request.get('feed.xml')).text());
    const items = [feed.rss.channel.item].flat() as { link: string; guid: string }[];
    for (const item of items) expect(item.guid).toBe(item.link);
  });

  test('each feed holds the newest 50 papers of its shelf, newest first', async ({ request }) => {
    // FEED_ITEMS in src/lib/feed.ts.
    const FEED_ITEMS = 50;
    const papers = (await (await request.get('papers.json')).json()) as { url: string; themes: string[]; listedOn: string | null }[];
    for (const [path, shelf] of [['feed.xml', papers], ['themes/efficient-attention/feed.xml', papers.filter((p) => p.themes.includes('efficient-attention'))]] as const) {
      expect(shelf.length, `${path}: the catalog has more papers than a feed holds`).toBeGreaterThan(FEED_ITEMS);
      const feed = new XMLParser().parse(await (await request.get(path)).text());
      const links = ([feed.rss.channel.item].flat() as { link: string }[]).map((item) => item.link);
      expect(links, path).toHaveLength(FEED_ITEMS);
      // Undated papers ('') go last; every paper left out is no newer than every paper in.
      const listed = new Map(shelf.map((p) => [p.url, p.listedOn ?? '']));
      const dates = links.map((link) => listed.get(link));
      expect(dates.every((d) => d !== undefined), `${path} lists only papers of its shelf`).toBe(true);
      expect(dates, `${path} is newest first`).toEqual(dates.toSorted().reverse());
      const leftOut = shelf.filter((p) => !links.includes(p.url)).map((p) => p.listedOn ?? '');
      expect(leftOut.every((d) => d <= dates.at(-1)!), `${path} leaves out only older papers`).toBe(true);
    }
  });
});
