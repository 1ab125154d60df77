import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

/** The same MDX files the site builds from; only the title and abstract are used. */
const papers = defineCollection({
  loader: glob({
    pattern: '*.mdx',
    base: process.env.BASELINE_PAPERS_DIR || './papers',
    generateId: ({ entry }) => entry.replace(/\.mdx$/, ''),
  }),
  schema: z.object({ title: z.string(), abstract: z.string() }),
});

export const collections = { papers };
