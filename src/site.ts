/**
 * The site's name, what it is, and its colours: written here once, read by the pages, the feeds,
 * the favicon, the preview cards and the stylesheet (as CSS custom properties, see
 * src/build/site-css.ts). Change them here and the whole site follows.
 */

/** `#rrggbb`. */
type Hex = `#${string}`;

/**
 * One colour scheme, by CSS custom property name (`--bg`, `--text-muted`, …). Every text colour
 * keeps at least 4.5:1 against `bg` and `surface`.
 */
export interface Scheme {
  /** The page. */
  bg: Hex;
  /** Cards, dialogs and inputs on the page. */
  surface: Hex;
  text: Hex;
  /** Secondary text: dates, counts, captions. */
  'text-muted': Hex;
  /** Rules and outlines. */
  border: Hex;
  link: Hex;
  /** The brand colour: the bookmark of the logo, the bar of a preview card. */
  accent: Hex;
  /** Theme chips: their fill and their text. */
  'chip-bg': Hex;
  'chip-text': Hex;
  /** Search hits marked in text. */
  'mark-bg': Hex;
  'mark-text': Hex;
  /** Keyboard focus rings. */
  focus: Hex;
}

export const site = {
  /** Shown in every title, the header, the feeds and the preview cards. */
  name: 'Shelfmark',
  /** What the site is, in one sentence: the home page's description. */
  description: 'A catalog of research papers collected from public listings, shelved by theme and searchable.',
  /** A query worth trying in this catalog, shown as the search boxes' placeholder ("e.g. …"). */
  searchExample: 'rectified flow',
  colors: {
    light: {
      bg: '#fbfaf7',
      surface: '#ffffff',
      text: '#1f1e1c',
      'text-muted': '#5a5650',
      border: '#e2ded6',
      link: '#1c4f8f',
      accent: '#a04a1b',
      'chip-bg': '#edf2f8',
      'chip-text': '#1c4f8f',
      'mark-bg': '#fde68a',
      'mark-text': '#1f1e1c',
      focus: '#1c4f8f',
    },
    dark: {
      bg: '#15161a',
      surface: '#1c1e23',
      text: '#e9e6e1',
      'text-muted': '#aaa49b',
      border: '#33363d',
      link: '#8fb8f2',
      accent: '#e59a68',
      'chip-bg': '#243246',
      'chip-text': '#c4daf7',
      'mark-bg': '#6b5412',
      'mark-text': '#fff8e1',
      focus: '#8fb8f2',
    },
  } satisfies Record<'light' | 'dark', Scheme>,
};
