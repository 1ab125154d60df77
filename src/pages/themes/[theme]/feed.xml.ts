import type { APIRoute, GetStaticPaths } from 'astro';
import { themeFilePaths } from '../../../lib/catalog.ts';
import { paperFeed } from '../../../lib/feed.ts';
import { themeSitePath } from '../../../lib/paths.ts';
import { site } from '../../../site.ts';

export const getStaticPaths = themeFilePaths satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, props, site: siteUrl }) =>
  paperFeed({
    title: `${site.name}: ${props.name}`,
    description: `The newest papers in the theme “${props.name}”, newest first.`,
    papers: props.papers,
    site: siteUrl,
    home: themeSitePath(params.theme!),
  });
