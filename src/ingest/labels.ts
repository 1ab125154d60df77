import type { CatalogInput } from './catalog.ts';
import { error, warning, type Diagnostic } from './diagnostics.ts';
import type { LabelledPaper } from './shelve.ts';
import { titleKey } from './normalize.ts';
import { isTypoOf, meantId } from './slug.ts';
import { everyId } from '../lib/aliases.ts';
import { excerpt } from '../lib/format.ts';
import { didYouMean } from '../lib/spelling.ts';

/** A theme the labels name and themes.yaml does not have: its rows (0-based) and the one error about them. */
export interface GoneTheme {
  theme: string;
  rows: number[];
  error: Diagnostic;
}

/** A catalog paper as the labels see it: its ids, current and former, and its text. */
export interface CatalogText {
  id: string;
  aliases: readonly string[];
  title: string;
  abstract: string;
}

/**
 * Whether two titles are one paper's as sources correct it: the same words, one with a subtitle
 * after a colon the other has not ("Mamba" and "Mamba: Linear-Time…"), or one word with a typo
 * corrected (`isTypoOf`: "Performers", "Performer"; "Qwen2" is not "Qwen3").
 */
export function sameTitle(a: string, b: string): boolean {
  const [x, y] = [titleKey(a), titleKey(b)];
  if (x === y) return true;
  const [shorter, longer] = x.length <= y.length ? [x, y] : [y, x];
  if (shorter.length > 0 && longer.startsWith(shorter) && /^\s*:/.test(longer.slice(shorter.length))) return true;
  const [xs, ys] = [x.split(' '), y.split(' ')];
  const differ = xs.flatMap((word, i) => (word === ys[i] ? [] : [i]));
  return xs.length === ys.length && differ.length === 1 && isTypoOf(xs[differ[0]!]!, ys[differ[0]!]!);
}

/**
 * The labelled papers, catalog and training alike, each with its text and its decisions, and
 * `strays`, the rows (0-based) that name no paper: neither the catalog's, by any id it has had,
 * nor one still on disk (`onDisk`: a paper kept for its notes is published), nor a training
 * paper. They are reported as one warning; an id a typo away from a paper's gets a warning of
 * its own, with the id it may have meant, and is no stray (themes:prune keeps it). Labels naming
 * a theme not in themes.yaml are an error, one per theme (`goneThemes`). `npm run themes:prune`
 * removes the strays, and the labels of a gone theme it is told to. For the same paper and theme
 * a later row wins, so a maintainer's review can correct an earlier decision by appending to the file.
 */
export function labelledPapers(
  input: Pick<CatalogInput, 'labels' | 'labelLine' | 'training' | 'trainingLine' | 'taxonomy' | 'files'>,
  catalog: readonly CatalogText[],
  diagnostics: Diagnostic[],
  onDisk: readonly { id: string; aliases: readonly string[] }[] = [],
): { labelled: LabelledPaper[]; strays: number[]; goneThemes: GoneTheme[] } {
  const file = input.files.labels;
  const texts = new Map<string, { title: string; abstract: string }>();
  const current = new Map<string, string>();
  for (const { id, aliases, title, abstract } of catalog) {
    texts.set(id, { title, abstract });
    for (const name of [id, ...aliases]) current.set(name, id);
  }
  // A training paper with a catalog paper's id and title is that paper: a reading list may well
  // hold "Graph Attention Networks". It is read once, with the catalog's text, and its labels are
  // the catalog paper's. A catalog paper keeps its id when a source corrects its title, so a
  // title a letter or a subtitle away is still the same; another title is another paper, and
  // one id cannot name both.
  for (const [index, paper] of input.training.entries()) {
    const id = current.get(paper.id);
    if (id === undefined) texts.set(paper.id, paper);
    else if (!sameTitle(texts.get(id)!.title, paper.title)) {
      diagnostics.push(error(input.files.training, input.trainingLine(index), `training paper "${paper.id}" has the id of the catalog paper "${excerpt(texts.get(id)!.title, 60)}", which is another paper; give the catalog paper another id (renameTo in ${input.files.curation}), or the training paper one`));
    }
  }
  const published = everyId(onDisk);
  const themes = new Set(input.taxonomy.map((t) => t.id));
  const decisions = new Map<string, Map<string, boolean>>();
  // A theme that is gone is one error at its first label, naming the lines of the others, not one error per row.
  const unknown = new Map<string, number[]>();
  for (const [index, label] of input.labels.entries()) {
    if (themes.has(label.theme)) continue;
    if (!unknown.has(label.theme)) unknown.set(label.theme, []);
    unknown.get(label.theme)!.push(index);
  }
  // Labels of papers that are gone (a listing removed, the demo catalog replaced) are one warning, not one per row.
  let strays: { index: number; paper: string }[] = [];
  const goneThemes: GoneTheme[] = [];
  for (const [index, label] of input.labels.entries()) {
    const gone = unknown.get(label.theme);
    if (gone) {
      if (gone[0] === index) {
        const problem = error(file, input.labelLine(index), unknownTheme(label.theme, gone.map((i) => input.labelLine(i)), [...themes], input.files.themes));
        goneThemes.push({ theme: label.theme, rows: gone, error: problem });
        diagnostics.push(problem);
      }
      continue;
    }
    const id = current.get(label.paper) ?? (texts.has(label.paper) ? label.paper : undefined);
    if (id === undefined) {
      if (!published.has(label.paper)) strays.push({ index, paper: label.paper });
      continue;
    }
    if (!decisions.has(id)) decisions.set(id, new Map());
    decisions.get(id)!.set(label.theme, label.label === 'yes');
  }
  // A stray a letter or two from a paper's id may be a typo, whose decision goes unapplied: said
  // with the id it may have meant, and kept from themes:prune, which removes papers that left. A
  // warning, not curation.yaml's error: a demo label ("qwen2-…") may as well be a paper that left
  // beside one of a new catalog ("qwen3-…").
  const ids = [...texts.keys()];
  const typos = new Map<string, number[]>();
  for (const stray of strays) typos.get(stray.paper)?.push(stray.index) ?? typos.set(stray.paper, [stray.index]);
  for (const [paper, indexes] of typos) {
    const meant = meantId(paper, ids);
    if (meant) diagnostics.push(warning(file, input.labelLine(indexes[0]!), `${rows(indexes.map((i) => input.labelLine(i)), 'label')} ${indexes.length === 1 ? 'names' : 'name'} paper "${paper}", which is neither in the catalog nor a training paper; ${meant} Fix the id, or remove the row if the paper has left the catalog (themes:prune keeps it, as a typo)`));
    else typos.delete(paper);
  }
  strays = strays.filter((stray) => !typos.has(stray.paper));
  if (strays.length > 0) {
    const papers = new Set(strays.map((s) => s.paper));
    const what = papers.size === 1 ? `paper "${strays[0]!.paper}" is` : `${papers.size} papers (the first "${strays[0]!.paper}") are`;
    diagnostics.push(warning(file, input.labelLine(strays[0]!.index), `${rows(strays.map((s) => input.labelLine(s.index)), 'label')}: ${what} neither in the catalog nor a training paper; fix the ids, or remove the rows (npm run themes:prune does)`));
  }
  return { labelled: [...decisions].map(([id, labels]) => ({ id, ...texts.get(id)!, labels })), strays: strays.map((s) => s.index), goneThemes };
}

/** "this label", or "3 labels (this line, lines 5, 9)": rows of the file a message is about, the first its own. */
function rows(lines: readonly number[], noun: string): string {
  if (lines.length === 1) return `this ${noun}`;
  return `${lines.length} ${noun}s (this line, ${lines.length === 2 ? 'and line' : 'lines'} ${lines.slice(1, 6).join(', ')}${lines.length > 6 ? ', …' : ''})`;
}

function unknownTheme(theme: string, lines: readonly number[], themes: readonly string[], themesFile: string): string {
  const fix = didYouMean(theme, themes) || `if the theme was removed, \`npm run themes:prune -- --theme ${theme}\` removes its labels; if renamed, rename them`;
  return `${rows(lines, 'label')} ${lines.length === 1 ? 'names' : 'name'} theme "${theme}", which is not in ${themesFile}; ${fix}`;
}

