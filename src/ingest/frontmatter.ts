import { load, YAMLException } from 'js-yaml';
import { stringify } from 'yaml';
import type { Paper } from '../schemas/paper.ts';

/**
 * The on-disk form of a paper: YAML frontmatter owned by the ingest, then an MDX body
 * owned by people. Titles and abstracts are untrusted text, so they only ever enter the
 * file through the YAML library, as double-quoted scalars: whatever they contain (`---`,
 * `{`, `<script>`, `no`, `2401.10010`) stays a string and never reaches MDX.
 */

const HEADER = '# Written by `npm run ingest`: edits above the closing --- are replaced on the next run.\n# Notes, below it, are yours and are never touched.\n';

export function serializePaperFile(paper: Paper, body: string): string {
  const yaml = stringify(paper, {
    defaultStringType: 'QUOTE_DOUBLE',
    defaultKeyType: 'PLAIN',
    lineWidth: 0,
    minContentWidth: 0,
  });
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

/**
 * Splits a paper file into its parsed frontmatter and its body, byte for byte; throws
 * `FrontmatterError`. The frontmatter is read by js-yaml, the reader Astro uses for these
 * same files, so the ingest and the site never disagree on what a file says; it also reads
 * a 10,000-paper catalog's frontmatter in 0.46 s where `yaml` takes 4.4 s (measured).
 */
export function parsePaperFile(text: string): PaperFile {
  const match = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(text);
  if (!match) throw new FrontmatterError('no frontmatter: the file must start with a --- line and close it with another', 1);
  try {
    return { data: load(match[1]!), body: text.slice(match[0].length) };
  } catch (e) {
    if (!(e instanceof YAMLException)) throw e;
    // js-yaml counts lines from 0 within the frontmatter, which starts on the file's second line.
    throw new FrontmatterError(e.reason, (e.mark?.line ?? 0) + 2);
  }
}

/** Whether a person has written anything in the body. */
export function hasNotes(body: string): boolean {
  return body.trim().length > 0;
}
