import { remembered } from '../lib/remembered.ts';

/**
 * The identity of a title across sources: the same paper is listed with different case,
 * spacing or Unicode forms ("ﬁ" vs "fi", non-breaking spaces), and a .bib reads its TeX where
 * a listing shows it raw: `--` is an en dash there, ``` `` ``` a curly quote, and `$α$` plain α.
 * So quotes count as one of a kind, any dash as a space (a compound is written "Low-Cost" in one
 * source and "Low Cost" in another), math as the .bib's reader writes it (`plainTex`), and math
 * delimiters and a closing period not at all.
 */
export const titleKey: (title: string) => string = remembered(
  (title) =>
    plainTex(title)
      .replace(/[\u2018\u2019\u201A\u201B`´]/gu, "'") // before NFKC, which makes ´ a space and an accent
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[-\u2010-\u2015\u2212]+/gu, ' ')
      .replace(/[\u201C-\u201F]|''/gu, '"')
      .replace(/\$/g, '')
      .replace(/\s+/gu, ' ')
      // Google Scholar's exports end a title with a period that no other source writes.
      .replace(/[\s.]+$/u, '')
      .trim(),
  // Each abstract is keyed twice on a re-ingest: from its source, and from its paper's file.
  50_000,
);

/**
 * TeX's commands for the letters and symbols of titles, as the characters a .bib's reader makes
 * of them; after NFKC, its `ϵ`, `ϕ`, `ℓ` and `ᵈ` are these too.
 */
const TEX_SYMBOLS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    'alpha α beta β gamma γ delta δ epsilon ε varepsilon ε zeta ζ eta η theta θ vartheta θ iota ι kappa κ lambda λ mu μ nu ν xi ξ pi π rho ρ sigma σ tau τ upsilon υ phi φ varphi φ chi χ psi ψ omega ω Gamma Γ Delta Δ Theta Θ Lambda Λ Xi Ξ Pi Π Sigma Σ Phi Φ Psi Ψ Omega Ω'
      .split(' ')
      .flatMap((word, i, all) => (i % 2 === 0 ? [[word, all[i + 1]!]] : [])),
  ),
  ell: 'ℓ', infty: '∞', sqrt: '√', times: '×', cdot: '⋅', cdots: '⋯', ldots: '…', pm: '±', leq: '≤', le: '≤', geq: '≥', ge: '≥', neq: '≠', approx: '≈', sim: '∼', propto: '∝', ll: '≪', gg: '≫',
  to: '→', rightarrow: '→', partial: '∂', nabla: '𝛻', in: '∈', cup: '∪', cap: '∩', subset: '⊂', subseteq: '⊆', forall: '∀', exists: '∃', mid: '∣',
};

/** Commands that set a font or an accent on math: the text they apply to is what counts. */
const TEX_STYLE = /\\(?:math[a-z]*|text[a-z]*|operatorname|boldsymbol|bm|emph|hat|widehat|tilde|widetilde|bar|overline|vec|dot)(?![A-Za-z])\s*/g;

/**
 * A title's TeX as its key compares it: an arXiv entry or a listing writes `$\alpha$-Flow`,
 * `$\ell_2$` and `$O(n \log n)$` where a .bib's reader gives "α-Flow", "ℓ₂" and "O(n\log n)",
 * keeping the commands it does not know by name ("\mathcal O"). Letters and symbols become their
 * characters, other commands their names (a word apart from a letter before it, as a source that
 * writes the title as text has it: "O(n log n)"), font and accent commands nothing, and braces
 * go; in math, so do `_`, `^`, and spaces before a command or beside a symbol, which TeX does not print.
 */
function plainTex(text: string): string {
  if (!/[\\$]/.test(text)) return text;
  const commands = (tex: string) =>
    tex
      .replace(TEX_STYLE, '')
      // TeX's escaped characters are the characters ("MS\_MARCO").
      .replace(/\\([_&%#])/g, '$1')
      // A command that is a word (`\log`, `\max`) is one after a letter or a group too, as text writes
      // it: "O(n log n)", "O(√n log n)" of `O(\sqrt{n}\log n)`. (The character before is looked at
      // by offset: a pattern that began with it made every abstract's key 2.5 s slower at 10,000 papers.)
      .replace(/\\([A-Za-z]+)/g, (_, name: string, at: number, whole: string) =>
        Object.hasOwn(TEX_SYMBOLS, name) ? TEX_SYMBOLS[name]! : at > 0 && /[\p{L}\p{N}}]/u.test(whole[at - 1]!) ? ` ${name}` : name,
      )
      .replace(/[{}]/g, '');
  const math = (tex: string) => commands(tex.replace(/\s+(?=\\[A-Za-z])/g, '')).replace(/[_^]/g, '').replace(/\s*([^\p{L}\p{N}\s])\s*/gu, '$1');
  return commands(text.replace(/\$([^$]*)\$/g, (_, tex: string) => math(tex)));
}
