import { defineCollection } from 'astro:content';
import { file } from 'astro/loaders';
import { contentPaths } from './lib/content-dir.ts';
import { papersLoader } from './lib/papers-loader.ts';
import { paperSchema } from './schemas/paper.ts';
import { themeSchema } from './schemas/theme.ts';

/** One MDX file per paper, written by `npm run ingest`; the id is the file name. */
const papers = defineCollection({
  loader: papersLoader(contentPaths().papers),
  schema: paperSchema,
});

/** The taxonomy, kept as data so maintainers edit themes without touching code. */
const themes = defineCollection({
  loader: file(contentPaths().themes),
  schema: themeSchema,
});

export const collections = { papers, themes };
