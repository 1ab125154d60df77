/**
 * Broken input, as people meet it: `node scripts/ingest.ts` in a throwaway copy of the
 * fixture project. Adds to ingest-cli.test.ts (a title without abstract at the end of a
 * line-layout file, bad UTF-8, a broken themes.yaml, --strict) what it leaves out: binary
 * and empty files, UTF-16, files in neither layout, a damaged paper file, several problems
 * at once, and orphaned papers. Every problem is one `file:line: severity: message` line,
 * never a stack trace; whenever the result would be wrong the exit code is 1 and
 * content/papers/ is left exactly as it was.
 */
import { appendFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyProject, ingestedFixtureProject, lineOf, papersOf, runIngest, snapshotDir, type RunResult } from '../support/fixtures.ts';
import { fixturesDir } from '../support/repo.ts';

const sourcesOf = (root: string) => join(root, 'content/sources');
const ABSTRACT = 'An abstract long enough to be read as an abstract, about attention and flows.';

/** Lines that look like stack-trace frames, or the name of an error class with a colon. */
const stackTrace = (output: string) => output.split('\n').filter((l) => /^\s+at\s|^\w*Error:|node:internal/.test(l));
/** Every line of stderr is a diagnostic (`file:line: severity: …`, or `file: …` for a whole file) or the closing summary. */
function expectOnlyDiagnostics({ stderr }: RunResult) {
  const lines = stderr.trimEnd().split('\n');
  for (const line of lines) expect(line).toMatch(/^(?:content\/[^\s:]+(?::\d+)?: (?:error|warning): \S.*|ingest: stopped with \d+ problem\(s\) above; content\/papers\/ was not changed\.)$/);
  expect(stackTrace(stderr)).toEqual([]);
}

const baseline = ingestedFixtureProject();

/** A copy of the ingested fixture project; `bad` files are added to content/sources/. */
function projectWith(bad: Record<string, string | Uint8Array> = {}) {
  const root = copyProject(baseline());
  for (const [name, content] of Object.entries(bad)) writeFileSync(join(sourcesOf(root), name), content);
  return { root, before: snapshotDir(papersOf(root)) };
}

describe('a listing that is not text', () => {
  it('an image saved by mistake is named for what it is, whatever the file is called; exit 1, nothing written', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const { root, before } = projectWith({ 'c-screenshot.txt': png });
    const result = runIngest(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^content\/sources\/c-screenshot\.txt: error: this is a PNG image, not a source file/m);
    expectOnlyDiagnostics(result);
    expect(snapshotDir(papersOf(root))).toEqual(before);
  });

  it('a listing saved as UTF-16 with its byte-order mark (Windows "Unicode") is read as the text it is', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(`A Title\n${ABSTRACT}\n`, 'utf16le'))]);
    const { root } = projectWith({ 'c-utf16.txt': utf16 });
    const result = runIngest(root);
    expect(result.status).toBe(0);
    expect(readFileSync(join(papersOf(root), 'a-title.mdx'), 'utf8')).toContain(`abstract: "${ABSTRACT}"`);
  });

  it('UTF-16 without a byte-order mark is refused, not read as garbage', () => {
    const utf16 = new Uint8Array(Buffer.from(`A Title\n${ABSTRACT}\n`, 'utf16le'));
    const { root, before } = projectWith({ 'c-utf16.txt': utf16 });
    const result = runIngest(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^content\/sources\/c-utf16\.txt:1: error: /m);
    expectOnlyDiagnostics(result);
    expect(snapshotDir(papersOf(root))).toEqual(before);
  });

  it('invalid UTF-8 further down a file is named at its line', () => {
    const bytes = new Uint8Array([...Buffer.from(`A Title\n${ABSTRACT}\nAnother Title\nAn abstract with a stray byte `), 0xff, ...Buffer.from(' in it, which is no UTF-8.\n')]);
    const { root } = projectWith({ 'c-bad-byte.txt': bytes });
    const result = runIngest(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^content\/sources\/c-bad-byte\.txt:4: error: .*UTF-8/m);
    expectOnlyDiagnostics(result);
  });
});

describe('a listing with nothing to read', () => {
  it('an empty file is an error for the whole file: exit 1, the catalog unchanged', () => {
    const { root, before } = projectWith({ 'c-empty.txt': '\n\n  \n' });
    const result = runIngest(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^content\/sources\/c-empty\.txt: error: /m);
    expectOnlyDiagnostics(result);
    expect(snapshotDir(papersOf(root))).toEqual(before);
  });

  it('a listing emptied by a failed save is an error, and its papers keep their pages', () => {
    const { root, before } = projectWith();
    const listing = readdirSync(sourcesOf(root)).find((name) => name.endsWith('.txt'))!;
    writeFileSync(join(sourcesOf(root), listing), '');
    const result = runIngest(root);
    expect(result.status).toBe(1);
    expectOnlyDiagnostics(result);
    expect(snapshotDir(papersOf(root))).toEqual(before);
  });

  it('a file in neither layout (a to-do list) is one error at its first line; exit 1', () => {
    const notes = readFileSync(join(fixturesDir, 'listings/not-a-listing.txt'), 'utf8');
    const { root, before } = projectWith({ 'c-notes.txt': notes });
    const result = runIngest(root);
    expect(result.status).toBe(1);
    expect(result.stderr.match(/c-notes\.txt/g)).toHaveLength(1);
    expect(result.stderr).toMatch(/^content\/sources\/c-notes\.txt:1: error: /m);
    expectOnlyDiagnostics(result);
    expect(snapshotDir(papersOf(root))).toEqual(before);
  });

  it('a block-layout file whose last title has no abstract is an error at that title', () => {
    const text = `First Title\n\n${ABSTRACT}\n\n  • 3 authors\n·\nDec 8, 2024\n\nThe Last Title\n\n`;
    const { root, before } = projectWith({ 'c-truncated.txt': text });
    const result = runIngest(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`content/sources/c-truncated.txt:${lineOf(text, 'The Last Title')}: error: `);
    expectOnlyDiagnostics(result);
    expect(snapshotDir(papersOf(root))).toEqual(before);
  });
});

describe('several problems at once', () => {
  it('are all reported, one line each, and nothing is written', () => {
    const { root, before } = projectWith({
      'c-binary.txt': new Uint8Array([0x41, 0x00, 0x42]),
      'd-notes.txt': 'to do\nsort the papers\n',
      'e-truncated.txt': `A Title\n${ABSTRACT}\nThe Last Title\n`,
      'f-good.txt': `A Good New Paper\n${ABSTRACT}\n`,
    });
    const result = runIngest(root);
    expect(result.status).toBe(1);
    for (const file of ['c-binary.txt:1', 'd-notes.txt:1', 'e-truncated.txt:3']) expect(result.stderr).toContain(`content/sources/${file}: error: `);
    expectOnlyDiagnostics(result);
    expect(snapshotDir(papersOf(root))).toEqual(before);
  });
});

describe('a damaged paper file', () => {
  it('frontmatter YAML broken by hand is one line at the line of the damage; exit 1, nothing written', () => {
    const { root, before } = projectWith();
    const file = readdirSync(papersOf(root)).find((f) => f.endsWith('.mdx'))!;
    const path = join(papersOf(root), file);
    const text = readFileSync(path, 'utf8').replace(/^title: (.*)$/m, 'title: $1\n  oops: [unclosed');
    writeFileSync(path, text);
    const broken = { ...before, [file]: Buffer.from(text).toString('latin1') };
    const result = runIngest(root);
    expect(result.status).toBe(1);
    // The YAML parser notices the damage on the line after the title, where the mapping goes wrong.
    expect(result.stderr).toContain(`content/papers/${file}:${lineOf(text, 'oops: [unclosed')}: error: `);
    expectOnlyDiagnostics(result);
    expect(snapshotDir(papersOf(root))).toEqual(broken);
  });
});

describe('papers that leave every listing', () => {
  /** A project whose extra listing added two papers, one of which a person then wrote notes in. */
  function withOrphans() {
    const { root } = projectWith({ 'c-extra.txt': `Orphan With Notes\n${ABSTRACT} One.\nOrphan Without Notes\n${ABSTRACT} Two.\n` });
    expect(runIngest(root).status).toBe(0);
    const notes = join(papersOf(root), 'orphan-with-notes.mdx');
    appendFileSync(notes, '\nWorth keeping: {/* an MDX comment */} <b>notes</b>.\n');
    rmSync(join(sourcesOf(root), 'c-extra.txt'));
    return { root, notes, kept: readFileSync(notes, 'utf8') };
  }

  it('one with notes is kept byte for byte and reported; one without is removed', () => {
    const { root, notes, kept } = withOrphans();
    const result = runIngest(root);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^content\/papers\/orphan-with-notes\.mdx: warning: .*no listing/m);
    expectOnlyDiagnostics(result);
    expect(readFileSync(notes, 'utf8')).toBe(kept);
    expect(readdirSync(papersOf(root))).not.toContain('orphan-without-notes.mdx');
    expect(result.stdout).toContain('removed 1.');
  });

  it('--strict stops on the orphan and changes nothing, not even the removal', () => {
    const { root } = withOrphans();
    const before = snapshotDir(papersOf(root));
    const result = runIngest(root, '--strict');
    expect(result.status).toBe(1);
    expectOnlyDiagnostics(result);
    expect(snapshotDir(papersOf(root))).toEqual(before);
  });
});
