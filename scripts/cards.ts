/**
 * `npm run cards` — a social preview card (1200×630 PNG) for every published paper (in a large
 * catalog, only those with notes: src/lib/large-catalog.ts), every theme and the home page, in
 * ${OUT_DIR:-dist}/cards/. Unchanged cards come from the cache in
 * node_modules/.cache/shelfmark-cards/ (CARDS_CACHE_DIR overrides it). SKIP_CARDS=1 skips the step.
 * `--beside-build` is how the build runs it (src/build/integration.ts), beside Astro: it renders into
 * the cache at once, and writes the cards into the output only when the build messages that the site is there.
 * The time printed is the rendering's; waiting for the site is not counted.
 * All the work is in src/cards/ (which cards, `items.ts`); this file reads options, prints and sets the exit code.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { contentPaths } from '../src/lib/content-dir.ts';
import { readOptions } from '../src/lib/cli.ts';
import { outDirOf } from '../src/build/output-dirs.ts';
import { DEFAULT_CACHE_DIR, generateCards } from '../src/cards/cache.ts';
import { cardItems, readCardPapers } from '../src/cards/items.ts';
import { taxonomySchema } from '../src/schemas/theme.ts';
import { site } from '../src/site.ts';

// The catalog being built: content/ unless CONTENT_DIR names another, as for the ingest and the site.
const { papers: PAPERS_DIR, themes: THEMES_FILE } = contentPaths();

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * With `--beside-build`: true once the build messages that the site is done, false if the build
 * goes away first.
 */
function siteReady(): Promise<boolean> {
  return new Promise((done) => {
    process.once('message', () => done(true));
    process.once('disconnect', () => done(false));
  });
}

const USAGE = `npm run cards

A social preview card (1200×630 PNG) for every published paper, every theme and the home page,
in \${OUT_DIR:-dist}/cards/; unchanged cards come from the cache. SKIP_CARDS=1 skips it.
\`npm run build\` runs it.

  --beside-build   how the build runs it, beside Astro: cards go into the output once the site is there
  --help           print this`;

const values = readOptions('cards', USAGE, { 'beside-build': { type: 'boolean', default: false } });

async function main(): Promise<number> {
  if (process.env.SKIP_CARDS === '1') {
    console.log('cards: skipped (SKIP_CARDS=1).');
    return 0;
  }
  // Listening from the start: a message that arrives before anyone listens is lost.
  const outputReady = values['beside-build'] ? siteReady() : undefined;
  const outDir = outDirOf();
  const cacheDir = process.env.CARDS_CACHE_DIR || DEFAULT_CACHE_DIR;

  const taxonomy = taxonomySchema.parse(parse(readFileSync(THEMES_FILE, 'utf8')));
  const items = cardItems(readCardPapers(PAPERS_DIR), taxonomy, site.name);

  const stats = await generateCards({ items, outDir, cacheDir, outputReady });
  const largest = stats.largest ? `, largest ${kb(stats.largest.bytes)} (${stats.largest.path})` : '';
  console.log(
    `cards: ${items.length} in ${outDir}/cards/ — ${stats.rendered} rendered, ${stats.reused} reused in ` +
      `${(stats.cacheMs / 1000).toFixed(1)} s${stats.removed ? `, ${stats.removed} stale removed` : ''}; ` +
      `${kb(stats.totalBytes)} in all${largest}.`,
  );
  return 0;
}

try {
  process.exitCode = await main();
} catch (e) {
  console.error(`cards: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  // An open channel to the build would keep this process alive.
  if (process.connected) process.disconnect();
}
