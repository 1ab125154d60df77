import { parse, stringify } from 'yaml';
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

/** Splits a paper file into its parsed frontmatter and its body, byte for byte. */
export function parsePaperFile(text: string): PaperFile {
  const match = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(text);
  if (!match) throw new Error('no frontmatter: the file must start with a --- line and close it with another');
  return { data: parse(match[1]!), body: text.slice(match[0].length) };
}

/** Whether a person has written anything in the body. */
export function hasNotes(body: string): boolean {
  return body.trim().length > 0;
}
