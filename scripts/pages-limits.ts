/**
 * `npm run pages:check [-- DIR]` — whether the built site (DIR, else OUT_DIR, else dist) can be
 * deployed to GitHub Pages: its artifact within 1 GB and no file over 100 MB. Exits 1 and names
 * the files to blame when not. The deploy workflow runs it before it uploads; the build runs the
 * same check at its end. All the work is in src/build/pages-limits.ts.
 */
import { statSync } from 'node:fs';
import { outDirOf } from '../src/build/output-dirs.ts';
import { checkPagesLimits, describeVerdict, listSite } from '../src/build/pages-limits.ts';
import { readArguments } from '../src/lib/cli.ts';

const USAGE = `npm run pages:check [-- DIR]

Whether the built site (DIR, else OUT_DIR, else dist) can be deployed to GitHub Pages: its
artifact within 1 GB and no file over 100 MB. Exits 1 and names the files to blame when not.

  --help    print this`;

const { positionals } = readArguments('pages:check', USAGE, {});
if (positionals.length > 1) {
  console.error(`pages: one folder to check, not ${positionals.length} (${positionals.join(', ')})`);
  process.exit(1);
}
const dir = positionals[0] || outDirOf();
const kind = statSync(dir, { throwIfNoEntry: false });
if (!kind?.isDirectory()) {
  console.error(kind ? `pages: ${dir} is a file; give the folder of the built site (dist)` : `pages: ${dir}/ not found; build the site first (npm run build).`);
  process.exit(1);
}
const verdict = checkPagesLimits(listSite(dir));
if (verdict.ok) console.log(`pages: ${describeVerdict(verdict, dir)}`);
else console.error(`pages: ${describeVerdict(verdict, dir)}`);
process.exitCode = verdict.ok ? 0 : 1;
