import type { APIRoute } from 'astro';
import { getPapers } from '../lib/catalog.ts';
import { paperFeed } from '../lib/feed.ts';

export const GET: APIRoute = async ({ site }) =>
  paperFeed({ title: 'Shelfmark', description: 'The newest papers in the catalog, newest listing first.', papers: await getPapers(), site, home: '' });
