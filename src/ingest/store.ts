import { readdirSync, readFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';
import type { z } from 'astro/zod';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, visit, type Alias, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { decodeUtf8 } from './decode.ts';
import { bodyOf } from './frontmatter.ts';
import { hasNotes } from '../lib/notes.ts';
import { error, IngestError, type Diagnostic } from './diagnostics.ts';
import type { CatalogInput, CatalogPlan } from './catalog.ts';
import { compare } from './merge.ts';
import { schemaProblems } from './schema-issues.ts';
import { REDIRECTS_FILE } from '../lib/aliases.ts';
import { withFileLock, writeAtomically } from '../lib/atomic-write.ts';
import { isSourceName, MANIFEST_FILE, paperIdOfFile, shownPath, shownPaths, type ContentPaths } from '../lib/content-dir.ts';
import { addDays } from '../lib/calendar.ts';
import { withLineEndsOf } from '../lib/format.ts';
import { listingManifest } from '../schemas/paper.ts';
import { curationSchema } from '../schemas/curation.ts';
import { themeLabelsSchema, trainingPapersSchema, type ThemeLabel } from '../schemas/labels.ts';
import { taxonomySchema } from '../schemas/theme.ts';

/** Reads everything the ingest needs from disk; throws `IngestError` on unreadable configuration. */
export function readCatalogInput(paths: ContentPaths): CatalogInput {
  const rel = (path: string) => shownPath(paths, path);
  const files = shownPaths(paths);
  const diagnostics: Diagnostic[] = [];
  const manifestPath = join(paths.sources, MANIFEST_FILE);

  const manifestFile = readYaml(manifestPath, rel(manifestPath), listingManifest, diagnostics, 'absent or empty');
  const manifest = manifestFile?.data.listings ?? [];
  const taxonomy = readYaml(paths.themes, rel(paths.themes), taxonomySchema, diagnostics)?.data ?? [];
  // The curation file is optional: a new catalog has made no decisions yet.
  const curationFile = readYaml(paths.curation, rel(paths.curation), curationSchema, diagnostics, 'absent or empty');
  const curation = curationFile?.data ?? { papers: {} };
  const curationLine = (id: string) => curationFile?.lineOf(['papers', id]) ?? 0;
  // Labels and training papers are optional too: without them every theme is decided by its rules.
  const labelsFile = readYaml(paths.labels, rel(paths.labels), themeLabelsSchema, diagnostics, 'absent', true);
  const labels = labelsFile?.data.labels ?? [];
  const labelLine = (index: number) => labelsFile?.lineOf(['labels', index]) ?? 0;
  const trainingFile = readYaml(paths.training, rel(paths.training), trainingPapersSchema, diagnostics, 'absent', true);
  const training = trainingFile?.data.papers ?? [];
  const trainingLine = (index: number) => trainingFile?.lineOf(['papers', index]) ?? 0;

  const names = sourceFiles(paths, rel, files.sources, diagnostics);
  // A page saved in the future is a typo (2052 for 2025) that would date its papers decades ahead;
  // a day of slack for the time zones.
  const tomorrow = addDays(new Date().toISOString().slice(0, 10), 1);
  manifest.forEach((entry, index) => {
    if (!names.includes(entry.file)) diagnostics.push(error(rel(manifestPath), manifestFile!.lineOf(['listings', index, 'file']), `lists "${entry.file}", which is not in ${files.sources}; fix the name or remove the entry`));
    if (entry.captured && entry.captured > tomorrow) diagnostics.push(error(rel(manifestPath), manifestFile!.lineOf(['listings', index, 'captured']), `captured ${entry.captured} is after today: no page was saved in the future; fix the year`));
  });
  if (diagnostics.length > 0) throw new IngestError(diagnostics);

  const listings = names.map((file) => ({ file, path: rel(join(paths.sources, file)), bytes: new Uint8Array(readFileSync(join(paths.sources, file))) }));
  const existing = listFiles(paths.papers, rel)
    .filter((name) => paperIdOfFile(name) !== null)
    .flatMap((file) => {
      const path = rel(join(paths.papers, file));
      const decoded = decodeUtf8(path, readFileSync(join(paths.papers, file)));
      if (decoded.ok) return [{ file, path, text: decoded.text }];
      diagnostics.push(decoded.diagnostic);
      return [];
    });
  // Emptied, as a copy or checkout gone wrong leaves it, the folder would remove every paper, as a missing one would.
  const removable = names.length === 0 ? existing.filter(({ text }) => !hasNotes(bodyOf(text))).length : 0;
  if (removable > 0) {
    diagnostics.push(error(rel(paths.sources), 0, `holds no source files, and without one the ${removable} papers of ${files.papers} without notes would be removed; put the sources back, or, to start an empty catalog, delete the paper files as well`));
  }
  if (diagnostics.length > 0) throw new IngestError(diagnostics);
  // As Vite resolves an import: a path as written, or with a script's extension left off; a
  // relative one from the paper's folder, one from the root from the project's folder or else the disk's.
  const isFile = (path: string) => ['', '.ts', '.js', '.mjs', '.tsx', '.jsx'].some((extension) => existsSync(path + extension));
  const resolvesImport = (specifier: string) => {
    // Vite's suffixes (`?raw`, `?url`) ask for a file in another form: the file is what must be there.
    const path = specifier.replace(/[?#].*$/, '');
    if (/^\.{1,2}\//.test(path)) return isFile(resolve(paths.papers, path));
    if (path.startsWith('/')) return isFile(join(paths.root, path)) || isFile(path);
    // Node's built-ins and Astro's own modules (astro:assets) are there without a file.
    if (/^(?:node|astro):/.test(specifier)) return true;
    return isInstalled(specifier);
  };
  return { listings, manifest, taxonomy, curation, curationLine, labels, labelLine, training, trainingLine, existing, resolvesImport, files };
}

/** A YAML file that passed its schema, and the line of any value in it, for messages. */
interface YamlFile<T> {
  data: T;
  lineOf(path: readonly PropertyKey[]): number;
}

type Schema<T> = z.ZodType<T>;

/**
 * Reads a YAML file through its schema. A file that is missing, empty or only comments is an
 * error, unless `optional` says it may be: 'absent' (undefined, no message, for a missing file)
 * or 'absent or empty' (the same for an empty one too).
 *
 * The `yaml` package reads each file: the site reads themes.yaml and sources.yaml with it too,
 * and it knows the line of each value. But for the two big files only the ingest reads, the
 * labels and the training papers (`quick`), building its tree for lines no message asks for
 * took 631 and 299 ms of every ingest where js-yaml takes 71 and 59 ms (measured). So js-yaml
 * reads those first, and the `yaml` package reads them again only for a file with anything to
 * report (js-yaml's error, a repeated key, an alias, a directive, a value the schema refuses) or
 * when a message asks for a line.
 */
function readYaml<T>(path: string, shown: string, schema: Schema<T>, diagnostics: Diagnostic[], optional: Optional = false, quick = false): YamlFile<T> | undefined {
  if (optional && !existsSync(path)) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    diagnostics.push(error(shown, 0, readProblem(e as NodeJS.ErrnoException)));
    return undefined;
  }
  const decoded = decodeUtf8(shown, bytes);
  if (!decoded.ok) {
    diagnostics.push(decoded.diagnostic);
    return undefined;
  }
  const { text } = decoded;
  const data = quick ? quickRead(text, schema) : undefined;
  if (data === undefined) return readYamlLines(text, shown, schema, diagnostics, optional);
  // Read by the `yaml` package once, at the first line asked for; null when it does not read the file.
  let located: YamlFile<T> | null | undefined;
  return { data, lineOf: (at) => (located === undefined ? (located = readYamlLines(text, shown, schema, []) ?? null) : located)?.lineOf(at) ?? 0 };
}

/** The file's data by js-yaml, if it reads with nothing to report; else undefined. */
function quickRead<T>(text: string, schema: Schema<T>): T | undefined {
  // A directive (`%YAML 1.1`) changes what the `yaml` package reads: it is that package's to read.
  if (/^%/m.test(text)) return undefined;
  let data: unknown;
  try {
    // Repeated keys are js-yaml's error too.
    data = load(text, { schema: CORE_SCHEMA });
  } catch {
    return undefined;
  }
  // An alias is the value it names, shared: the `yaml` package counts them and refuses a flood.
  if (data === null || data === undefined || sharesValues(data)) return undefined;
  const result = schema.safeParse(data);
  return result.success ? result.data : undefined;
}

/** Whether some object or array is reached twice in `data`, as js-yaml makes an alias. */
function sharesValues(data: unknown): boolean {
  const seen = new Set<object>();
  const stack = [data];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (seen.has(value)) return true;
    seen.add(value);
    for (const child of Object.values(value)) stack.push(child);
  }
  return false;
}

/** When a file may be missing; `false` when it may not. */
type Optional = false | 'absent' | 'absent or empty';

/** Reads a YAML file's text by the `yaml` package, which gives each problem, and each value, its line. */
function readYamlLines<T>(text: string, shown: string, schema: Schema<T>, diagnostics: Diagnostic[], optional: Optional = false): YamlFile<T> | undefined {
  const lines = new LineCounter();
  let document: Document;
  let data: unknown;
  try {
    // The library's own check of repeated keys compares each key with every one before it:
    // 20,000 curation entries took 20 s. `repeatedKey` looks each up once.
    document = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
    if (document.errors.length > 0) throw document.errors[0];
    const repeated = repeatedKey(document);
    if (repeated) {
      const [first, again] = [repeated.first, repeated.again].map((node) => lines.linePos(node.range![0]).line);
      diagnostics.push(error(shown, again!, `"${repeated.name}" is a key of this map already (line ${first}); keep one`));
      return undefined;
    }
    data = document.toJS();
  } catch (e) {
    // Resolving aliases (`*name`) fails without a position: the line is the alias's.
    const line = (e as { linePos?: { line: number }[] }).linePos?.[0]?.line ?? aliasLine(document!, lines, (e as Error).message) ?? 0;
    // The parser's words for a key indented with a tab ("Unexpected scalar at node end") do not name the tab.
    const code = (e as { code?: string }).code;
    const problem = `${readProblem(e as NodeJS.ErrnoException)}${code === 'BLOCK_AS_IMPLICIT_KEY' ? `: ${implicitKeyHint(text, line)}` : ''}`;
    const tabbed = !/\btab/i.test(problem) && [line - 1, line].some((n) => /^ *\t/.test(text.split('\n')[n - 1] ?? ''));
    diagnostics.push(error(shown, line, `${problem}${tabbed ? '; a line here is indented with a tab, and YAML indents with spaces only' : ''}`));
    return undefined;
  }
  if (data === null || data === undefined) {
    if (!optional) diagnostics.push(error(shown, 0, 'is empty; the catalog needs it (see README)'));
    // An emptied labels file took every theme model with it, and an emptied training file made its papers' labels strays for themes:prune to delete.
    else if (optional === 'absent') diagnostics.push(error(shown, 0, 'is empty, as a save cut short leaves a file, and the theme models learn from it; restore it (from git), or, to have none, write its list empty ("labels: []", "papers: []")'));
    return undefined;
  }
  // A value the schema misses (a key left out) is reported at the nearest thing around it that is there.
  const lineOf = (at: readonly PropertyKey[]) => {
    for (let n = at.length; n >= 0; n--) {
      const offset = nodeAt(document, at.slice(0, n))?.range?.[0];
      if (offset !== undefined) return lines.linePos(offset).line;
    }
    return 0;
  };
  const result = schema.safeParse(data);
  if (!result.success) {
    for (const { at, message } of schemaProblems(result.error.issues, schema)) diagnostics.push(error(shown, lineOf(at), message));
    return undefined;
  }
  return { data: result.data, lineOf };
}

/** Why a file did not read, in one line: the YAML parser's first line, without the position the diagnostic already gives. */
function readProblem(e: NodeJS.ErrnoException): string {
  if (e.code === 'ENOENT') return 'there is no such file, and the catalog needs it (see README)';
  if (e.code === 'EISDIR') return 'is a folder, where a file belongs';
  if (e.code === 'ENOTDIR') return 'is a file, where the folder belongs';
  if (e.code === 'ELOOP') return 'is a link that leads back to itself; remove it';
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'cannot be read: permission denied';
  return e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * What the yaml library's words for a key where none may be (BLOCK_AS_IMPLICIT_KEY) mean at
 * `line`: a plain value with ": " in it (`label: Zotero: our library`), or else a line
 * indented deeper or shallower than its neighbours.
 */
function implicitKeyHint(text: string, line: number): string {
  const lines = text.split('\n');
  const unquotedColon = /^\s*(?:-\s+)?[^\s:#][^:#]*:\s+[^\s"'{[|>][^#]*:(?:\s|$)/;
  return [lines[line - 2], lines[line - 1]].some((l) => l !== undefined && unquotedColon.test(l)) ? 'a value with ": " in it needs quotes ("…")' : 'is this line indented as far as the keys beside it (or is a "- " missing)?';
}

/** The node at `path` in a YAML document; for an entry of a map, its key, the line a person looks for. */
function nodeAt(document: Document, path: readonly PropertyKey[]): Node | undefined {
  let node: unknown = document.contents;
  let shown: unknown = node;
  for (const step of path) {
    if (isMap(node)) {
      const pair = pairsOf(node).get(String(step));
      [shown, node] = [pair?.key, pair?.value];
    } else if (isSeq(node)) {
      shown = node = node.items[Number(step)];
    } else {
      return undefined;
    }
  }
  return isNode(shown) ? shown : undefined;
}

/** The line of the alias an error names ("Unresolved alias …: nosuch"), or of the first alias (too many of them), or undefined. */
function aliasLine(document: Document | undefined, lines: LineCounter, message: string): number | undefined {
  if (!document) return undefined;
  const aliases: Alias[] = [];
  visit(document, { Alias: (_, alias) => void aliases.push(alias) });
  const named = /: (\S+)$/.exec(message)?.[1];
  const offset = (aliases.find((alias) => alias.source === named) ?? aliases[0])?.range?.[0];
  return offset === undefined ? undefined : lines.linePos(offset).line;
}

/** The first key that a map of `document` has twice: its name, and both of its nodes. */
function repeatedKey(document: Document): { name: string; first: Node; again: Node } | undefined {
  let found: { name: string; first: Node; again: Node } | undefined;
  visit(document, {
    Map(_, map) {
      const seen = new Map<string, Node>();
      for (const pair of map.items) {
        if (!isNode(pair.key)) continue;
        const name = keyName(pair);
        const first = seen.get(name);
        if (first) {
          found = { name, first, again: pair.key };
          return visit.BREAK;
        }
        seen.set(name, pair.key);
      }
      return undefined;
    },
  });
  return found;
}

/** A map entry's key as the schema's paths name it: `2024`, `mamba`. */
const keyName = (pair: Pair): string => String(isScalar(pair.key) ? pair.key.value : pair.key);

/** Each map's entries by key, the first of each, made once: a line looked up for each of 20,000 entries by a scan of all was quadratic. */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();
function pairsOf(map: YAMLMap): Map<string, Pair> {
  let pairs = pairIndex.get(map);
  if (!pairs) {
    pairs = new Map();
    for (const pair of map.items as Pair[]) {
      const key = keyName(pair);
      if (!pairs.has(key)) pairs.set(key, pair);
    }
    pairIndex.set(map, pairs);
  }
  return pairs;
}

/** Whether a bare import (`katex`, `@scope/pkg/sub`) names a package installed for the project, as Node finds one from here. */
function isInstalled(specifier: string): boolean {
  try {
    import.meta.resolve(specifier);
    return true;
  } catch {
    return false;
  }
}

/**
 * Names editors, merge tools and file syncing give the copies they leave: `lib.bib~`,
 * `#lib.bib#`, `lib.bib.bak` (`.orig`, `.rej`, `.old`, `.sav`, `.swp`), Dropbox's
 * `lib (conflicted copy 2024-01-02).bib` and Windows's `lib - Copy.bib`.
 */
const BACKUP = /~$|^#.*#$|\.(?:bak|orig|rej|old|sav|swp|swo)$|\(.*conflicted copy.*\)|\s-\sCopy(?:\s\(\d+\))?(?:\.[^.]*)?$/i;

/**
 * The name a copy is of, when macOS (`lib copy.bib`, `lib copy 2.bib`) or a browser's second
 * download (`lib (1).bib`) named it, or null. Such a name is a copy only beside its original:
 * "hard copy.txt" and "reading list (2).txt" alone are sources, and "NeurIPS (2023).bib" is a year.
 */
function copyOf(name: string): string | null {
  const match = /^(.+?)(?: copy(?: \d{1,2})?| ?\([1-9]\d?\))(\.[^.]*)?$/i.exec(name);
  return match ? match[1]! + (match[2] ?? '') : null;
}

/**
 * The source files, in name order. Without the folder every paper would look unlisted and be
 * removed, so its absence is an error; so is a folder inside it, whose files would be left
 * out in silence. A symbolic link is read as the file it leads to.
 */
function sourceFiles(paths: ContentPaths, rel: (path: string) => string, shown: string, diagnostics: Diagnostic[]): string[] {
  if (!existsSync(paths.sources)) {
    diagnostics.push(error(rel(paths.sources), 0, 'there is no such folder, and without it every paper would be removed; create it, or set CONTENT_DIR to the folder that holds sources/'));
    return [];
  }
  const names: string[] = [];
  const entries = readdirSync(paths.sources).sort(compare);
  const present = new Set(entries);
  for (const name of entries) {
    if (!isSourceName(name)) continue;
    const original = copyOf(name);
    if (BACKUP.test(name) || (original !== null && present.has(original))) {
      // An older copy of a source, read beside it, would publish its old titles as papers of their own; skipped, its papers would be lost if it is a source.
      diagnostics.push(error(rel(join(paths.sources, name)), 0, 'is named like an editor\'s backup or swap file; delete it, or rename it if it is a source'));
      continue;
    }
    const stat = statSync(join(paths.sources, name), { throwIfNoEntry: false });
    if (stat?.isFile()) names.push(name);
    else if (stat?.isDirectory()) diagnostics.push(error(rel(join(paths.sources, name)), 0, `is a folder; the ingest reads only the files directly in ${shown}, so move its files up (a folder whose name starts with "." is ignored)`));
    else diagnostics.push(error(rel(join(paths.sources, name)), 0, stat ? 'is not a file the ingest can read; remove it' : 'is a symbolic link to nothing; fix the link or remove it'));
  }
  return names;
}

/** The files of a folder (and links to files), in name order; none when it does not exist yet. */
function listFiles(dir: string, rel: (path: string) => string): string[] {
  if (!existsSync(dir)) return [];
  const problem = (path: string, e: unknown) => new IngestError([error(rel(path), 0, readProblem(e as NodeJS.ErrnoException))]);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw problem(dir, e);
  }
  // Only a link needs a stat of its own: at 10,000 papers a stat per file is 10,000 calls for nothing.
  const isFile = (name: string) => {
    try {
      return statSync(join(dir, name), { throwIfNoEntry: false })?.isFile() ?? false;
    } catch (e) {
      throw problem(join(dir, name), e);
    }
  };
  return entries
    .filter((entry) => entry.isFile() || (entry.isSymbolicLink() && isFile(entry.name)))
    .map((entry) => entry.name)
    .sort(compare);
}

/** What the plan leaves in `content/papers/`: the paper files and the redirects manifest made from them. */
function filesOf(plan: CatalogPlan): Map<string, string> {
  return new Map([...plan.files, [REDIRECTS_FILE, plan.redirects]]);
}

/**
 * Files whose content on disk differs from the plan, and files the plan removes. Throws
 * `IngestError` where something that is not a file (a folder) holds a name the plan writes.
 */
export function staleFiles(paths: ContentPaths, plan: CatalogPlan): string[] {
  return [...compareWithDisk(paths, plan).keys(), ...plan.remove].sort(compare);
}

/** The files the plan writes whose content on disk differs from it, each with that content (undefined for no file). */
function compareWithDisk(paths: ContentPaths, plan: CatalogPlan): Map<string, string | undefined> {
  const stale = new Map<string, string | undefined>();
  const blocked: Diagnostic[] = [];
  for (const [file, text] of filesOf(plan)) {
    const path = join(paths.papers, file);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat && !stat.isFile()) {
      blocked.push(error(shownPath(paths, path), 0, 'is not a file, and the ingest writes a paper file by this name; move it out of the way'));
      continue;
    }
    const onDisk = stat ? readFileSync(path, 'utf8') : undefined;
    if (onDisk !== text) stale.set(file, onDisk);
  }
  if (blocked.length > 0) throw new IngestError(blocked);
  return stale;
}

/**
 * Applies a plan, writes and removals together, through `writeAtomically`: a failure part-way
 * leaves `content/papers/` as it was. A file it would write or remove that is not as the plan
 * read it is an error, and nothing is written: notes saved in an editor during a run (the
 * ingest of a build takes seconds) were lost, replaced with the text read before.
 */
export function applyPlan(paths: ContentPaths, plan: CatalogPlan): { written: string[]; removed: string[] } {
  mkdirSync(paths.papers, { recursive: true });
  const files = filesOf(plan);
  const stale = compareWithDisk(paths, plan);
  const onDisk = (file: string) => (stale.has(file) ? stale.get(file) : existsSync(join(paths.papers, file)) ? readFileSync(join(paths.papers, file), 'utf8') : undefined);
  // The redirects are the ingest's own file.
  const edited = [...stale.keys(), ...plan.remove].filter((file) => file !== REDIRECTS_FILE && onDisk(file) !== plan.read.get(file));
  if (edited.length > 0) {
    throw new IngestError(edited.sort(compare).map((file) => error(shownPath(paths, join(paths.papers, file)), 0, 'changed while the ingest ran (notes saved meanwhile?), and the ingest would have written over it with the text it read before; nothing was written: run the ingest again')));
  }
  const changed = [...stale.keys()].sort(compare);
  writeAtomically(
    changed.map((file) => [join(paths.papers, file), files.get(file)!]),
    plan.remove.map((file) => join(paths.papers, file)),
  );
  return { written: changed, removed: plan.remove };
}

const LABELS_HEADER = `# People's decisions about papers and shelves: the theme models' training data.
# One row a decision; for the same paper and theme a later row wins. "npm run themes:review"
# appends rows; "npm run ingest" retrains the models from them.
labels: []
`;

/**
 * Adds one decision to `content/theme-labels.yaml`, keeping the file's comments and rows as
 * they are; written atomically, so an interrupted review never leaves half a file.
 */
export function appendLabel(paths: ContentPaths, label: ThemeLabel): void {
  editLabels(paths, (rows, document) => rows.items.push(document.createNode(label, { flow: true })));
}

/**
 * Removes the rows at `indices` (0-based, in file order) from `content/theme-labels.yaml`, the
 * same way; with `expected`, the file's rows as they were read, only while those rows are still
 * where they were. A comment above a removed row stays, above the next row kept (or at the end):
 * it may head the rows after it; so does a blank line that set it apart.
 */
export function removeLabels(paths: ContentPaths, indices: readonly number[], expected?: readonly ThemeLabel[]): void {
  const gone = new Set(indices);
  editLabels(paths, (rows) => {
    // Rows found by an earlier read: a row added or removed since (another prune, a hand edit, a
    // review's answer) would move them, and another row would go.
    const moved = expected && indices.some((index) => !sameLabel((rows.items[index] as YAMLMap | undefined)?.toJSON?.(), expected[index]));
    if (moved) throw new Error(`${shownPath(paths, paths.labels)} changed since it was read, so nothing was removed; run this again`);
    let carried: string | undefined;
    let space = false;
    rows.items = rows.items.filter((item, index) => {
      const node = item as Node;
      if (gone.has(index)) {
        carried = joinComments(carried, node.commentBefore);
        space ||= Boolean(node.spaceBefore);
        return false;
      }
      node.commentBefore = joinComments(carried, node.commentBefore);
      node.spaceBefore ||= space;
      [carried, space] = [undefined, false];
      return true;
    });
    // They stood before the list's own closing comment.
    rows.comment = joinComments(carried, rows.comment);
  });
}

/** Whether a row of the file holds `label`. */
const sameLabel = (row: unknown, label: ThemeLabel | undefined): boolean =>
  label !== undefined && typeof row === 'object' && row !== null && (['paper', 'theme', 'label', 'by'] as const).every((key) => String((row as Record<string, unknown>)[key]) === String(label[key]));

/** Comments one after the other, each on its line; undefined for none. */
const joinComments = (...comments: (string | null | undefined)[]): string | undefined => comments.filter(Boolean).join('\n') || undefined;

/**
 * `edit` applied to the rows of the labels file (made if there is none), through the yaml
 * library's Document API, and written atomically. Read, edited and written under a lock: two
 * reviews answering at once each wrote back the rows it had read, and the other's answers went.
 */
function editLabels(paths: ContentPaths, edit: (rows: YAMLSeq, document: Document) => void): void {
  const lock = join(dirname(paths.labels), `.${basename(paths.labels)}.lock`);
  const busy = () => new Error(`${shownPath(paths, lock)}: another review or prune has held ${shownPath(paths, paths.labels)} for ${LABELS_WAIT_MS / 1000} s, so this was not saved; run this again once it is done`);
  withFileLock(lock, LABELS_WAIT_MS, busy, () => editLabelsNow(paths, edit));
}

/** How long an answer waits for another process's save: one takes a fraction of a second. */
const LABELS_WAIT_MS = 10_000;

function editLabelsNow(paths: ContentPaths, edit: (rows: YAMLSeq, document: Document) => void): void {
  const previous = existsSync(paths.labels) ? readFileSync(paths.labels, 'utf8') : LABELS_HEADER;
  const document = parseDocument(previous);
  if (document.errors.length > 0) throw new Error(`${shownPath(paths, paths.labels)}: ${document.errors[0]!.message.split('\n')[0]}`);
  // Emptied (a save cut short, its comments left or not), it is refused as the ingest refuses it, not rebuilt with this answer alone.
  if (document.contents === null) throw new Error(`${shownPath(paths, paths.labels)} is empty, as a save cut short leaves a file, so this was not saved; restore it (from git), or write "labels: []" in it to start anew`);
  // Absent, or left blank (`labels:`) once every row was deleted, with the comments the rows had.
  if (document.get('labels') == null) {
    const blank = document.get('labels', true) as Node | undefined;
    const list = document.createNode([]);
    list.commentBefore = joinComments(blank?.commentBefore, blank?.comment);
    document.set('labels', list);
  }
  const rows = document.get('labels') as YAMLSeq;
  rows.flow = false;
  edit(rows, document);
  // No rows left: `labels:` with nothing after it, under which a row typed by hand reads; below `[]` it would not.
  if (rows.items.length === 0) {
    const blank = document.createNode(null);
    blank.commentBefore = joinComments(rows.commentBefore, rows.comment);
    document.set('labels', blank);
  }
  writeAtomically([[paths.labels, withLineEndsOf(previous, document.toString({ lineWidth: 0, nullStr: '' }))]]);
}
