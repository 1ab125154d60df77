/**
 * Where fetched responses go: each page as a new file in `content/sources/`, bytes as
 * received, and an entry for it in `sources.yaml`.
 * - Names say what was fetched: `hf-daily-2025-12-11.json`, `hf-week-2025-W50-p2.json`,
 *   `hf-search-flow-matching.json`, `hf-collection-lab-ssm-reading-6650a0.json`, `arxiv-2312.00752-2405.21060.xml`,
 *   `arxiv-query-ti-rectified-flow.xml`, `zotero-groups-4530458.json`; `-p1`, `-p2`… when there are several pages.
 * - A name already taken gets `-2`, `-3`… (all pages of a spec the same suffix); bytes
 *   already in the folder, under any name, are not saved again.
 * - Everything is written at once, atomically, `sources.yaml` last, through the yaml
 *   library's Document API so its comments and layout stay as they are.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, parseDocument, type Document, type Scalar, YAMLSeq } from 'yaml';
import { cutAtWord, slugForTitle } from '../ingest/slug.ts';
import { isSourceName, MANIFEST_FILE, shownPath, type ContentPaths } from '../lib/content-dir.ts';
import { withFileLock, writeAtomically } from '../lib/atomic-write.ts';
import { withLineEndsOf } from '../lib/format.ts';
import { FetchError } from './errors.ts';
import { serviceOf, type FetchSpec } from './spec.ts';
import { RESPONSE_KIND } from './validate.ts';

/** A response to be added to `content/sources/`. */
export interface NewSource {
  file: string;
  bytes: Uint8Array;
  /** Shown on paper pages and as the search page's source facet. */
  label: string;
}

/** What is in `content/sources/` before the fetch: the names taken, the bytes held, the manifest. */
export interface SourcesFolder {
  names: Set<string>;
  hashes: Set<string>;
  manifest: Document;
  /** `sources.yaml` as it was read, whose line ends the new one keeps. */
  manifestText: string;
}

/** Ids named in a file name before the rest are only counted. */
const NAMED_IDS = 3;

/** A file name's part for a list of ids: the first `NAMED_IDS`, each as `name` writes it, and how many more. */
function idsInName(ids: readonly string[], name: (id: string) => string): string {
  const rest = ids.length - NAMED_IDS;
  return `${ids.slice(0, NAMED_IDS).map(name).join('-')}${rest > 0 ? `-and-${rest}-more` : ''}`;
}

const NEW_MANIFEST = `# The sources this catalog is built from: a label for each file in this folder, shown on
# paper pages (see README, "Add your own papers").
listings: []
`;

/**
 * The longest stem kept whole. A file name takes 255 bytes, and the save's hidden temporary name
 * adds about 20 to the stem, its suffix and extension: four Crossref DOIs with long slugs made
 * a name the disk refused, after the whole fetch.
 */
const MAX_STEM = 150;

/**
 * The name of a spec's files, before any page number, suffix or extension. A stem too long is cut
 * at a hyphen and ends with a hash of the whole, so two long specs that differ past the cut keep
 * two names.
 */
export function fileStem(spec: FetchSpec): string {
  const stem = fullStem(spec);
  if (stem.length <= MAX_STEM) return stem;
  const hash = createHash('sha256').update(stem).digest('hex').slice(0, 8);
  return `${cutAtWord(stem, MAX_STEM - hash.length - 1)}-${hash}`;
}

function fullStem(spec: FetchSpec): string {
  switch (spec.source) {
    case 'hf-daily':
      return `hf-daily-${spec.date}`;
    case 'hf-week':
      return `hf-week-${spec.week}`;
    case 'hf-search':
      return `hf-search-${slugForTitle(spec.query)}`;
    case 'hf-collection':
      return `hf-collection-${slugForTitle(spec.slug)}`;
    case 'arxiv-ids':
      // Old-style ids have a slash ("hep-ex/0307015"), which a file name cannot.
      return `arxiv-${idsInName(spec.ids, (id) => id.replace('/', '-'))}`;
    case 'arxiv-query':
      return `arxiv-query-${slugForTitle(spec.query)}`;
    case 'zotero':
      return `zotero-${slugForTitle(spec.library)}`;
    case 'openalex-search':
      return `openalex-search-${slugForTitle(spec.query)}`;
    case 'openalex-filter':
      return `openalex-filter-${slugForTitle(spec.filter)}`;
    case 'crossref-dois':
      return `crossref-${idsInName(spec.dois, slugForTitle)}`;
    case 'crossref-query':
      return `crossref-query-${slugForTitle(spec.query)}`;
  }
}

/**
 * The label of a spec's files. Labels name the stream a file came from, not its day or page,
 * so that the daily fetches share one source facet; each paper keeps the day it was listed.
 */
export function labelFor(spec: FetchSpec): string {
  switch (spec.source) {
    case 'hf-daily':
    case 'hf-week':
      return 'Hugging Face Daily Papers';
    case 'hf-search':
      return `Hugging Face Papers search: ${spec.query}`;
    case 'hf-collection':
      return `Hugging Face collection: ${spec.slug}`;
    case 'arxiv-ids':
      // A collection's papers, asked of arXiv for their abstracts, are that collection's: one source to filter by.
      return spec.collection ? `Hugging Face collection: ${spec.collection}` : `arXiv: ${spec.ids.join(', ')}`;
    case 'arxiv-query':
      return `arXiv search: ${spec.query}`;
    case 'zotero':
      return `Zotero library: ${spec.library}`;
    case 'openalex-search':
      return `OpenAlex search: ${spec.query}`;
    case 'openalex-filter':
      return `OpenAlex: ${spec.filter}`;
    case 'crossref-dois':
      return `Crossref: ${spec.dois.join(', ')}`;
    case 'crossref-query':
      return `Crossref search: ${spec.query}`;
  }
}

/**
 * The files to add for a spec's pages: pages whose bytes the folder already holds, and any
 * `wanted` turns down, are left out, and the others are named so that no name is taken, each
 * with its page number. Records the new names and bytes in `folder`, so the next spec of the
 * same run sees them.
 */
export function nameNewSources(spec: FetchSpec, pages: readonly Uint8Array[], folder: Pick<SourcesFolder, 'names' | 'hashes'>, wanted: (index: number) => boolean = () => true): NewSource[] {
  const extension = RESPONSE_KIND[serviceOf(spec)].extension;
  const fresh = pages.map((bytes, index) => ({ bytes, index, hash: hashOf(bytes) })).filter((page) => wanted(page.index) && !folder.hashes.has(page.hash));
  if (fresh.length === 0) return [];
  const stem = fileStem(spec);
  const nameOf = (suffix: string, index: number) => `${stem}${suffix}${pages.length > 1 ? `-p${index + 1}` : ''}${extension}`;
  let n = 1;
  while (fresh.some((page) => folder.names.has(nameOf(n === 1 ? '' : `-${n}`, page.index)))) n++;
  const label = labelFor(spec);
  return fresh.map((page) => {
    const file = nameOf(n === 1 ? '' : `-${n}`, page.index);
    folder.names.add(file);
    folder.hashes.add(page.hash);
    return { file, bytes: page.bytes, label };
  });
}

/** Reads what `content/sources/` holds; throws `FetchError` at the line of a `sources.yaml` that does not read. */
export function readSourcesFolder(paths: ContentPaths): SourcesFolder {
  const entries = existsSync(paths.sources) ? readdirSync(paths.sources, { withFileTypes: true }) : [];
  // The bytes the ingest reads: a hidden file, such as a save cut short, holds none of them.
  const files = entries.filter((entry) => entry.isFile() && isSourceName(entry.name)).map((entry) => entry.name);
  const hashes = new Set(files.map((name) => hashOf(readFileSync(join(paths.sources, name)))));
  const manifestPath = join(paths.sources, MANIFEST_FILE);
  const shown = shownPath(paths, manifestPath);
  const manifestText = existsSync(manifestPath) ? readFileSync(manifestPath, 'utf8') : NEW_MANIFEST;
  const manifest = parseDocument(manifestText);
  const problem = manifest.errors[0];
  if (problem) throw new FetchError(`${shown}:${problem.linePos?.[0]?.line ?? 0}: ${problem.message.split('\n')[0]}`);
  // An empty file (null) gets its listings below; a list or a lone value has no place for them.
  if (manifest.contents !== null && !isMap(manifest.contents)) throw new FetchError(`${shown}: must hold "listings:", a list of files`);
  const listings = manifest.get('listings', true);
  if (listings instanceof YAMLSeq) listings.flow = false;
  else if (listings === undefined || (isScalar(listings) && listings.value === null)) manifest.set('listings', new YAMLSeq());
  else throw new FetchError(`${shown}: "listings" must be a list of files`);
  // A name the manifest lists is taken even when its file is missing: two entries must not share it.
  const listed = (manifest.toJS() as { listings?: { file?: unknown }[] }).listings?.map((entry) => String(entry?.file)) ?? [];
  return { names: new Set([...entries.map((entry) => entry.name), ...listed]), hashes, manifest, manifestText };
}

/**
 * Writes the new files and their `sources.yaml` entries (captured on `captured`, `YYYY-MM-DD`),
 * all or nothing: on any failure `content/sources/` is left as it was.
 */
export function saveNewSources(paths: ContentPaths, sources: readonly NewSource[], folder: SourcesFolder, captured: string): void {
  mkdirSync(paths.sources, { recursive: true });
  // Held from the check to the last rename, and through a signal: two fetches whose answers came
  // at one instant both passed the check, then both wrote sources.yaml, and one file went unlisted.
  const lock = join(paths.sources, SAVE_LOCK);
  const busy = () => new FetchError(`${shownPath(paths, lock)}: another fetch is saving into this folder, so nothing was saved; run this one again`);
  withFileLock(lock, 0, busy, () => saveUnderLock(paths, sources, folder, captured));
}

/** The file a fetch holds while it saves; hidden, so no reader takes it for a source. */
const SAVE_LOCK = '.fetch.lock';

function saveUnderLock(paths: ContentPaths, sources: readonly NewSource[], folder: SourcesFolder, captured: string): void {
  // Another fetch may have saved meanwhile (the folder was read when this one began): writing over
  // its sources.yaml, or a file it took the name of, would lose what it saved.
  const manifestPath = join(paths.sources, MANIFEST_FILE);
  const now = existsSync(manifestPath) ? readFileSync(manifestPath, 'utf8') : NEW_MANIFEST;
  const taken = sources.find((source) => existsSync(join(paths.sources, source.file)));
  if (now !== folder.manifestText || taken) {
    throw new FetchError(`${shownPath(paths, taken ? join(paths.sources, taken.file) : manifestPath)} changed while this fetch ran (another fetch?), so nothing was saved; run it again`);
  }
  const { manifest } = folder;
  const listings = manifest.get('listings', true) as YAMLSeq;
  for (const source of sources) {
    const entry = manifest.createNode({ file: source.file, label: source.label, captured });
    // Labels are double-quoted, as in the rest of the file: a label is free text.
    (entry.get('label', true) as Scalar).type = 'QUOTE_DOUBLE';
    listings.items.push(entry);
  }
  writeAtomically([
    ...sources.map((source) => [join(paths.sources, source.file), source.bytes] as const),
    [join(paths.sources, MANIFEST_FILE), withLineEndsOf(folder.manifestText, manifest.toString({ lineWidth: 0 }))],
  ]);
}

function hashOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
