/**
 * `npm run cards` — a social preview card (1200×630 PNG) for every published paper (in a large
 * catalog, only those with notes: src/lib/large-catalog.ts), every theme and the home page, in
 * ${OUT_DIR:-dist}/cards/. Unchanged cards come from the cache in
 * node_modules/.cache/shelfmark-cards/ (CARDS_CACHE_DIR overrides it). SKIP_CARDS=1 skips the step.
 * `--beside-build` is how the build runs it (src/build/integration.ts), beside Astro: it renders into
 * the cache at once, and writes the cards into the output only when the build messages that the site is there.
 * The time printed is the rendering's; waiting for the site is not counted.
 * All the work is in src/cards/; this file reads the catalog, prints and sets the exit code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { contentPaths } from '../src/lib/content-dir.ts';
import { formatAuthors } from '../src/lib/authors.ts';
import { readOptions } from '../src/lib/cli.ts';
import { plural } from '../src/lib/format.ts';
import { outDirOf } from '../src/build/output-dirs.ts';
import { DEFAULT_CACHE_DIR, generateCards, type CardItem } from '../src/cards/cache.ts';
import { parsePaperFile } from '../src/ingest/frontmatter.ts';
import { isLargeCatalog, ownsCard } from '../src/lib/large-catalog.ts';
import { hasNotes } from '../src/lib/notes.ts';
import { paperSchema, type Paper } from '../src/schemas/paper.ts';
import { taxonomySchema } from '../src/schemas/theme.ts';
import { site } from '../src/site.ts';

// The catalog being built: content/ unless CONTENT_DIR names another, as for the ingest and the site.
const { papers: PAPERS_DIR, themes: THEMES_FILE } = contentPaths();

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** What a card shows of a paper. Only this is kept: the rest (abstracts, evidence) would sit in memory beside Astro's. */
type CardPaper = Pick<Paper, 'id' | 'title' | 'authors' | 'themes' | 'listedOn' | 'hidden'> & { notes: boolean };

function readPapers(): CardPaper[] {
  const papers: CardPaper[] = [];
  for (const name of readdirSync(PAPERS_DIR).filter((n) => n.endsWith('.mdx')).sort()) {
    const file = join(PAPERS_DIR, name);
    try {
      const { data, body } = parsePaperFile(readFileSync(file, 'utf8'));
      const { id, title, authors, themes, listedOn, hidden } = paperSchema.parse(data);
      papers.push({ id, title, authors, themes, listedOn, hidden, notes: hasNotes(body) });
    } catch (e) {
      throw new Error(`${file}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return papers;
}

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
  const themeName = new Map(taxonomy.map((t) => [t.id, t.name]));
  const papers = readPapers().filter((p) => !p.hidden);
  // A large catalog's paper pages show their theme's card, but for papers with notes (src/lib/large-catalog.ts).
  const large = isLargeCatalog(papers.length);

  const items: CardItem[] = [];
  for (const paper of papers.filter((p) => ownsCard(p, large))) {
    items.push({
      id: paper.id,
      input: {
        kind: 'paper',
        title: paper.title,
        ...(paper.authors.length > 0 ? { subtitle: formatAuthors(paper.authors, { max: 3 }) } : {}),
        themes: paper.themes.flatMap((id) => themeName.get(id) ?? []),
        date: paper.listedOn,
        siteName: site.name,
      },
    });
  }
  for (const theme of taxonomy) {
    const count = papers.filter((p) => p.themes.includes(theme.id)).length;
    items.push({ id: theme.id, input: { kind: 'theme', title: theme.name, subtitle: plural(count, 'paper'), themes: [], date: null, siteName: site.name } });
  }
  items.push({
    id: 'site',
    input: {
      kind: 'site',
      title: site.name,
      subtitle: `${plural(papers.length, 'paper')}, ${plural(taxonomy.length, 'theme')}`,
      themes: taxonomy.map((t) => t.name),
      date: null,
      siteName: site.name,
    },
  });

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
