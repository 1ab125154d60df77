import { defineCollection } from 'astro:content';
import { file } from 'astro/loaders';
import { parse } from 'yaml';
import { contentPaths } from './lib/content-dir.ts';
import { papersLoader } from './lib/papers-loader.ts';
import { paperSchema } from './schemas/paper.ts';
import { themeSchema } from './schemas/theme.ts';

/** One MDX file per paper, written by `npm run ingest`; the id is the file name. */
const papers = defineCollection({
  loader: papersLoader(contentPaths().papers),
  schema: paperSchema,
});

/**
 * The taxonomy, kept as data so maintainers edit themes without touching code. Read by the YAML
 * library the ingest checks it with: the loader's own (js-yaml) reads `name: 2024-01-01` as a
 * date and refuses a tag the ingest let through, so the build failed on a file the ingest accepted.
 */
const themes = defineCollection({
  loader: file(contentPaths().themes, { parser: (text) => parse(text) }),
  schema: themeSchema,
});

export const collections = { papers, themes };
