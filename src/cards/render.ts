/**
 * Social preview cards ("Open Graph images"): one 1200×630 PNG from a few strings.
 *
 * satori lays the card out and turns every glyph into an SVG path drawn from the Inter files
 * in ./fonts/, so no system font is ever consulted; resvg rasterizes that SVG and sharp writes the
 * pixels as a 16-colour palette PNG. The same input gives the same bytes, run after run.
 *
 * Titles and theme names are untrusted text (scraped from listing pages). They only ever reach
 * satori as text children of element objects, never as markup, and satori emits them as glyph
 * outlines: `<`, `&`, `</svg>` or `{x}` become shapes on the card and are never parsed by anyone.
 *
 * Inter covers Latin, Greek, Cyrillic, Vietnamese and the common symbols. Every character is
 * checked against the fonts' own cmap (./coverage.ts) before layout, and nothing is ever fetched:
 * emoji the fonts lack are left out (in a title they are decoration), so are accents and invisible
 * format characters they lack, and any other missing character (Hebrew, Arabic, CJK, some maths)
 * is drawn as a quiet outlined box instead of Inter's loud "NO GLYPH" glyph.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import sharp from 'sharp';
import { covers, intersect, woff2Coverage, type Coverage } from './coverage.ts';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

/**
 * Bump whenever anything that changes the pixels changes: the layout below, the colours, the
 * text handling, the PNG settings. It is part of every cache key (see `templateFingerprint`), so a
 * bump re-renders every card. Font files and renderer versions are in the key by themselves.
 */
export const TEMPLATE_VERSION = 3;

/** What else decides the bytes: the renderers' and encoder's versions, and Node's Unicode data (graphemes). */
const versionOf = (pkg: string) => (createRequire(import.meta.url)(`${pkg}/package.json`) as { version: string }).version;
const RENDERER = [
  `satori@${versionOf('satori')}`,
  `resvg-js@${versionOf('@resvg/resvg-js')}`,
  `sharp@${sharp.versions.sharp}`,
  `vips@${sharp.versions.vips}`,
  `unicode@${process.versions.unicode}`,
].join(' ');

let fingerprint: string | undefined;
/** Template version, renderer versions and a digest of the font files, for cache keys. */
export function templateFingerprint(): string {
  if (fingerprint === undefined) {
    const digest = createHash('sha256');
    for (const f of loadFonts()) digest.update(f.data);
    fingerprint = `template@${TEMPLATE_VERSION} ${RENDERER} fonts@${digest.digest('hex').slice(0, 16)}`;
  }
  return fingerprint;
}

export type CardKind = 'paper' | 'theme' | 'site';

export interface CardInput {
  /** Main text: a paper's title, a theme's name, the site's name. Untrusted. */
  title: string;
  /** Theme names shown as chips (as many as fit; the rest are counted). Untrusted. */
  themes: string[];
  /** `YYYY-MM-DD` when known; anything that is not a real calendar date is left off. */
  date: string | null;
  /** The brand in the footer. */
  siteName: string;
  kind: CardKind;
  /** One short line under the title, e.g. "37 papers". Untrusted. */
  subtitle?: string;
}

// ---------------------------------------------------------------------------------------------
// Fonts: read once per process and handed to satori as the same objects every time, so it can
// keep what it parsed.

type FontWeight = 400 | 500 | 600 | 700;
interface Font { name: string; data: Buffer; weight: FontWeight; style: 'normal' }

function font(name: string, file: string, weight: FontWeight): Font {
  return { name, data: readFileSync(new URL(`./fonts/${file}`, import.meta.url)), weight, style: 'normal' };
}

let fonts: Font[] | undefined;
function loadFonts(): Font[] {
  fonts ??= [
    font('Inter Display', 'InterDisplay-Bold.woff2', 700),
    font('Inter', 'Inter-Regular.woff2', 400),
    font('Inter', 'Inter-Medium.woff2', 500),
    font('Inter', 'Inter-SemiBold.woff2', 600),
  ];
  return fonts;
}

let coverage: Coverage | undefined;
/** The code points every bundled font can draw. */
function drawableSet(): Coverage {
  coverage ??= intersect(...loadFonts().map((f) => woff2Coverage(f.data)));
  return coverage;
}

// ---------------------------------------------------------------------------------------------
// Text hygiene. Not a safety measure (text never becomes markup): it keeps odd input from
// breaking the layout — control characters, bidi overrides that would flip the rest of the
// card, lone surrogates, and strings far longer than three lines can show.

const MAX_TITLE_CHARS = 220;
const MAX_CHIP_CHARS = 34;
const MAX_SUBTITLE_CHARS = 90;

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
const graphemes = (text: string): string[] => Array.from(segmenter.segment(text), (s) => s.segment);

/** Collapses whitespace, drops control and bidi-override characters, and caps the length. */
export function cleanText(text: unknown, max: number): string {
  const cleaned = String(text ?? '')
    .toWellFormed()
    .normalize('NFC')
    // C0/C1 controls, bidi marks/embeddings/overrides/isolates, BOM. ZWJ/ZWNJ stay (emoji, Indic).
    .replace(/[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  return truncate(cleaned, max);
}

/** At most `max` user-perceived characters, cut at a word boundary when one is near, with "…". */
function truncate(text: string, max: number): string {
  const parts = graphemes(text);
  if (parts.length <= max) return text;
  let cut = parts.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  if (space > cut.length * 0.6) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,;:.–—-]+$/u, '')}…`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2024-03-07` → `7 March 2024`, without Intl so no ICU version can change it; null unless a real date. */
export function formatDate(date: string | null | undefined): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

// ---------------------------------------------------------------------------------------------
// The template: plain element objects (what JSX compiles to), so there is no JSX build step.

type Style = Record<string, string | number>;
interface El { type: string; props: Record<string, unknown> & { style?: Style; children?: Child | Child[] } }
type Child = El | string | null | false;

function h(type: string, style: Style, ...children: Child[]): El {
  const kids = children.filter((c): c is El | string => typeof c === 'object' ? c !== null : typeof c === 'string' && c !== '');
  return { type, props: { style, children: kids.length === 1 ? kids[0] : kids } };
}

const C = {
  bg: '#fbfaf7',
  ink: '#14171f',
  muted: '#5b6170',
  rule: '#e2dfd6',
  accent: '#3b4cca',
  chipBg: '#eceefb',
  chipInk: '#27318f',
};

const svgData = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

/** The brand mark: a bookmark ribbon. */
const MARK = svgData(`<svg xmlns="http://www.w3.org/2000/svg" width="24" height="32" viewBox="0 0 24 32"><path d="M3 0h18a3 3 0 0 1 3 3v29l-12-8-12 8V3a3 3 0 0 1 3-3z" fill="${C.accent}"/></svg>`);

/** Stands in for a character the fonts lack: a quiet box, like a browser's, not Inter's loud "NO GLYPH". */
const TOFU = svgData(`<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" viewBox="0 0 20 20"><rect x="4.5" y="3" width="11" height="15" rx="2" fill="none" stroke="#9aa0ad" stroke-width="1.6"/></svg>`);

const KIND_LABEL: Record<CardKind, string> = { paper: 'Paper', theme: 'Theme', site: 'Research paper catalog' };

/** Longer titles get a smaller size so most fit in three lines; the rest are clamped with "…". */
function titleSize(title: string): number {
  const n = graphemes(title).length;
  if (n <= 40) return 76;
  if (n <= 70) return 66;
  if (n <= 110) return 58;
  return 52;
}

/** As many chips as fit on one row, by an estimate of their widths; the rest are counted. */
function chipRow(names: string[], total: number): El | null {
  if (names.length === 0) return null;
  // Estimated, not measured: Inter Medium at 25px averages ~12.2px a character (digits and
  // capitals more, hence 13), a chip adds 44px of padding and a 12px gap, and room for the
  // "+N more" label is kept while any are left. At most five, so a row never turns into a list.
  const shown: string[] = [];
  let used = 0;
  for (const [i, name] of names.entries()) {
    const width = graphemes(name).length * 13 + 56;
    const left = total - i - 1;
    const reserve = left > 0 ? `+${left} more`.length * 13 + 20 : 0;
    if (shown.length === 5 || (shown.length > 0 && used + width + reserve > 1040)) break;
    shown.push(name);
    used += width;
  }
  const chip = (text: string, extra: Style = {}): El =>
    h('div', {
      display: 'flex',
      alignItems: 'center',
      flexShrink: 0,
      height: 50,
      padding: '0 22px',
      marginRight: 12,
      borderRadius: 25,
      backgroundColor: C.chipBg,
      color: C.chipInk,
      fontWeight: 500,
      fontSize: 25,
      whiteSpace: 'nowrap',
      ...extra,
    }, text);
  const rest = total - shown.length;
  // If the estimate is ever wrong, the last chip is clipped, never the count.
  return h('div', { display: 'flex', marginTop: 40 },
    h('div', { display: 'flex', flexWrap: 'nowrap', flexShrink: 1, overflow: 'hidden' }, ...shown.map((name) => chip(name))),
    rest > 0 && chip(`+${rest} more`, { backgroundColor: 'transparent', color: C.muted, padding: '0 4px', marginRight: 0 }),
  );
}

/** The card's element tree; `fit` makes each string drawable with the bundled fonts. */
function template(input: CardInput, fit: (text: string) => string): El {
  const title = fit(cleanText(input.title, MAX_TITLE_CHARS)) || 'Untitled';
  const siteName = fit(cleanText(input.siteName, 40)) || 'Shelfmark';
  const subtitle = fit(cleanText(input.subtitle, MAX_SUBTITLE_CHARS));
  const date = formatDate(input.date);
  const themes = Array.isArray(input.themes) ? input.themes : [];
  // Only the first few can show; the rest are only counted, however many there are.
  const names = themes.slice(0, 12).map((t) => fit(cleanText(t, MAX_CHIP_CHARS))).filter(Boolean);
  const total = names.length + Math.max(0, themes.length - 12);

  return h('div', {
    display: 'flex',
    flexDirection: 'column',
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    backgroundColor: C.bg,
    fontFamily: 'Inter',
    color: C.ink,
  },
    h('div', { display: 'flex', height: 12, backgroundColor: C.accent }),
    h('div', { display: 'flex', flexDirection: 'column', flexGrow: 1, padding: '50px 80px 40px 80px' },
      h('div', { display: 'flex', fontSize: 23, fontWeight: 600, color: C.muted, letterSpacing: 2, textTransform: 'uppercase' }, KIND_LABEL[input.kind] ?? KIND_LABEL.paper),
      h('div', { display: 'flex', flexDirection: 'column', flexGrow: 1, justifyContent: 'center' },
        h('div', {
          display: 'block',
          fontFamily: 'Inter Display',
          fontWeight: 700,
          fontSize: titleSize(title),
          lineHeight: 1.15,
          letterSpacing: -0.4,
          lineClamp: 3,
          wordBreak: 'break-word',
          color: C.ink,
        }, title),
        subtitle && h('div', { display: 'block', marginTop: 20, fontSize: 32, color: C.muted, lineClamp: 1, wordBreak: 'break-word' }, subtitle),
        chipRow(names, total),
      ),
    ),
    h('div', { display: 'flex', alignItems: 'center', justifyContent: 'space-between', height: 100, margin: '0 80px', borderTop: `2px solid ${C.rule}` },
      h('div', { display: 'flex', alignItems: 'center' },
        { type: 'img', props: { src: MARK, width: 24, height: 32, style: { marginRight: 16 } } },
        h('div', { display: 'flex', fontSize: 31, fontWeight: 600, color: C.ink, letterSpacing: -0.3 }, siteName),
      ),
      date && h('div', { display: 'flex', fontSize: 26, color: C.muted }, `Listed ${date}`),
    ),
  );
}

// ---------------------------------------------------------------------------------------------

/**
 * Fits text to the bundled fonts, grapheme by grapheme: drawable ones stay; accents and invisible
 * format characters the fonts lack are dropped (a keycap or variation selector leaves its base),
 * and so are accents past the second on one letter ("Zalgo" text would climb into the line above);
 * emoji are dropped; anything else is kept and registered in `tofu` to be drawn as a box.
 */
export function fitToFonts(text: string, tofu: Record<string, string>): string {
  const set = drawableSet();
  const drawable = (ch: string) => covers(set, ch.codePointAt(0)!);
  const out: string[] = [];
  for (const g of graphemes(text)) {
    const chars = [...g];
    if (chars.every(drawable) && !/(?:\p{M}.*){3}/u.test(g)) {
      out.push(g);
      continue;
    }
    let marks = 0;
    const kept = chars
      .filter((ch) => drawable(ch) || !/[\p{M}\p{Default_Ignorable_Code_Point}]/u.test(ch))
      .filter((ch) => !/\p{M}/u.test(ch) || ++marks <= 2)
      .join('');
    if (kept === '' || [...kept].every(drawable)) {
      out.push(kept);
    } else if (!/[\p{Extended_Pictographic}\p{Regional_Indicator}]/u.test(kept)) {
      tofu[kept] = TOFU;
      out.push(kept);
    }
  }
  return out.join('').replace(/\s+/gu, ' ').trim();
}

/** The card as SVG, every glyph a path. Exposed for tests and debugging; callers want renderCard. */
export async function renderCardSvg(input: CardInput): Promise<string> {
  const tofu: Record<string, string> = {};
  const element = template(input, (text) => fitToFonts(text, tofu));
  return satori(element as never, {
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    fonts: loadFonts(),
    graphemeImages: tofu,
    // fitToFonts leaves nothing for this to find; if satori still asks, it gets nothing, and it
    // never fetches on its own.
    loadAdditionalAsset: async () => [],
  });
}

/**
 * resvg, not sharp's librsvg, rasterizes: it draws a card in ~7 ms against ~27 ms, mostly because
 * librsvg is slow at the masks satori puts on clipped boxes. The SVG holds no text, only paths,
 * and system fonts are not loaded, so nothing on the machine can change the pixels.
 */
const RESVG_OPTIONS = { font: { loadSystemFonts: false } } as const;

/** Renders one card to PNG bytes. Pure: the same input gives the same bytes. */
export async function renderCard(input: CardInput): Promise<Uint8Array> {
  const pixels = new Resvg(await renderCardSvg(input), RESVG_OPTIONS).render().pixels;
  // libvips sizes the palette by bit depth: `colors` up to 16 gives a 4-bit PNG, anything above
  // an 8-bit one with 256 entries. A card is five flat colours and their anti-aliasing, so 16 look
  // the same as 256 and weigh ~40% less. No dithering: its noise would only cost bytes on flat
  // areas. Quantisation effort 1 and zlib level 7 rather than 10 and 9: cards dominate a cold
  // build, and the stronger settings cost a third more time for 1–2% fewer bytes.
  const png = await sharp(pixels, { raw: { width: CARD_WIDTH, height: CARD_HEIGHT, channels: 4 } })
    .png({ palette: true, colors: 16, compressionLevel: 7, effort: 1, dither: 0 })
    .toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
