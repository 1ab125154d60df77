/**
 * The names by which people write Greek letters and a few symbols in plain text: "beta-VAE" for
 * "β-VAE", "infinity-former" for "∞-former". Paper ids are made from them (a slug transliterates
 * β as Modern Greek's "v"), and the search finds a paper by them.
 */
const GREEK = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi', 'omicron', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega'];

/** Each letter, lower and upper case (Α–Ω, α–ω, with final ς and the symbol forms ϵ ϑ ϕ ϱ ϖ), and the symbols, with its name. */
const LETTER_NAMES: ReadonlyMap<string, string> = new Map([
  ...GREEK.flatMap((name, i) => {
    // The alphabet's code points skip U+03A2, where lower case has final sigma.
    const offset = i >= 17 ? i + 1 : i;
    return [[String.fromCodePoint(0x3b1 + offset), name], [String.fromCodePoint(0x391 + offset), name]] as [string, string][];
  }),
  ['ς', 'sigma'],
  ['ϵ', 'epsilon'],
  ['ϑ', 'theta'],
  ['ϕ', 'phi'],
  ['ϱ', 'rho'],
  ['ϖ', 'pi'],
  ['µ', 'mu'],
  ['∞', 'infinity'],
]);

/** Beside no other letter: not in a Greek word, which reads better transliterated, nor a look-alike in a Latin one ("Τransformers" with a Greek T). */
const LONE = new RegExp(`(?<!\\p{L})[${[...LETTER_NAMES.keys()].join('')}](?!\\p{L})`, 'gu');

/** `text` with each letter or symbol that stands alone (`LONE`) written as its name between spaces: "β-VAE" → " beta -VAE". */
export function withLetterNames(text: string): string {
  return text.replace(LONE, (letter) => ` ${LETTER_NAMES.get(letter)!} `);
}

/** The names of the letters and symbols that stand alone in `text`, as `withLetterNames` finds them. */
export function letterNamesIn(text: string): string[] {
  return [...text.matchAll(LONE)].map(([letter]) => LETTER_NAMES.get(letter)!);
}
