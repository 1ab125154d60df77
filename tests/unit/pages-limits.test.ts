import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifactBytes, checkPagesLimits, describeVerdict, listSite, PAGES_LIMITS, type PagesLimits } from '../../src/build/pages-limits.ts';
import { temporaryFolders } from '../support/fixtures.ts';

const tempDir = temporaryFolders('shelfmark-pages-limits-');

/** A site folder holding `files` (relative path → size in bytes). */
function site(files: Record<string, number>): string {
  const root = tempDir();
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), Buffer.alloc(bytes, 'a'));
  }
  return root;
}

/** The tar `actions/upload-pages-artifact` makes of `dir`, measured. */
function uploadedTarBytes(dir: string): number {
  const tar = join(tempDir(), 'artifact.tar');
  execFileSync('tar', ['--dereference', '--hard-dereference', '--directory', dir, '-cf', tar, '--exclude=.git', '--exclude=.github', '.']);
  return statSync(tar).size;
}

const tiny: PagesLimits = { artifactBytes: 40_000, fileBytes: 10_000 };

describe('listSite', () => {
  it('lists folders and files in sorted order, following links and leaving out .git and .github', () => {
    const dir = site({ 'b.html': 3, 'a/index.html': 5, '.git/HEAD': 7, 'a/.github/x': 9 });
    symlinkSync(join(dir, 'b.html'), join(dir, 'c.html'));
    expect(listSite(dir)).toEqual([
      { path: 'a/', bytes: 0 },
      { path: 'a/index.html', bytes: 5 },
      { path: 'b.html', bytes: 3 },
      { path: 'c.html', bytes: 3 },
    ]);
  });
});

describe('artifactBytes', () => {
  it('is the size of the tar the deploy uploads, headers, long names, links and padding included', () => {
    const long = `papers/${'a-very-long-paper-slug-'.repeat(6)}/index.html`;
    const dir = site({ 'index.html': 1, 'empty.txt': 0, 'papers/x/index.html': 513, [long]: 20_000, 'cards/site.png': 4096, '.git/config': 100 });
    symlinkSync(join(dir, 'index.html'), join(dir, 'linked.html'));
    expect(artifactBytes(listSite(dir))).toBe(uploadedTarBytes(dir));
  });

  it('counts names of 100 bytes and more twice over, as GNU tar writes a long-name entry for them', () => {
    // "./" + 97 bytes fits the header's name field; "./" + 98 does not. Twenty of them fill two 10,240-byte records.
    const many = (length: number) => artifactBytes(Array.from({ length: 20 }, (_, i) => ({ path: `${i}`.padStart(length, 'x'), bytes: 1 })));
    expect(many(98) - many(97)).toBe(20 * 1024);
  });
});

describe('checkPagesLimits', () => {
  it('passes a site within both limits, and says what it weighs', () => {
    const verdict = checkPagesLimits(listSite(site({ 'index.html': 2_000, 'papers/a/index.html': 9_000 })), tiny);
    expect(verdict).toMatchObject({ ok: true, files: 2, siteBytes: 11_000, oversized: [] });
    expect(verdict.largest[0]).toEqual({ path: 'papers/a/index.html', bytes: 9_000 });
    expect(describeVerdict(verdict, 'dist')).toMatch(/^dist\/ fits GitHub Pages: 2 files, 0\.0 MB; .*largest file papers\/a\/index\.html/);
  });

  it('fails a site with a file over the per-file limit, naming the file', () => {
    const verdict = checkPagesLimits(listSite(site({ 'index.html': 100, 'shelfmark-offline.zip': 10_001 })), tiny);
    expect(verdict.ok).toBe(false);
    expect(verdict.oversized).toEqual([{ path: 'shelfmark-offline.zip', bytes: 10_001 }]);
    expect(describeVerdict(verdict, 'dist')).toContain('One file is over the 0.0 MB a file may have:\n  shelfmark-offline.zip');
  });

  it('fails a site whose artifact passes the total, though every file is within its limit, naming the largest files', () => {
    const files = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`papers/p${i}/index.html`, 7_000 + i]));
    const verdict = checkPagesLimits(listSite(site(files)), tiny);
    expect(verdict.oversized).toEqual([]);
    expect(verdict.ok).toBe(false);
    const message = describeVerdict(verdict, 'dist');
    expect(message).toMatch(/^dist\/ is too large for GitHub Pages: 6 files/);
    expect(message).toContain('The largest files:\n  papers/p5/index.html');
  });

  it('counts the tar, not the file sizes: many small files fail where their sum alone would pass', () => {
    const files = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`p${i}.html`, 10]));
    const verdict = checkPagesLimits(listSite(site(files)), tiny);
    expect(verdict.siteBytes).toBe(600);
    expect(verdict.ok).toBe(false);
  });

  it('holds sites to 1 GB and 100 MB by default', () => {
    expect(PAGES_LIMITS).toEqual({ artifactBytes: 1_000_000_000, fileBytes: 100_000_000 });
  });
});
