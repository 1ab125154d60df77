/**
 * Preview cards look as they did: a few cards are rendered and compared, pixel by pixel, with
 * reference images in tests/fixtures/cards/. A small tolerance lets anti-aliasing differ (another
 * sharp or libvips build); a moved line, a lost word or a changed colour does not pass.
 *
 * After a deliberate change to the cards, look at the new images and update the references:
 * `UPDATE_GOLDEN=1 npx vitest run tests/unit/cards-golden.test.ts`.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { CardInput } from '../../src/cards/layout.ts';
import { renderCard } from '../../src/cards/render.ts';
import { fixturesDir } from '../support/repo.ts';

const GOLDEN_DIR = join(fixturesDir, 'cards');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
/** A channel may differ by this much before the pixel counts as changed: anti-aliasing, not drawing. */
const CHANNEL_TOLERANCE = 48;
/** Share of the card's pixels that may change: a few glyph edges, far less than one word. */
const PIXEL_SHARE = 0.002;

const CARDS: Record<string, CardInput> = {
  'paper-long-title': {
    kind: 'paper',
    title: 'SAMformer: Unlocking the Potential of Transformers in Time Series Forecasting with Sharpness-Aware Minimization and Channel-Wise Attention',
    themes: ['Efficient attention', 'Science & time series'],
    date: '2024-02-12',
    siteName: 'Shelfmark',
  },
  'paper-hostile-text': {
    kind: 'paper',
    title: '<script>alert(1)</script> & {x} — שלום 🚀 Ω ≤ ∞',
    themes: ['<b>bold</b>'],
    date: null,
    siteName: 'Shelfmark',
  },
  theme: { kind: 'theme', title: 'Rectified flow', subtitle: '37 papers', themes: [], date: null, siteName: 'Shelfmark' },
  site: { kind: 'site', title: 'Shelfmark', subtitle: '424 papers, 9 themes', themes: ['Efficient attention', 'Hybrid models', 'CTC speech recognition'], date: null, siteName: 'Shelfmark' },
};

const rgb = async (png: Uint8Array | string) => {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
};

describe('preview cards match their reference images', { timeout: 30_000 }, () => {
  it.each(Object.keys(CARDS))('%s', async (name) => {
    const png = await renderCard(CARDS[name]!);
    const file = join(GOLDEN_DIR, `${name}.png`);
    if (UPDATE) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(file, png);
    }
    expect(existsSync(file), `no reference image ${file}; make it with UPDATE_GOLDEN=1`).toBe(true);
    const [actual, golden] = await Promise.all([rgb(png), rgb(file)]);
    expect([actual.width, actual.height]).toEqual([golden.width, golden.height]);
    let changed = 0;
    for (let i = 0; i < actual.data.length; i += 3) {
      for (let c = 0; c < 3; c++) {
        if (Math.abs(actual.data[i + c]! - golden.data[i + c]!) > CHANNEL_TOLERANCE) {
          changed++;
          break;
        }
      }
    }
    expect(changed, `${changed} pixels differ from ${file}`).toBeLessThanOrEqual(PIXEL_SHARE * actual.width * actual.height);
  });

  it('a card with one word changed does not pass as its reference', async () => {
    const changedTitle = await rgb(await renderCard({ ...CARDS.theme!, title: 'Rectified flows' }));
    const golden = await rgb(join(GOLDEN_DIR, 'theme.png'));
    let changed = 0;
    for (let i = 0; i < golden.data.length; i++) if (Math.abs(changedTitle.data[i]! - golden.data[i]!) > CHANNEL_TOLERANCE) changed++;
    expect(changed).toBeGreaterThan(PIXEL_SHARE * golden.width * golden.height);
  });
});
