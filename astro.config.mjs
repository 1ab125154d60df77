// @ts-check
import { satteri } from '@astrojs/markdown-satteri';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { shelfmarkBuild } from './src/build/integration.ts';
import { astroCacheDir, outDirOf, outputDirsProblem } from './src/build/output-dirs.ts';
import { siteColors } from './src/build/site-css.ts';
import { redirectPaths } from './src/lib/aliases.ts';
import { contentDir, contentPaths } from './src/lib/content-dir.ts';
import { externalLinks, noteHeadingIds, rootLinks } from './src/lib/notes-links.ts';

// The build never goes on the network. Astro's anonymous telemetry does, from every command
// run outside CI, unless told not to; each command records its event after it has read this
// file, so saying so here covers `npm run build`, a bare `astro build`, dev, preview and sync.
process.env.ASTRO_TELEMETRY_DISABLED = '1';

// SITE_URL and BASE_PATH let one build serve at `/` locally and under `/<repo>/` on GitHub Pages.
const site = process.env.SITE_URL || 'http://localhost:4321';
const base = process.env.BASE_PATH || '/';
// A site built for a subpath is meant for a real address: without one, every absolute URL would name localhost.
// Not said to `astro preview`, which serves a site already built, its URLs as they were then.
if (base !== '/' && !process.env.SITE_URL && !process.argv.includes('preview')) {
  console.warn(`shelfmark: BASE_PATH is set but SITE_URL is not, so canonical URLs, feeds, citations and preview cards will point at ${site}; set SITE_URL (https://<owner>.github.io) as well.`);
}
// OUT_DIR lets the tests build the site under `/` and under a base path side by side. Astro
// empties it before a build: checked here, where every way of building reads it, so that even
// a bare `astro build` refuses `OUT_DIR=.` rather than deleting the project.
const outDir = outDirOf();
const outputProblem = outputDirsProblem(process.cwd(), contentDir());
if (outputProblem) {
  // One line, as the scripts say it: Astro would print a thrown error with its stack.
  console.error(`shelfmark: ${outputProblem}`);
  process.exit(1);
}

// Former paper URLs, from the small manifest the ingest writes (no paper is parsed here).
const redirects = redirectPaths(contentPaths().papers);

export default defineConfig({
  site,
  base,
  outDir,
  // Astro's store of the papers it has read, one per catalog (see astroCacheDir).
  cacheDir: astroCacheDir(process.cwd(), contentDir()),
  // GitHub Pages redirects `/dir` to `/dir/`; emitting directories keeps every URL canonical.
  trailingSlash: 'always',
  // Styles always go to a file (one for the whole site, see `cssCodeSplit` below): fetched once
  // and cached for every page, instead of inlined into each of thousands of pages.
  build: { format: 'directory', inlineStylesheets: 'never' },
  // A Content-Security-Policy <meta> on every page: Astro hashes the scripts and styles it
  // emits, so only the site's own code runs; inline event handlers and `javascript:` URLs
  // never do, whatever a title or abstract holds. Pagefind compiles WebAssembly, which needs
  // 'wasm-unsafe-eval' (not 'unsafe-eval'), and fetches its index from this origin.
  security: {
    csp: {
      directives: ["default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
    },
  },
  markdown: {
    // Shiki colours code in notes with inline styles, which the policy above refuses; Prism uses classes.
    syntaxHighlight: 'prism',
    // Notes show what their writer typed: smart punctuation also rewrote the text of raw
    // <code> and <pre> ("--force" as "–force", straight quotes as curly ones in code to copy).
    processor: satteri({ hastPlugins: [externalLinks, rootLinks(base), noteHeadingIds], features: { smartPunctuation: false } }),
  },
  vite: {
    // The colours of src/site.ts as CSS custom properties, for the stylesheet.
    plugins: [siteColors()],
    build: {
      // One stylesheet for every page: all of it is about 11 KB, less than one request per component.
      cssCodeSplit: false,
      rollupOptions: {
        // Every MDX entry carries Astro's own "use astro:head-inject" directive, and the bundler
        // warns about each one; the warning is about Astro's internals, not this project.
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
    },
  },
  integrations: [
    mdx(),
    // Redirect pages for former paper URLs are not pages of their own.
    sitemap({ filter: (page) => !redirects.has(new URL(page).pathname.slice(base.length).replace(/^\/?/, '')) }),
    // Last, so it sees the finished pages: search index, offline edition, preview cards.
    shelfmarkBuild(),
  ],
});
