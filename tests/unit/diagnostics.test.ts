import { describe, expect, it } from 'vitest';
import { error, formatDiagnostic, formatDiagnostics, SHOWN_DIAGNOSTICS, warning } from '../../src/ingest/diagnostics.ts';

describe('printing diagnostics', () => {
  it('is file:line: severity: message, or file: when the problem is the whole file', () => {
    expect(formatDiagnostic(warning('content/sources/a.txt', 12, 'this title has no abstract'))).toBe('content/sources/a.txt:12: warning: this title has no abstract');
    expect(formatDiagnostic(error('content/themes.yaml', 0, 'is empty'))).toBe('content/themes.yaml: error: is empty');
  });

  it('a title quoted in a message cannot drive the terminal: escape sequences are dropped, line breaks become spaces', () => {
    const title = 'Evil \x1b]0;pwned\x07\x1b[2K\x1b[1A\x1b[32mingest: all good\x1b[0m';
    const line = formatDiagnostic(error('a.txt', 3, `the title "${title}" has\nno abstract`));
    expect(line).not.toMatch(/[\x00-\x08\x0a-\x1f\x7f]/);
    expect(line).toBe('a.txt:3: error: the title "Evil ]0;pwned[2K[1A[32mingest: all good[0m" has no abstract');
  });

  it(`prints the first ${SHOWN_DIAGNOSTICS} problems and counts the rest`, () => {
    const many = Array.from({ length: SHOWN_DIAGNOSTICS + 5 }, (_, i) => error('a.json', i + 1, 'not a paper'));
    const lines = formatDiagnostics(many);
    expect(lines).toHaveLength(SHOWN_DIAGNOSTICS + 1);
    expect(lines.at(-2)).toBe(`a.json:${SHOWN_DIAGNOSTICS}: error: not a paper`);
    expect(lines.at(-1)).toBe('… and 5 more problem(s) like these (5 error(s), 0 warning(s)), not shown; fix the ones above and run again.');
    expect(formatDiagnostics(many.slice(0, 3))).toHaveLength(3);
  });

  it('errors come before warnings, so the problem that stopped the run is never the one cut off', () => {
    const warnings = Array.from({ length: SHOWN_DIAGNOSTICS + 50 }, (_, i) => warning('a.txt', i + 1, 'short abstract'));
    const lines = formatDiagnostics([...warnings, error('content/curation.yaml', 3, 'no such theme')]);
    expect(lines[0]).toBe('content/curation.yaml:3: error: no such theme');
    expect(lines.at(-1)).toMatch(/^… and 51 more problem\(s\) like these \(0 error\(s\), 51 warning\(s\)\)/);
  });
});
