/**
 * Two clean builds of the same catalog give byte-identical sites: the same files, with the
 * same bytes. Each build runs in its own fresh project copy (no Astro cache, different
 * folders, different output paths), with the same SITE_URL, as two CI runs would; the
 * second on a machine set to another time zone and locale (Turkish: its own case rules and
 * collation). A difference means something depends on time, order of work, or the machine.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { buildSite, filesUnder, type BuiltSite } from '../support/site-build.ts';
import { repoRoot } from '../support/repo.ts';

const sites: BuiltSite[] = [];
// Removing two whole project copies can take longer than the default 10 s on a busy shared disk.
afterAll(() => sites.forEach((site) => site.remove()), 60_000);

const digest = (site: BuiltSite) =>
  Object.fromEntries(filesUnder(site.dist).map((file) => [file, createHash('sha256').update(readFileSync(join(site.dist, file))).digest('hex')]));

it('two clean builds of content/ are byte-identical', async () => {
  const options = { content: join(repoRoot, 'content'), siteUrl: 'https://example.github.io', basePath: '/shelfmark/' };
  // One after the other: in parallel on a small CI machine they would take as long, and time out sooner.
  sites.push(await buildSite(options));
  sites.push(await buildSite({ ...options, env: { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' } }));
  const [first, second] = sites.map(digest);
  expect(Object.keys(first!).length).toBeGreaterThan(400);
  expect(Object.keys(second!)).toEqual(Object.keys(first!));
  const differing = Object.keys(first!).filter((file) => first![file] !== second![file]);
  expect(differing).toEqual([]);
}, 240_000);
