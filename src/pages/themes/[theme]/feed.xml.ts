import type { APIRoute, GetStaticPaths } from 'astro';
import { getPapers, getThemes } from '../../../lib/catalog.ts';
import { paperFeed } from '../../../lib/feed.ts';

export const getStaticPaths = (async () => {
  const [papers, themes] = await Promise.all([getPapers(), getThemes()]);
  return themes.map((theme) => ({
    params: { theme: theme.id },
    props: { name: theme.data.name, papers: papers.filter((p) => p.data.themes.includes(theme.id)) },
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, props, site }) =>
  paperFeed({
    title: `Shelfmark: ${props.name}`,
    description: `The newest papers in the theme “${props.name}”, newest listing first.`,
    papers: props.papers,
    site,
    home: `themes/${params.theme}/`,
  });
