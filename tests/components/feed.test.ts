/** The site's feeds: which papers they carry, in which order, and with which dates. */
import { describe, expect, it } from 'vitest';
import type { PaperEntry } from '../../src/lib/catalog.ts';
import { FEED_ITEMS, paperFeed } from '../../src/lib/feed.ts';

/** A paper entry as the collection gives it; only what the feed reads needs saying. */
const entry = (id: string, data: Partial<PaperEntry['data']>) =>
  ({ id, collection: 'papers', data: { title: id, abstract: null, listedOn: null, published: null, themes: [], ...data } }) as unknown as PaperEntry;

/** The feed's items as [title, pubDate]. */
async function items(papers: PaperEntry[]): Promise<[string, string | undefined][]> {
  const xml = await (await paperFeed({ title: 'T', description: 'D', papers, site: new URL('https://example.org/'), home: '' })).text();
  return [...xml.matchAll(/<item>([\s\S]*?)<\/item>/g)].map(([, item]) => [/<title>(.*?)<\/title>/.exec(item!)![1]!, /<pubDate>(.*?)<\/pubDate>/.exec(item!)?.[1]]);
}

describe('a feed', () => {
  it('of a catalog of exports (no listing dates) is newest published first, so this week\'s paper is in it, not the alphabet\'s first 50', async () => {
    const old = Array.from({ length: FEED_ITEMS + 5 }, (_, i) => entry(`a${String(i).padStart(2, '0')}`, { published: '2019' }));
    const feed = await items([...old, entry('zero-shot-graph-transfer', { published: '2026-03-02' })]);
    expect(feed).toHaveLength(FEED_ITEMS);
    expect(feed[0]).toEqual(['zero-shot-graph-transfer', 'Mon, 02 Mar 2026 00:00:00 GMT']);
    // A year is no day: the item carries no date rather than an invented 1 January.
    expect(feed[1]).toEqual(['a00', undefined]);
  });

  it('a listed paper is new as of the day it was listed; papers no source dates come last', async () => {
    const feed = await items([entry('undated', {}), entry('published-2024', { published: '2024-06-01' }), entry('listed', { listedOn: '2025-12-11', published: '2017-06-12' })]);
    expect(feed.map(([title]) => title)).toEqual(['listed', 'published-2024', 'undated']);
    expect(feed[0]![1]).toBe('Thu, 11 Dec 2025 00:00:00 GMT');
  });
});
