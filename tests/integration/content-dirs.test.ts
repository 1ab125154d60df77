/**
 * One project, two content folders built in turn (CONTENT_DIR), as a person does who tries
 * changes out on a copy of the catalog: each site is made from its own folder's files only.
 */
import { appendFileSync, cpSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildSite, pageAt, type BuiltSite } from '../support/site-build.ts';
import { repoRoot } from '../support/repo.ts';

let site: BuiltSite;
beforeAll(async () => {
  site = await buildSite({ content: join(repoRoot, 'tests/fixtures/project/content') });
}, 120_000);
afterAll(() => site?.remove());

it("a copy of the catalog shows its own notes, not the original's, and builds after the original is moved away", async () => {
  const papers = join(site.content, 'papers');
  const name = readdirSync(papers).filter((n) => n.endsWith('.mdx')).sort()[0]!;
  const id = name.replace(/\.mdx$/, '');
  appendFileSync(join(papers, name), '\nNotes the two folders share.\n');
  await site.build();
  // The copy's files are the same bytes as the original's, so Astro would find them in its cache.
  const copy = join(site.root, 'copy');
  cpSync(site.content, copy, { recursive: true });
  const fromCopy = { CONTENT_DIR: copy, OUT_DIR: 'dist-copy' };
  await site.build([], fromCopy);
  const file = join(papers, name);
  writeFileSync(file, readFileSync(file, 'utf8').replace('Notes the two folders share.', 'Notes written in the original only.'));
  await site.build(['--force'], fromCopy);
  expect(pageAt(join(site.root, 'dist-copy'), `papers/${id}/`)).toContain('Notes the two folders share.');
  expect(pageAt(join(site.root, 'dist-copy'), `papers/${id}/`)).not.toContain('in the original only');

  renameSync(site.content, `${site.content}-moved`);
  // Astro's log may be coloured.
  // eslint-disable-next-line no-control-regex
  expect((await site.build(['--force'], fromCopy)).replace(/\x1b\[[0-9;]*m/g, '')).toContain('[build] Complete!');
}, 300_000);
