/**
 * `npm run fetch -- SPEC… [--from FILE] [--new-only] [--max-pages N] [--timeout SECONDS]`
 * saves Hugging Face, arXiv, Zotero, OpenAlex and Crossref API responses into content/sources/ (see README, "Fetching
 * papers"). All the work is in src/fetch/; this file reads flags, prints and sets the exit code.
 */
import { readFileSync } from 'node:fs';
import { systemClock } from '../src/fetch/clock.ts';
import { failureLine, FetchError } from '../src/fetch/errors.ts';
import { runFetch } from '../src/fetch/run.ts';
import { DEFAULT_SETTINGS } from '../src/fetch/settings.ts';
import { MAX_IDS, specLines } from '../src/fetch/spec.ts';
import { readArguments } from '../src/lib/cli.ts';
import { contentPaths, shownPaths } from '../src/lib/content-dir.ts';
import { typedNumber } from '../src/lib/numbers.ts';

const paths = contentPaths(process.cwd());
const sources = shownPaths(paths).sources;

const USAGE = `npm run fetch -- SPEC… [options]

Saves Hugging Face, arXiv, Zotero, OpenAlex and Crossref API responses, byte for byte, into ${sources} with their
entries in sources.yaml; \`npm run ingest\` then puts their papers in the catalog. One run is
all or nothing. The only command that goes on the network.

  hf:daily:2025-12-11 | hf:daily:yesterday   a day of Hugging Face Daily Papers
  hf:week:2025-W50                           an ISO week of them
  hf:search:"flow matching"                  a Hugging Face Papers search
  hf:collection:lab/ssm-reading-6650a0       a Hugging Face collection (or its URL),
                                             then its papers from arXiv
  arxiv:2312.00752,2405.21060                arXiv papers by id (up to ${MAX_IDS})
  arxiv:query:ti:"rectified flow"            an arXiv search, newest first
  zotero:groups/4530458                      a Zotero library: groups/ID or users/ID,
                                             /collections/KEY for one collection, or a
                                             group's URL; ZOTERO_API_KEY for a private one
  openalex:search:"state space models"       an OpenAlex works search, most relevant first
  openalex:filter:publication_year:2024      OpenAlex works by filter (KEY:VALUE, commas
                                             between), newest first
  crossref:10.1162/neco.1997.9.8.1735        Crossref works by DOI (up to ${MAX_IDS})
  crossref:query:"long short-term memory"    a Crossref works search, most relevant first

  --from FILE        specs from a file, one a line, # for comments
  --new-only         leave out papers the catalog already has
  --max-pages N      pages of a day, week, search or library (${DEFAULT_SETTINGS.maxPages} by default)
  --timeout SECONDS  for each attempt, body included (${DEFAULT_SETTINGS.timeoutMs / 1000} by default)
  --help             print this`;

const { values, positionals } = readArguments('fetch', USAGE, { from: { type: 'string' }, 'new-only': { type: 'boolean', default: false }, 'max-pages': { type: 'string' }, timeout: { type: 'string' } });

async function main(): Promise<number> {
  const specs = positionals.map((text) => ({ text }));
  if (values.from) {
    let text: string;
    try {
      text = readFileSync(values.from, 'utf8');
    } catch (e) {
      throw new FetchError(`--from ${values.from}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    }
    specs.push(...specLines(text).map(({ text, line }) => ({ text, where: `${values.from}:${line}` })));
  }
  // NaN for anything but decimal digits, which the settings refuse.
  const number = (value: string | undefined) => (value === undefined ? undefined : typedNumber(value, { fraction: true }));
  const { lines, added } = await runFetch(
    { specs, newOnly: values['new-only'], maxPages: number(values['max-pages']), timeoutSeconds: number(values.timeout) },
    { paths, env: process.env, clock: systemClock, log: (line) => console.error(line) },
  );
  for (const line of lines) console.log(line);
  console.log(added.length > 0 ? `added ${added.length} file(s) to ${sources} and sources.yaml; run \`npm run ingest\` to put their papers in the catalog.` : `${sources} was not changed.`);
  return 0;
}

try {
  process.exitCode = await main();
} catch (e) {
  console.error(failureLine(e, sources));
  process.exitCode = 1;
}
