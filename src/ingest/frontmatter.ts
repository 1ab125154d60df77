import { YAMLException } from 'js-yaml';
import { mdxToJs, mdxToMdast, type MdastNode } from 'satteri';
import { hasNotes } from '../lib/notes.ts';
import { dumpQuoted, loadQuoted } from './frontmatter-yaml.ts';
import type { Paper } from '../schemas/paper.ts';

/**
 * The on-disk form of a paper: YAML frontmatter owned by the ingest, then an MDX body
 * owned by people. Titles and abstracts are untrusted text, so they only ever enter the
 * file as YAML's double-quoted scalars: whatever they contain (`---`, `{`, `<script>`, `no`,
 * `2401.10010`) stays a string and never reaches MDX. Files are written and read as js-yaml,
 * the reader Astro uses for them, writes and reads them (`frontmatter-yaml.ts`, held to the
 * same bytes and values by its tests), so the ingest and the site never disagree on what a file says.
 */

const HEADER = '# Written by `npm run ingest`: edits above the closing --- are replaced on the next run.\n# Notes, below it, are yours and are never touched.\n';

export function serializePaperFile(paper: Paper, body: string): string {
  // Every string double-quoted and on one line, whatever it holds.
  const yaml = dumpQuoted(paper);
  return `---\n${HEADER}${yaml}---\n${body}`;
}

export interface PaperFile {
  data: unknown;
  body: string;
}

/** A paper file whose frontmatter cannot be read: why, and at which line of the file. */
export class FrontmatterError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

/** A paper file's frontmatter; some Windows editors save UTF-8 with a byte-order mark, and the frontmatter starts after it. */
const FRONTMATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;

/** A paper file's body (the notes), without reading its frontmatter; empty when it has none. */
export function bodyOf(text: string): string {
  const match = FRONTMATTER.exec(text);
  return match ? text.slice(match[0].length) : '';
}

/** A paper file's text above its notes: the whole file when it has no frontmatter. */
export const frontmatterOf = (text: string): string => text.slice(0, text.length - bodyOf(text).length);

/**
 * Splits a paper file into its parsed frontmatter and its body, byte for byte; throws
 * `FrontmatterError`. The frontmatter is read as js-yaml reads it (the `yaml` package took
 * 4.4 s for a 10,000-paper catalog's where js-yaml took 0.46 s, measured).
 */
export function parsePaperFile(text: string): PaperFile {
  const match = FRONTMATTER.exec(text);
  if (!match) throw spacedFence(text) ?? new FrontmatterError('no frontmatter: the file must start with a --- line and close it with another', 1);
  try {
    return { data: loadQuoted(match[1]!), body: text.slice(match[0].length) };
  } catch (e) {
    if (!(e instanceof YAMLException)) throw e;
    // A closing fence with spaces after it lets a `---` rule in the notes close the frontmatter instead.
    // js-yaml counts lines from 0 within the frontmatter, which starts on the file's second line.
    throw spacedFence(text) ?? new FrontmatterError(e.reason, (e.mark?.line ?? 0) + 2);
  }
}

/** A fence line as a person sees one: `---`, with any spaces after it, which make it no fence to a parser. */
const FENCE_AS_SEEN = /^\uFEFF?---[ \t]*\r?$/;

/** The file's lines, and the index of the line that closes its frontmatter as a person sees it, or -1. */
function closingFence(text: string): { lines: string[]; close: number } {
  const lines = text.split('\n');
  return { lines, close: FENCE_AS_SEEN.test(lines[0] ?? '') ? lines.findIndex((line, i) => i > 0 && FENCE_AS_SEEN.test(line)) : -1 };
}

/** The error for a frontmatter's opening or closing fence with spaces after it, at its line, or undefined. */
function spacedFence(text: string): FrontmatterError | undefined {
  const { lines, close } = closingFence(text);
  const spaced = [0, close].find((i) => i >= 0 && /[ \t]\r?$/.test(lines[i]!) && FENCE_AS_SEEN.test(lines[i]!));
  return spaced === undefined ? undefined : new FrontmatterError('this --- has spaces after it, so it does not open or close the frontmatter; remove them', spaced + 1);
}

/**
 * What follows a paper file's frontmatter as a person sees it end (at a `---` line, spaces
 * after it or not), even where a parser sees none; undefined when no such line closes it.
 */
export function belowFrontmatter(text: string): string | undefined {
  const { lines, close } = closingFence(text);
  return close < 0 ? undefined : lines.slice(close + 1).join('\n');
}

/**
 * How notes are parsed: as the build reads them, after the paper's own frontmatter, where a
 * `---` block at their top is a rule and a heading, not a second frontmatter to pass over.
 */
const NOTES = { frontmatter: false } as const;

/**
 * Why a person's notes would stop the build, and where in the file, or null when they compile.
 * They are MDX, where an unclosed `<div>` or a stray `{` is a syntax error; Astro would report
 * it only when building, as a stack trace, so the ingest compiles them first with the MDX
 * compiler Astro's MDX integration runs (`satteri`). Only bodies with notes are compiled.
 * Notes that compile must also hold nothing that fails to render (`unrenderable`). `resolves`
 * says whether a relative import names a file (from the papers' folder); without it, imports
 * are not looked for.
 */
export function notesError(text: string, body: string, resolves?: (specifier: string) => boolean): { line: number; message: string } | null {
  if (!hasNotes(body)) return null;
  const bodyStart = firstBodyLine(text, body);
  try {
    mdxToJs(body, { features: NOTES });
  } catch (e) {
    // "3:15: Expected a closing tag for `<div>` …": the position is in the body, after the frontmatter's lines.
    const [, line, message] = /^(\d+):\d+: ([\s\S]*)$/.exec((e as Error).message) ?? [null, '1', (e as Error).message];
    return { line: bodyStart + Number(line) - 1, message: explained(message!.split('\n')[0]!, bodyStart) };
  }
  const problem = unrenderable(body, resolves);
  return problem && { line: bodyStart + problem.line - 1, message: problem.message };
}

/**
 * The MDX compiler's message about notes, with what to do first for what notes most often hold:
 * a brace or a "<" meant as text, which MDX reads as an expression or a tag. Positions the
 * compiler gives in the notes (`(2:13)`) become lines of the file.
 */
function explained(message: string, bodyStart: number): string {
  const said = message.replace(/ \(mdx-jsx:[a-z-]+\)$/, '').replace(/\((\d+):\d+\)/g, (_, line: string) => `(line ${bodyStart + Number(line) - 1})`);
  if (/\bexpression\b/.test(said)) return `a "{" in notes starts an MDX expression, and this one is not JavaScript: write \\{ for a literal brace, or put the text in a code span (the compiler: ${said})`;
  if (/after `<`|before name|Expected a closing tag/.test(said)) return `a "<" in notes starts an HTML tag: close the tag, or write \\< for a literal "<" or put the text in a code span; a link is [text](url), a comment {/* text */} (the compiler: ${said})`;
  return said;
}

/**
 * The first thing in notes that compiles but cannot render, with its line in the body, or null.
 * A note is rendered as `<Notes />`, with no components and no props, so:
 * - an expression has nothing of the note's to name: `{d}` in `$\sqrt{d}$` is a ReferenceError
 *   during the build. Any expression but an empty one or a comment (`{/* … *\/}`, which compile
 *   to nothing) is refused, even one that would render (`{"text"}`): telling them apart would
 *   take analysing the JavaScript, and a note needs none of them. Text, block and JSX
 *   attribute expressions alike;
 * - a component (`<Figure />`, `<ui.Card>`) exists only if the note imports it;
 * - an image at a relative path (`![x](diagram.png)`) is bundled from beside the paper's file,
 *   where the ingest keeps nothing but papers: the build fails to find it;
 * - nesting past `MAX_DEPTH`;
 * - an `export`, or an `import` of a page (`esmProblem`), or of a file that is not there.
 * Read from the parsed tree, so braces and tags in code, in code blocks and escaped are text.
 */
/** Deeper than notes nest in earnest; a line of 5,000 `>` is as deep, and no page can render it. */
const MAX_DEPTH = 100;

function unrenderable(body: string, resolves?: (specifier: string) => boolean): { line: number; message: string } | null {
  const tree = mdxToMdast(body, { features: NOTES });
  const imported = importedNames(tree);
  const expression = (value: string, line: number) => ({
    line,
    message: `notes may not hold an MDX expression such as {${value.trim().split('\n')[0]!.slice(0, 40)}}: the build would run it as JavaScript, with no variables of a note's own, and fail to render the page; write \\{ for a literal brace, or put maths in a code span: \`O(n) for {n} tokens\``,
  });
  for (const [node, depth] of nodesOf(tree)) {
    const line = node.position?.start.line ?? 1;
    if (depth > MAX_DEPTH) return { line, message: `notes may not nest more than ${MAX_DEPTH} deep (quotes, lists, emphasis within each other): the build renders each level by a call of its own, and runs out of stack` };
    if (node.type === 'mdxjsEsm') {
      const problem = esmProblem(node.value);
      if (problem) return { line, message: problem };
      // Astro would stop on a path that leads nowhere, naming the line in the notes, not in the file.
      const missing = resolves && [...node.value.matchAll(IMPORT)].find((m) => !resolves(m[3]!));
      if (missing) {
        // Imports on lines of their own make one node: the line is the import's, within it.
        const at = line + node.value.slice(0, missing.index).split('\n').length - 1;
        const specifier = missing[3]!;
        const what = /^\.{1,2}\//.test(specifier) ? 'there is no such file (the path is from the paper\'s own folder)' : specifier.startsWith('/') ? 'there is no such file, from the project\'s folder or the disk\'s root' : 'it is no package the project has installed';
        return { line: at, message: `notes import ${specifier.slice(0, 80)}, and ${what}; fix it, or remove the import` };
      }
    }
    if ((node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') && !isInert(node.value)) return expression(node.value, line);
    // A web address, a data: URL or a path from the site's root (public/) is left to the browser.
    if (node.type === 'image' && !/^(?:[a-z][a-z\d+.-]*:|\/)/i.test(node.url)) {
      return { line, message: `notes may not show an image at a relative path (${node.url.slice(0, 60)}): the build looks for it beside the paper's file and fails; put it in public/ and write its path from the site's root, as in /images/diagram.png` };
    }
    if (isJsxElement(node)) {
      // A lower-case name is an HTML element; a capital or a dot names a component.
      if (node.name && /^[A-Z]|\./.test(node.name) && !imported.has(node.name.split('.')[0]!)) {
        return { line, message: `notes may not use <${node.name}>, a component they do not import: the build would fail to render the page; use HTML or Markdown, or import it in the note` };
      }
      for (const attribute of node.attributes) {
        const value = attribute.type === 'mdxJsxExpressionAttribute' ? attribute.value : typeof attribute.value === 'object' ? attribute.value?.value : undefined;
        // Attributes carry no position of their own: the expression's line is found from the tag's.
        if (value !== undefined && !isInert(value)) return expression(value, lineOf(body, `{${value}`, line));
      }
    }
  }
  return null;
}

/**
 * Every node of a tree, parents before children, in document order, with how deep it is. A stack,
 * not recursion: a line of 5,000 `>` nests as deep, past what the call stack holds.
 */
function* nodesOf(root: MdastNode): Generator<[MdastNode, number]> {
  const stack: [MdastNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    yield [node, depth];
    const children = 'children' in node ? (node.children as MdastNode[]) : [];
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, depth + 1]);
  }
}

/** A JSX tag in MDX, an HTML element's or a component's. */
const isJsxElement = (node: MdastNode): node is Extract<MdastNode, { type: 'mdxJsxFlowElement' | 'mdxJsxTextElement' }> => node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';

/** The line of the file `text` where its body (the notes) starts. */
function firstBodyLine(text: string, body: string): number {
  return text.slice(0, text.length - body.length).split('\n').length;
}

/** The links of notes, as written (`[GAT](/papers/graph-attention-networks/)`, `[ref]: …`, or an `<a href>`), with their lines in the file. */
export function linksIn(text: string, body: string): { href: string; line: number }[] {
  let tree: MdastNode;
  try {
    tree = mdxToMdast(body, { features: NOTES });
  } catch {
    // Notes that do not parse are an error of their own (`notesError`); their links wait for the fix.
    return [];
  }
  const bodyStart = firstBodyLine(text, body);
  const links: { href: string; line: number }[] = [];
  for (const [node] of nodesOf(tree)) {
    const href =
      node.type === 'link' || node.type === 'definition'
        ? node.url
        : isJsxElement(node) && node.name === 'a'
          ? node.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'href')?.value
          : undefined;
    if (typeof href === 'string') links.push({ href, line: bodyStart + (node.position?.start.line ?? 1) - 1 });
  }
  return links;
}

/** An `import` statement: what it binds (`A`, `{ B, C as D }`, `* as E`; none for `import 'x'`), and where from. */
const IMPORT = /\bimport\s+(?:([\s\S]*?)\s+from\s*)?(['"])([^'"]*)\2/g;

/** The names a note's `import` statements bind: `import A from`, `{ B, C as D }`, `* as E`. */
function importedNames(tree: MdastNode): Set<string> {
  const names = new Set<string>();
  for (const node of 'children' in tree ? (tree.children as MdastNode[]) : []) {
    if (node.type !== 'mdxjsEsm') continue;
    for (const [, clause] of node.value.matchAll(IMPORT)) {
      for (const part of (clause ?? '').replace(/[{}]/g, ',').split(',')) {
        const name = part.trim().split(/\s+as\s+/).at(-1)!.replace(/^\*\s*/, '').trim();
        if (name) names.add(name);
      }
    }
  }
  return names;
}

/**
 * Why an `import` or `export` of notes would stop the build, or undefined. An export runs as the
 * page's own code (or replaces its `frontmatter`); an import of a page (an `.mdx` or `.md` file,
 * the note's own file among them) renders it inside itself, without end.
 */
function esmProblem(source: string): string | undefined {
  if (/^\s*export\b/m.test(source)) return 'notes may not export anything: the build runs an export as the page\'s own code; write the text instead';
  const page = [...source.matchAll(IMPORT)].map((m) => m[3]!).find((from) => /\.mdx?(?:[?#].*)?$/i.test(from));
  return page === undefined ? undefined : `notes may not import a page (${page.slice(0, 60)}): the build would render it inside this one, and a page that imports itself never ends; link to it instead`;
}

/** Whether an expression's source is only whitespace and comments, which compile to nothing. */
function isInert(source: string): boolean {
  return /^(?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n]*)*$/.test(source);
}

/** The line of `needle`'s first occurrence at or after line `from` of `text`, else `from`. */
function lineOf(text: string, needle: string, from: number): number {
  const start = text.split('\n').slice(0, from - 1).join('\n').length;
  const at = text.indexOf(needle, start);
  return at < 0 ? from : text.slice(0, at).split('\n').length;
}
