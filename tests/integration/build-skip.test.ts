/**
 * A rebuild with nothing changed is skipped, and anything that changes what the site is made of,
 * or damages what it made, builds it again. One small catalog, built in its own project copy.
 */
import { appendFileSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildSite, type BuiltSite } from '../support/site-build.ts';
import { repoRoot } from '../support/repo.ts';

let site: BuiltSite;
beforeAll(async () => {
  site = await buildSite({ content: join(repoRoot, 'tests/fixtures/project/content') });
}, 120_000);
afterAll(() => site?.remove());

// Astro's own last words (its log may be coloured); a skipped build never starts it.
// eslint-disable-next-line no-control-regex
const built = (output: string) => output.replace(/\x1b\[[0-9;]*m/g, '').includes('[build] Complete!');
const skipped = (output: string) => output.includes('nothing changed since the last build');

it('skips a rebuild with nothing changed, and leaves the site as it was', async () => {
  expect(built(site.output)).toBe(true);
  const before = statSync(join(site.dist, 'index.html')).mtimeMs;
  const output = await site.build();
  expect(skipped(output)).toBe(true);
  expect(built(output)).toBe(false);
  expect(statSync(join(site.dist, 'index.html')).mtimeMs).toBe(before);
}, 120_000);

it('builds again when a note is written on a paper', async () => {
  const papers = join(site.content, 'papers');
  const file = join(papers, readdirSync(papers).filter((n) => n.endsWith('.mdx')).sort()[0]!);
  appendFileSync(file, '\nA note written after the first build.\n');
  const output = await site.build();
  expect(built(output)).toBe(true);
  const id = file.split('/').pop()!.replace(/\.mdx$/, '');
  expect(readFileSync(join(site.dist, 'papers', id, 'index.html'), 'utf8')).toContain('A note written after the first build.');
  // And the build after that is skipped again: the stamp is taken after the ingest's own writes.
  expect(skipped(await site.build())).toBe(true);
}, 180_000);

it('builds again when the output was damaged, or when asked to', async () => {
  rmSync(join(site.dist, 'index.html'));
  expect(built(await site.build())).toBe(true);
  expect(statSync(join(site.dist, 'index.html')).size).toBeGreaterThan(0);
  expect(built(await site.build(['--force']))).toBe(true);
}, 180_000);
