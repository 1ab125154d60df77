/**
 * `npm run bench:cards -- [--cards N] [--keep]` — renders N synthetic cards cold (default 1000)
 * into a fresh temporary output folder and cache, and prints ms/card, the total, cards/s and the
 * mean and largest card size. A benchmark, not a test: it asserts nothing. The inputs are made
 * from a fixed seed, so runs compare like with like; --keep leaves the folder for a look at the PNGs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../bench/prng.ts';
import { generateCards, type CardItem } from '../src/cards/cache.ts';
import { readOptions } from '../src/lib/cli.ts';

const WORDS = ('attention transformer diffusion sparse linear efficient scaling language vision models ' +
  'learning reinforcement policy graph neural networks retrieval augmented generation long-context ' +
  'state-space recurrent quantization distillation benchmark evaluation robust alignment reward ' +
  'multimodal speech recognition tokenizer mixture experts inference training optimizer').split(' ');
const THEMES = ['Efficient attention', 'State-space & recurrent models', 'Science & time series', 'Diffusion models',
  'Reinforcement learning', 'Retrieval & RAG', 'Evaluation & benchmarks', 'Quantization & compression', 'Multimodal'];

/** Mostly papers with titles of 3 to 30 words, a theme card every 50 and one site card, like a catalog. */
function syntheticItems(count: number): CardItem[] {
  // The benchmark's one seeded generator, so every run renders the same cards.
  const rng = createRng(1);
  const items: CardItem[] = [];
  for (let i = 0; i < count; i++) {
    if (i === count - 1) {
      items.push({ id: 'site', input: { kind: 'site', title: 'Shelfmark', subtitle: `${count} papers, ${THEMES.length} themes`, themes: THEMES, date: null, siteName: 'Shelfmark' } });
    } else if (i % 50 === 49) {
      items.push({ id: `theme-${i}`, input: { kind: 'theme', title: rng.pick(THEMES), subtitle: `${rng.int(1, 400)} papers`, themes: [], date: null, siteName: 'Shelfmark' } });
    } else {
      const words = Array.from({ length: rng.int(3, 30) }, () => rng.pick(WORDS));
      const title = `${words[0]![0]!.toUpperCase()}${words.join(' ').slice(1)}`;
      const themes = THEMES.filter(() => rng.chance(0.25));
      const date = `20${rng.int(18, 25)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
      items.push({ id: `paper-${i}`, input: { kind: 'paper', title, themes, date, siteName: 'Shelfmark' } });
    }
  }
  return items;
}

const USAGE = `npm run bench:cards -- [--cards N] [--keep]

Renders N synthetic social cards cold and prints ms per card, cards per second and their sizes.

  --cards N   how many (1000 by default)
  --keep      leave the temporary folder, to look at the PNGs
  --help      print this`;

const values = readOptions('bench:cards', USAGE, { cards: { type: 'string', default: '1000' }, keep: { type: 'boolean', default: false } });
const count = Number(values.cards);
if (!Number.isInteger(count) || count < 1) throw new Error(`bench:cards: --cards wants a positive whole number, not "${values.cards}"`);

const dir = mkdtempSync(join(tmpdir(), 'shelfmark-bench-cards-'));
try {
  const items = syntheticItems(count);
  const stats = await generateCards({ items, outDir: join(dir, 'out'), cacheDir: join(dir, 'cache') });
  const mean = stats.totalBytes / stats.files.length;
  console.log(`bench:cards: ${stats.rendered} cards rendered cold in ${(stats.ms / 1000).toFixed(1)} s — ` +
    `${(stats.ms / count).toFixed(1)} ms/card, ${(count / (stats.ms / 1000)).toFixed(1)} cards/s; ` +
    `size mean ${(mean / 1024).toFixed(1)} KB, max ${(stats.largest!.bytes / 1024).toFixed(1)} KB (${stats.largest!.path}).`);
  if (values.keep) console.log(`bench:cards: cards kept in ${dir}/out/cards/`);
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
