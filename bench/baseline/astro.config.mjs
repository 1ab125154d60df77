// @ts-check
// The floor of the stack: bare Astro + MDX + Pagefind over the same paper files, one minimal
// page per paper. `npm run bench` builds it with BASELINE_PAPERS_DIR set to the corpus's papers/.
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';

export default defineConfig({
  outDir: process.env.OUT_DIR || './dist',
  trailingSlash: 'always',
  build: { format: 'directory' },
  vite: {
    build: {
      rollupOptions: {
        // As in the site's config: one warning per MDX module about Astro's own directive, silenced.
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
    },
  },
  integrations: [mdx()],
});
