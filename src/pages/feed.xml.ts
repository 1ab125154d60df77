import type { APIRoute } from 'astro';
import { getPapers } from '../lib/catalog.ts';
import { paperFeed } from '../lib/feed.ts';
import { site } from '../site.ts';

export const GET: APIRoute = async ({ site: siteUrl }) =>
  paperFeed({ title: site.name, description: 'The newest papers in the catalog, newest first.', papers: await getPapers(), site: siteUrl, home: '' });
