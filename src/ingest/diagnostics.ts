/**
 * What the ingest tells people about their input. Every message names a file and a line,
 * so a problem in a listing of thousands of lines can be found and fixed.
 */

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

/** `file:line: warning: message`, the shape editors and CI logs turn into links. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}` : d.file;
  return `${where}: ${d.severity}: ${d.message}`;
}

/** Thrown to stop the ingest with diagnostics already collected; never shown as a stack trace. */
export class IngestError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'IngestError';
    this.diagnostics = diagnostics;
  }
}
