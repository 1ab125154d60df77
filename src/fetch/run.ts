/**
 * `npm run fetch`, start to end: read the specs and the folder, fetch each spec's pages one
 * request at a time, keep what is new, then write it all at once. Nothing touches
 * `content/sources/` until every spec has been fetched and read, so a failure anywhere
 * leaves it as it was.
 */
import type { ContentPaths } from '../lib/content-dir.ts';
import { arxivKey, doiKey } from '../lib/ids.ts';
import type { SourceRecord } from '../ingest/sources/record.ts';
import { utcDay, type Clock } from './clock.ts';
import { FetchError } from './errors.ts';
import { createHttpClient } from './http.ts';
import { isKnown, knownPapers, noPapers } from './known.ts';
import { fetchPages, paperKey } from './pages.ts';
import { fetchSettings, pageLimit, type FetchSettings, type SettingsOptions } from './settings.ts';
import { nameNewSources, readSourcesFolder, saveNewSources, type NewSource } from './save.ts';
import { collectionIdSpecs, parseSpec, serviceOf, specText, type FetchSpec } from './spec.ts';
import { serviceBases, serviceHeaders, ZOTERO_KEY_ENV } from './urls.ts';

export interface FetchRequest extends SettingsOptions {
  /** Spec texts, each with where it was written (`content/refresh.txt:3`) when not on the command line. */
  specs: readonly { text: string; where?: string | undefined }[];
  /** Skip arXiv ids the catalog has, and responses with no paper it lacks (by arXiv id, DOI or title). */
  newOnly: boolean;
}

export interface FetchContext {
  paths: ContentPaths;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  /** Progress and retries, as they happen. */
  log: (line: string) => void;
  /** The WHATWG `fetch`. */
  send?: typeof fetch;
}

/** What a run did: a line per spec, and the files added. */
export interface FetchReport {
  lines: string[];
  added: NewSource[];
}

/** Runs a fetch; throws `FetchError` (or a disk error) with `content/sources/` unchanged. */
export async function runFetch(request: FetchRequest, context: FetchContext): Promise<FetchReport> {
  const { paths, env, clock, log } = context;
  const today = utcDay(clock.now());
  if (request.specs.length === 0) throw new FetchError('nothing to fetch: name a spec such as hf:daily:yesterday or arxiv:2312.00752, or --from a file of them');
  const specs = request.specs.map(({ text, where }) => {
    try {
      return parseSpec(text, today);
    } catch (e) {
      if (e instanceof FetchError && where) throw new FetchError(`${where}: ${e.message}`);
      throw e;
    }
  });
  const bases = serviceBases(env);
  const settings = fetchSettings(request, env, bases.arxiv);
  const folder = readSourcesFolder(paths);
  const known = request.newOnly ? knownPapers(paths) : noPapers();
  const http = createHttpClient(settings, clock, log, context.send, serviceHeaders(env, bases));

  const lines: string[] = [];
  const added: NewSource[] = [];
  // Appended to as it goes: a collection's papers are fetched from arXiv after it.
  const queue = [...specs];
  for (const asked of queue) {
    const spec: FetchSpec = asked.source === 'arxiv-ids' ? { ...asked, ids: asked.ids.filter((id) => !known.arxivIds.has(id)) } : asked;
    const name = specText(asked);
    if (spec.source === 'arxiv-ids' && spec.ids.length === 0) {
      lines.push(`${name}: every paper is in the catalog already; nothing fetched`);
      continue;
    }
    log(`${name}: fetching…`);
    const { pages, more, short } = await fetchPagesOf(spec, http, settings, bases);
    const records = [...new Map(pages.flatMap((page) => page.records).map((record) => [paperKey(record), record])).values()];
    const fresh = records.filter((record) => !isKnown(known, record));
    // A collection names its papers but holds no abstract or author: arXiv's answer for the same ids does.
    // (`known` is empty without --new-only.)
    if (spec.source === 'hf-collection') queue.push(...collectionIdSpecs(spec.slug, records.flatMap((r) => (r.arxivId && !known.arxivIds.has(r.arxivId) ? [r.arxivId] : []))));
    // A page that came back short of what the service said it has: the rest is there to fetch later, not gone.
    const limit = more ? ` (${stoppedAt(spec, settings)})` : short ? ` (the service said it has ${short.total} and its pages gave ${short.got}; fetch again later for the rest)` : '';
    // DOIs and arXiv ids asked for and not answered (a typo, or a DOI another agency registers, as
    // arXiv's and Zotero's are) are named, not lost in silence.
    const missing = unansweredIds(spec, records);
    if (pages.length === 0) {
      lines.push(`${name}: no papers; nothing saved${missing}`);
    } else if (request.newOnly && fresh.length === 0) {
      lines.push(`${name}: ${count(records.length, 'paper')}, all in the catalog already; nothing saved${limit}${missing}`);
    } else {
      // With --new-only, a page of papers the catalog all has is not saved, whatever the other pages hold.
      const sources = nameNewSources(spec, pages.map((page) => page.bytes), folder, (index) => !request.newOnly || pages[index]!.records.some((record) => !isKnown(known, record)));
      added.push(...sources);
      const saved = sources.length > 0 ? `saved ${sources.map((s) => s.file).join(', ')}` : 'the same bytes are saved already; nothing saved';
      lines.push(`${name}: ${count(records.length, 'paper')} on ${count(pages.length, 'page')}${request.newOnly ? `, ${fresh.length} new` : ''}; ${saved}${limit}${missing}`);
    }
  }
  if (added.length > 0) saveNewSources(paths, added, folder, today);
  return { lines, added };
}

/** What a list of ids asked for and the answer left out, as the end of the spec's line ("; arXiv has no paper for …"), or "". */
function unansweredIds(spec: FetchSpec, records: readonly SourceRecord[]): string {
  let unanswered: string[] = [];
  if (spec.source === 'crossref-dois') {
    const answered = new Set(records.flatMap((r) => (r.doi ? [doiKey(r.doi)] : [])));
    unanswered = spec.dois.filter((d) => !answered.has(doiKey(d)));
  } else if (spec.source === 'arxiv-ids') {
    const answered = new Set(records.flatMap((r) => (r.arxivId ? [arxivKey(r.arxivId)] : [])));
    unanswered = spec.ids.filter((id) => !answered.has(arxivKey(id)));
  }
  return unanswered.length > 0 ? `; ${spec.source === 'crossref-dois' ? 'Crossref' : 'arXiv'} has no paper for ${unanswered.join(', ')}` : '';
}

/** What stopped a fetch that had more pages: `--max-pages`, or the most the service pages through (`mostPaged`). */
export function stoppedAt(spec: FetchSpec, settings: FetchSettings): string {
  const service = serviceOf(spec);
  if (pageLimit(settings, service).byService) return `stopped at the ${settings.mostPaged[service]!.toLocaleString('en')} results the service pages through; narrow the spec for the rest`;
  return `stopped at --max-pages ${settings.maxPages}; there are more`;
}

/** `fetchPages`, with what to do about a Zotero library that turns the fetch away. */
async function fetchPagesOf(...args: Parameters<typeof fetchPages>): ReturnType<typeof fetchPages> {
  try {
    return await fetchPages(...args);
  } catch (e) {
    if (e instanceof FetchError && args[0].source === 'zotero' && /^HTTP 40[13]\b/.test(e.message)) {
      throw new FetchError(`${e.message}: a private library needs an API key with read access to it in ${ZOTERO_KEY_ENV} (zotero.org/settings/keys)`);
    }
    throw e;
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
