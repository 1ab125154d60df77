/**
 * What the ingest tells people about their input. Every message names a file and a line,
 * so a problem in a listing of thousands of lines can be found and fixed.
 */
import { oneLine } from '../lib/format.ts';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Path of the file, relative to the project root where possible. */
  file: string;
  /** 1-based line, or 0 when the problem is with the file as a whole. */
  line: number;
  /** What is wrong and what to do about it, in one sentence. */
  message: string;
}

export const error = (file: string, line: number, message: string): Diagnostic => ({ severity: 'error', file, line, message });
export const warning = (file: string, line: number, message: string): Diagnostic => ({ severity: 'warning', file, line, message });

/**
 * `file:line: warning: message`, the shape editors and CI logs turn into links. Messages quote
 * titles, keys and file names from the input, so control characters are dropped and line
 * breaks become spaces: a title cannot move the cursor, recolour or rewrite what the terminal shows.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}` : d.file;
  return oneLine(`${where}: ${d.severity}: ${d.message}`);
}

/** Problems beyond this many are counted, not printed: a broken file of 60,000 rows needs its first errors, not all. */
export const SHOWN_DIAGNOSTICS = 200;

/**
 * The lines to print for `diagnostics`: errors first, since they are what stopped the run, then
 * warnings, each in file order; at most `SHOWN_DIAGNOSTICS`, then how many more there are.
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string[] {
  const ordered = [...diagnostics.filter((d) => d.severity === 'error'), ...diagnostics.filter((d) => d.severity !== 'error')];
  const lines = ordered.slice(0, SHOWN_DIAGNOSTICS).map(formatDiagnostic);
  const hidden = ordered.slice(SHOWN_DIAGNOSTICS);
  if (hidden.length > 0) {
    const errors = hidden.filter((d) => d.severity === 'error').length;
    lines.push(`… and ${hidden.length} more problem(s) like these (${errors} error(s), ${hidden.length - errors} warning(s)), not shown; fix the ones above and run again.`);
  }
  return lines;
}

/** Thrown to stop the ingest with diagnostics already collected; never shown as a stack trace. */
export class IngestError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(formatDiagnostics(diagnostics).join('\n'));
    this.name = 'IngestError';
    this.diagnostics = diagnostics;
  }
}

/**
 * What a content script (`ingest`, `themes:*`) prints when `e` stopped it: an ingest error's
 * diagnostics a line each, anything else one line under the command's name, never a stack trace.
 */
export function failureMessage(command: string, e: unknown): string {
  return e instanceof IngestError ? e.message : `${command}: ${oneLine((e as Error).message)}`;
}
