// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';

// SITE_URL and BASE_PATH let one build serve at `/` locally and under `/<repo>/` on GitHub Pages.
const site = process.env.SITE_URL || 'http://localhost:4321';
const base = process.env.BASE_PATH || '/';
// OUT_DIR lets the tests build the site under `/` and under a base path side by side.
const outDir = process.env.OUT_DIR || './dist';

export default defineConfig({
  site,
  base,
  outDir,
  // GitHub Pages redirects `/dir` to `/dir/`; emitting directories keeps every URL canonical.
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [mdx()],
});
