import { error, warning, type Diagnostic } from './diagnostics.ts';
import { linkKind } from './sources/record.ts';
import { belowFrontmatter, bodyOf, FrontmatterError, frontmatterOf, serializePaperFile, notesError, linksIn, parsePaperFile } from './frontmatter.ts';
import { hasNotes } from '../lib/notes.ts';
import { extractLinks } from './links.ts';
import { doiKey } from '../lib/ids.ts';
import { labelledPapers, type GoneTheme } from './labels.ts';
import { compare, mergeSources, type MergedPaper, type Source } from './merge.ts';
import { titleKey } from './normalize.ts';
import { didYouMean } from '../lib/spelling.ts';
import { paperFileName, paperIdOfFile, type ShownPaths } from '../lib/content-dir.ts';
import { schemaProblems } from './schema-issues.ts';
import { createShelver, trainThemeModels, type LabelledPaper, type ThemeModels } from './shelve.ts';
import { readSource } from './sources/detect.ts';
import { everyId, redirectsManifest } from '../lib/aliases.ts';
import { authorSlug } from '../lib/authors.ts';
import { authorSlugOfPath, authorSitePath, paperIdOfPath, paperSitePath, themeIdOfPath, UNSORTED_ID } from '../lib/paths.ts';
import { assignIds, meantId, sourceKey, type Assigned, type KnownPaper } from './slug.ts';
import { paperSchema, type ListingManifestEntry, type Paper, type SourceRef } from '../schemas/paper.ts';
import { slugId } from '../schemas/id.ts';
import type { Curation } from '../schemas/curation.ts';
import type { ThemeLabel, TrainingPaper } from '../schemas/labels.ts';
import type { Theme } from '../schemas/theme.ts';

/** Everything the ingest reads, already off the disk: the catalog is a pure function of it. */
export interface CatalogInput {
  /** Source files (of any format) by name, as bytes. */
  listings: { file: string; path: string; bytes: Uint8Array }[];
  manifest: ListingManifestEntry[];
  taxonomy: Theme[];
  /** Decisions by hand from `content/curation.yaml`. */
  curation: Curation;
  /** The line of a paper's entry in `content/curation.yaml`, for messages about it (0 if unknown). */
  curationLine(id: string): number;
  /** People's theme decisions from `content/theme-labels.yaml`, in file order (a later row wins). */
  labels: ThemeLabel[];
  /** The line in its file of the `labels` row at this index, for messages about it (0 if unknown). */
  labelLine(index: number): number;
  /** Labelled papers outside the catalog, from `content/training-papers.yaml`. */
  training: TrainingPaper[];
  /** The line in its file of the `training` paper at this index, for messages about it (0 if unknown). */
  trainingLine(index: number): number;
  /** The paper files already in `content/papers/`, by file name. */
  existing: { file: string; path: string; text: string }[];
  /** Whether a relative path a note imports (`../../src/components/Figure.astro`) names a file, from `content/papers/`: the one question the plan asks of the disk. */
  resolvesImport?: (specifier: string) => boolean;
  /** The content files and folders as messages name them (relative to the project, under any CONTENT_DIR). */
  files: ShownPaths;
}

export interface CatalogPlan {
  /** Every paper file the catalog should hold, by file name, with its full text. */
  files: Map<string, string>;
  /** Existing files to delete: papers no longer listed, with no notes, and papers joined to another (their ids become its aliases). */
  remove: string[];
  /** Of `remove`, the papers no source has any more: their pages go, with no redirect. */
  gone: string[];
  /** Papers no longer listed but kept because a person wrote notes in them. */
  orphans: string[];
  /** The text of `redirects.json`: every former id of the papers above and where it leads. */
  redirects: string;
  /** The paper files as they were read, by file name: what the plan was made from, and so what it may write over. */
  read: ReadonlyMap<string, string>;
  papers: Paper[];
  stats: { listings: number; occurrences: number; duplicates: number; withoutAbstract: number };
  /** The labelled papers and the theme models trained on them (themes without one are decided by rules). */
  shelving: { labelled: LabelledPaper[]; trained: ThemeModels };
  /** Rows of the labels file (0-based) that name no paper of the catalog, on disk or in training: `npm run themes:prune` removes them. */
  strayLabels: number[];
  /** Themes the labels name that themes.yaml no longer has: `npm run themes:prune -- --theme ID` removes their labels. */
  goneThemes: GoneTheme[];
  diagnostics: Diagnostic[];
}

/**
 * source files → detect and read (sources/) → merge → classify and extract links → assign ids → paper files.
 * Nothing here touches the disk; `store.ts` applies the plan.
 */
export function buildCatalog(input: CatalogInput): CatalogPlan {
  const diagnostics: Diagnostic[] = [];
  const captured = new Map(input.manifest.map((entry) => [entry.file, entry.captured]));

  const sources: Source[] = [];
  for (const { file, path, bytes } of input.listings) {
    const read = readSource({ file, path, bytes, captured: captured.get(file) });
    append(diagnostics, read.diagnostics);
    // A file that reads and has no paper is a failed save or export (a library's last page is
    // never saved): its papers' pages must not go with it.
    if (read.format && read.records.length === 0 && !read.diagnostics.some((d) => d.severity === 'error')) {
      diagnostics.push(error(path, 0, 'no papers in this file; remove the file to remove its papers, or save or export it again'));
    }
    if (read.format) sources.push({ file, path, format: read.format, records: read.records });
  }
  const merged = mergeSources(sources);
  append(diagnostics, merged.diagnostics);

  const existing = readExisting(input.existing, input.files, diagnostics, merged.sharedIds, input.resolvesImport);
  const assigned = assignIds(
    merged.papers.map((p) => ({ key: p.key, title: p.title, titleKeys: p.titleKeys, abstractKeys: p.abstractKeys, arxivId: p.arxivId, doiKey: p.doi ? doiKey(p.doi) : null, sourceKeys: sourceKeysOf(p.sources), sourceFiles: sourceFilesOf(p.sources), firstAuthor: p.authors[0] ?? null })),
    [...existing.values()],
  );
  const apart = keepNotesApart(assigned);
  append(diagnostics, splitFromTheirPapers(merged.papers, assigned, [...existing.values()], input.listings));
  const ids = renamePapers(assigned, [...existing.values()], input, diagnostics);
  // A file with notes stays published whatever its sources say (as an orphan, or under the id of the paper it went to).
  const withNotes = [...existing.values()].filter((entry) => hasNotes(entry.body));
  const { labelled, strays, goneThemes } = labelledPapers(input, merged.papers.map((m) => ({ ...ids.get(m.key)!, title: m.title, abstract: m.abstract ?? '' })), diagnostics, withNotes);
  const trained = trainThemeModels(input.taxonomy, labelled);
  const shelve = createShelver(input.taxonomy, trained, new Map(labelled.map((p) => [p.id, p.labels])));

  const files = new Map<string, string>();
  const papers: Paper[] = [];
  const carried = new Set<string>();
  const listingPaths = new Map(input.listings.map((l) => [l.file, l.path]));
  const published = everyId(existing.values());
  const curated = applyCuration(input, new Set([...ids.values()].flatMap((a) => [a.id, ...a.aliases])), published, diagnostics);
  for (const m of merged.papers) {
    const { id, aliases } = ids.get(m.key)!;
    // A paper without an abstract is shelved by its title alone.
    const { themes, evidence } = shelve({ id, title: m.title, abstract: m.abstract ?? '' });
    const decision = curated([id, ...aliases], themes);
    const links = m.abstract === null ? [] : extractLinks(m.abstract);
    const paper: Paper = {
      id,
      aliases,
      title: m.title,
      abstract: m.abstract,
      themes: decision.themes,
      evidence,
      curated: { added: decision.added, removed: decision.removed },
      hidden: decision.hidden,
      links,
      linksByKind: { ...m.linksByKind, code: m.linksByKind.code ?? links.find((l) => linkKind(l) === 'code') ?? null },
      authors: m.authors,
      ...(m.familyNames ? { familyNames: m.familyNames } : {}),
      authorsCount: m.authorsCount,
      ...(m.etAl ? { etAl: m.etAl } : {}),
      org: m.org,
      listedOn: m.listedOn,
      upvotes: m.upvotes,
      arxivId: m.arxivId,
      arxivCategory: m.arxivCategory,
      doi: m.doi,
      venue: m.venue,
      published: m.published,
      // An entry with a key is found by it; its line would change with every entry added above it.
      sources: m.sources.map(({ listing, line, key }) => (key ? { listing, key } : { listing, line })),
    };
    const checked = paperSchema.safeParse(paper);
    if (!checked.success) {
      const first = m.sources[0]!;
      diagnostics.push(error(listingPaths.get(first.listing) ?? first.listing, first.line, `this paper does not fit the catalog schema: ${schemaProblems(checked.error.issues).map((p) => p.message).join('; ')}`));
      continue;
    }
    // Notes travel with the paper, also when a rename gives it a new file name, or when it absorbed a paper that had them.
    const { known, absorbed = [] } = ids.get(m.key)! as { known?: ExistingPaper; absorbed?: ExistingPaper[] };
    for (const record of [known, ...absorbed]) if (record) carried.add(record.file);
    const notes = [known, ...absorbed].find((record) => record && hasNotes(record.body)) ?? known;
    files.set(paperFileName(paper.id), serializePaperFile(paper, notes?.body ?? ''));
    papers.push(paper);
  }

  const remove: string[] = [];
  const gone: string[] = [];
  const orphans: string[] = [];
  const kept: ExistingPaper[] = [];
  for (const [file, entry] of [...existing].sort(([a], [b]) => compare(a, b))) {
    if (files.has(file)) continue;
    if (hasNotes(entry.body) && !carried.has(file)) {
      orphans.push(file);
      kept.push(entry);
      files.set(file, entry.text);
      // A file the ingest never wrote names no source: one a person started by hand, never listed.
      if (!/^sources:/m.test(frontmatterOf(entry.text))) {
        diagnostics.push(error(entry.path, 1, `this file names no source, so no ingest wrote it, and ${input.files.papers} holds only the papers of the sources: add the paper to a source (a listing, a .bib), and move these notes into the file the ingest then writes for it`));
        continue;
      }
      const unpublishable = publishProblem(entry, input.taxonomy);
      if (unpublishable) diagnostics.push(error(entry.path, unpublishable.line, `this file is kept for its notes, but the site cannot publish it: ${unpublishable.message}; ${unpublishable.fix}, or move the notes into a paper of the catalog and delete the file`));
      const joined = apart.get(entry);
      diagnostics.push(
        warning(entry.path, 0, joined ? `this paper is now the same paper as "${ids.get(joined)!.id}" (a source shows both are one), and both files have notes; move these notes into that file and delete this one` : 'this paper is in no listing any more; it is kept because it has notes — delete the file if it should go'),
      );
    } else {
      remove.push(file);
      if (!carried.has(file)) gone.push(file);
    }
  }

  // A note's link to a paper, theme or author page the site does not have is a broken link: said where it is written.
  append(diagnostics, brokenLinks(files, input.files.papers, [...papers.filter((p) => !p.hidden), ...kept], [...input.taxonomy.map((t) => t.id), UNSORTED_ID]));

  return {
    files,
    remove,
    gone,
    orphans,
    redirects: redirectsManifest([...papers, ...kept]),
    read: new Map(input.existing.map(({ file, text }) => [file, text])),
    papers,
    stats: {
      listings: input.listings.length,
      occurrences: sources.reduce((n, s) => n + s.records.length, 0),
      duplicates: merged.duplicates,
      withoutAbstract: papers.filter((p) => p.abstract === null).length,
    },
    shelving: { labelled, trained },
    strayLabels: strays,
    goneThemes,
    diagnostics,
  };
}

/**
 * Returns a function that applies the maintainers' decisions to a paper's rule-given
 * themes. Decisions naming an unknown theme are errors (a typo would silently do
 * nothing), and so are decisions about an id never published a typo away from a paper's;
 * decisions about another paper not in the catalog are reported, not dropped.
 */
function applyCuration({ taxonomy, curation, curationLine, files }: CatalogInput, ids: ReadonlySet<string>, published: ReadonlySet<string>, diagnostics: Diagnostic[]) {
  const order = taxonomy.map((t) => t.id);
  const current = [...ids];
  for (const [id, decision] of Object.entries(curation.papers)) {
    const line = curationLine(id);
    for (const theme of [...decision.addThemes, ...decision.removeThemes]) {
      if (order.includes(theme)) continue;
      const meant = didYouMean(theme, order);
      diagnostics.push(error(files.curation, line, `paper "${id}": there is no theme "${theme}" in ${files.themes}${meant ? `; ${meant}` : ''}`));
    }
    if (ids.has(id)) continue;
    // An id never published and a letter or two from a paper's is a typo, whose decision (hide
    // it, rename it) would go unapplied while the ingest succeeds; any other is left from a paper
    // no source has now, such as "qwen2-…" beside "qwen3-…", or "flow-matching" beside "flow-matching-2".
    const meant = published.has(id) ? '' : meantId(id, current);
    if (meant) diagnostics.push(error(files.curation, line, `paper "${id}" is not in the catalog; ${meant} (the file name in ${files.papers})`));
    else diagnostics.push(warning(files.curation, line, `paper "${id}" is not in the catalog; fix the id (the file name in ${files.papers}) or remove the entry`));
  }
  // A decision may name a paper by its current id or by a former one (it is kept after a rename),
  // but by one only: of two entries, one would go unapplied.
  return (names: string[], ruled: string[]) => {
    const [first, ...more] = names.filter((name) => own(curation.papers, name));
    for (const name of more) diagnostics.push(error(files.curation, curationLine(name), `paper "${name}" is now "${names[0]}", and "${first}" names it too, with an entry of its own; merge the two into the entry for "${first}"`));
    if (!first) return { themes: ruled, added: [], removed: [], hidden: false };
    const decision = own(curation.papers, first)!;
    const added = decision.addThemes.filter((t) => !ruled.includes(t));
    const removed = decision.removeThemes.filter((t) => ruled.includes(t));
    const themes = order.filter((t) => (ruled.includes(t) || added.includes(t)) && !removed.includes(t));
    return { themes, added, removed, hidden: decision.hidden };
  };
}

/**
 * Where a paper absorbed records of the catalog (see `assignIds`) and more than one of them,
 * its own included, holds notes, the ones after the first stay files of their own: two sets
 * of notes are not merged by guesswork. They are taken out of the paper's aliases, so their
 * pages keep their URLs, and returned with the key of the paper they belong to, for a warning.
 */
function keepNotesApart(assigned: Map<string, Assigned>): Map<ExistingPaper, string> {
  const apart = new Map<ExistingPaper, string>();
  for (const [key, current] of assigned) {
    const records = [current.known, ...(current.absorbed ?? [])] as (ExistingPaper | undefined)[];
    const withNotes = records.filter((record): record is ExistingPaper => record !== undefined && hasNotes(record.body));
    const separate = withNotes.slice(1).filter((record) => record !== current.known);
    if (separate.length === 0) continue;
    for (const record of separate) apart.set(record, key);
    const names = new Set(separate.flatMap((record) => [record.id, ...record.aliases]));
    assigned.set(key, { ...current, aliases: current.aliases.filter((alias) => !names.has(alias)), absorbed: current.absorbed!.filter((record) => !separate.includes(record as ExistingPaper)) });
  }
  return apart;
}

/**
 * Entries of a file that names them which the catalog had as part of a paper, and which are now
 * a paper of their own: a title edited in one source no longer joins the others by title, and
 * the page splits in two. Nothing is lost (both pages stay), but the person should know.
 */
function splitFromTheirPapers(papers: readonly MergedPaper[], assigned: ReadonlyMap<string, Assigned>, known: readonly KnownPaper[], listings: CatalogInput['listings']): Diagnostic[] {
  const paperOf = new Map(known.flatMap((k) => k.sourceKeys.map((key) => [key, k.id] as const)));
  const paths = new Map(listings.map((l) => [l.file, l.path]));
  return papers.flatMap((paper) => {
    const mine = assigned.get(paper.key)!;
    if (mine.known) return [];
    return paper.sources.flatMap((source) => {
      const was = source.key === undefined ? undefined : paperOf.get(sourceKey(source.listing, source.key));
      return was === undefined ? [] : [warning(paths.get(source.listing) ?? source.listing, source.line, `entry ${source.key} was part of the paper "${was}", and with its title now "${paper.title}" it is a page of its own ("${mine.id}"); if it is the same paper, give it the other sources' title, or its arXiv id or DOI`)];
    });
  });
}

/**
 * Applies `renameTo` decisions: the paper takes the new id and keeps the old one as an
 * alias, so every URL it was ever published under still leads to it. An id is taken when
 * any other paper has it, now or before — also a file kept only for its notes, whose notes
 * the renamed paper would otherwise be written over.
 */
function renamePapers(assigned: Map<string, Assigned>, known: readonly KnownPaper[], { curation, curationLine, files }: CatalogInput, diagnostics: Diagnostic[]): Map<string, Assigned> {
  for (const [key, current] of assigned) {
    const [name, target] = [current.id, ...current.aliases].map((n) => [n, own(curation.papers, n)?.renameTo] as const).find(([, to]) => to) ?? [];
    if (!target || target === current.id) continue;
    const others = [...[...assigned].filter(([k]) => k !== key).map(([, a]) => a), ...known.filter((k) => k !== current.known && !current.absorbed?.includes(k))];
    if (others.some((other) => other.id === target || other.aliases.includes(target))) {
      diagnostics.push(error(files.curation, curationLine(name!), `cannot rename "${current.id}" to "${target}": another paper has that id, or had it; choose another`));
      continue;
    }
    assigned.set(key, { ...current, id: target, aliases: [...current.aliases.filter((a) => a !== target), current.id] });
  }
  return assigned;
}


interface ExistingPaper extends KnownPaper {
  /** As its frontmatter names them: a paper kept for its notes still has its authors' pages. */
  authors: readonly string[];
  file: string;
  body: string;
  text: string;
  path: string;
}

/**
 * Warnings for notes that link a page the site will not have, with the id they may have meant:
 * a paper's (`/papers/<id>/` of no published paper, by any id it has had), a theme's
 * (`/themes/<id>/…` of no theme in themes.yaml) or an author's (`/authors/<slug>/` of no
 * published paper's author). The A–Z lists' pages (`/papers/page/2/`) are not paper or author
 * pages and are not read as such.
 */
function brokenLinks(files: ReadonlyMap<string, string>, folder: string, published: readonly { id: string; aliases: readonly string[]; authors: readonly string[] }[], themes: readonly string[]): Diagnostic[] {
  const known = everyId(published);
  const ids = published.map(({ id }) => id);
  // Slugging every author's name costs a large catalog a moment: done only for a note that links one.
  let authors: Set<string> | undefined;
  const authorSlugs = () => (authors ??= new Set(published.flatMap((paper) => paper.authors.map(authorSlug))));
  // The files as they will be written, whatever their notes came from: lines are those of the file a person opens next.
  return [...files].flatMap(([file, text]) => {
    const body = bodyOf(text);
    if (!hasNotes(body)) return [];
    return linksIn(text, body).flatMap(({ href, line }) => {
      const paper = paperIdOfPath(href);
      if (paper !== null && !known.has(paper)) {
        const hint = didYouMean(paper, ids);
        return [warning(`${folder}${file}`, line, `the notes link /${paperSitePath(paper)}, a page the site does not have${hint ? `; ${hint}` : ''}`)];
      }
      const theme = themeIdOfPath(href);
      if (theme !== null && !themes.includes(theme)) {
        const hint = didYouMean(theme, themes);
        return [warning(`${folder}${file}`, line, `the notes link ${href.slice(0, 80)}, a shelf the site does not have${hint ? `; ${hint}` : ''}`)];
      }
      const author = authorSlugOfPath(href);
      if (author !== null && !authorSlugs().has(author)) {
        const hint = didYouMean(author, [...authorSlugs()]);
        return [warning(`${folder}${file}`, line, `the notes link /${authorSitePath(author)}, an author page the site does not have${hint ? `; ${hint}` : ''}`)];
      }
      return [];
    });
  });
}

/**
 * What to do about a paper file the ingest cannot read. A file written anew has the id its
 * title gives and no former ids: deleting one that had some (a renamed paper's) would leave
 * their addresses dead, and the ingest could not tell, since that file is the only record of them.
 * Nor would it have the notes: a file that has some, or may have (its frontmatter never closes),
 * is mended where it is.
 */
function repairAdvice(text: string): string {
  const notes = belowFrontmatter(text);
  if (notes === undefined || hasNotes(notes)) return 'mend the file at that line, not by deleting it or restoring it from git: that would lose the notes below its frontmatter written since the last commit';
  if (/^aliases:[ \t]*(?:\[[ \t]*[^\s\]]|\r?\n[ \t]*-)/m.test(text)) return 'restore the file from git, not by deleting it: its aliases are the former ids of the paper, which redirect to it, and a file written anew would not have them';
  // What broke it may be a line a person typed above the closing ---: that line is theirs too.
  return 'mend the file at that line, or, if nothing in it is yours, restore the file from git or delete it to let the ingest write it anew';
}

/** The keys of a paper's frontmatter: all the ingest's. */
const FRONTMATTER_FIELDS = new Set(Object.keys(paperSchema.shape));

/** The files already in the catalog: their ids are kept and their notes carried over. */
function readExisting(papers: CatalogInput['existing'], files: ShownPaths, diagnostics: Diagnostic[], sharedIds: ReadonlyMap<string, number>, resolvesImport?: CatalogInput['resolvesImport']): Map<string, ExistingPaper> {
  const existing = new Map<string, ExistingPaper>();
  const texts = new Map(papers.map(({ file, text }) => [file, text]));
  /** The first file of each title and list of sources. */
  const written = new Map<string, { file: string; id: string; aliases: readonly string[] }>();
  for (const { file, path, text } of papers) {
    let parsed;
    try {
      parsed = parsePaperFile(text);
    } catch (e) {
      if (!(e instanceof FrontmatterError)) throw e;
      diagnostics.push(error(path, e.line, `${e.message}; ${repairAdvice(text)}`));
      continue;
    }
    const data = parsed.data as Partial<Paper> | null;
    if (!data || typeof data.title !== 'string' || typeof data.id !== 'string') {
      diagnostics.push(error(path, 1, `the frontmatter has no title or id; ${repairAdvice(text)}`));
      continue;
    }
    // The file name is the URL and the id the ingest matches by: an id edited by hand would
    // move this file's notes to another paper's file, or another paper's notes to this one.
    const named = paperIdOfFile(file)!;
    if (data.id !== named) {
      // Which of the two was edited, the ingest cannot know; advice to change the id back after a
      // renamed file would publish the paper under the new name and lose its old address.
      // A copy an editor or a sync tool made ("x (copy).mdx") beside the file it copies: renaming it back
      // would overwrite that file. Only a name that is no id, or a frontmatter that is the other's, says copy:
      // an id edited to another paper's is to be put back, and that paper's file left alone.
      const original = texts.get(paperFileName(data.id));
      if (original !== undefined && (!slugId.safeParse(named).success || frontmatterOf(original) === frontmatterOf(text))) {
        diagnostics.push(error(path, keyLine(text, 'id'), `this file has the id of ${data.id}.mdx, beside it, so it is a copy of that paper's file: move any notes of its own into ${data.id}.mdx, then delete it`));
        continue;
      }
      const idEdited = slugId.safeParse(named).success ? `if the id was edited, put back id: "${named}"` : `"${named}" is no id, so it was not the id`;
      // Named back, it would be written over the file beside it: the id was edited, not the name.
      const fix = original === undefined ? `if the file was renamed, name it ${data.id}.mdx again; ${idEdited}` : `${data.id}.mdx is another paper's file, so put back id: "${named}"`;
      diagnostics.push(error(path, keyLine(text, 'id'), `the id "${data.id}" is not the file's name, and a paper's file is named by its id, its page's address: ${fix}. A paper gets another id with renameTo in ${files.curation}, which keeps its old address working`));
      continue;
    }
    // Former ids are URLs already published, and they become redirect pages: one edited by hand
    // would break a link, or put a redirect where another paper's page is. A file a person
    // started by hand may have none yet.
    const aliases = slugId.array().safeParse(data.aliases ?? []);
    if (!aliases.success) {
      diagnostics.push(error(path, keyLine(text, 'aliases'), `the aliases are not the list of lowercase ids the ingest wrote; restore the file from git (a paper's id is changed with renameTo in ${files.curation})`));
      continue;
    }
    // A line typed above the closing --- is read as a key, and the frontmatter is written anew on every run: it would be lost.
    const stray = Object.keys(data).find((key) => !FRONTMATTER_FIELDS.has(key));
    if (stray !== undefined) {
      diagnostics.push(error(path, keyLine(text, stray), `"${stray}" is not a field of the frontmatter, which the ingest writes anew on every run, so this line would be lost: if it is a note, move it below the closing ---; a decision about the paper (hide it, add or remove a theme) goes in ${files.curation}`));
    }
    // A copy of a paper's file given an id of its own: two files the ingest wrote from the same
    // records, which no run writes. Read as two published papers found to be one, the paper
    // took one of the two ids by their order, and the other file went.
    const copied = Array.isArray(data.sources) && data.sources.length > 0 ? `${data.title}\n${JSON.stringify(data.sources)}` : null;
    const original = copied === null ? undefined : written.get(copied);
    // One that had the other's id is left from a rename: the former ids' check below says so.
    const renamed = original !== undefined && (aliases.data.includes(original.id) || original.aliases.includes(data.id));
    if (original !== undefined && !renamed) {
      diagnostics.push(error(path, keyLine(text, 'id'), `this file has the title and sources of ${original.file}, beside it, so one is a copy of the other with an id of its own: keep the one whose id is the paper's address, move any notes of the other into it, and delete the other (a paper gets another id with renameTo in ${files.curation})`));
      continue;
    }
    if (copied !== null) written.set(copied, { file, id: data.id, aliases: aliases.data });
    const notes = notesError(text, parsed.body, resolvesImport);
    if (notes) diagnostics.push(error(path, notes.line, `the notes would stop the site's build: ${notes.message}`));
    const authors = Array.isArray(data.authors) ? data.authors.filter((name): name is string => typeof name === 'string') : [];
    existing.set(file, { ...knownPaperOf({ ...data, id: data.id, title: data.title }, aliases.data), authors, file, body: parsed.body, text, path });
  }
  // A URL leads to one paper: a former id may be no other file's id or former id.
  const owners = new Map<string, string[]>();
  for (const { id, aliases, file } of existing.values()) for (const name of [id, ...aliases]) owners.set(name, [...(owners.get(name) ?? []), file]);
  for (const { aliases, text, path, file } of existing.values()) {
    const shared = aliases.find((alias) => owners.get(alias)!.length > 1);
    if (shared === undefined) continue;
    const others = owners.get(shared)!.filter((other) => other !== file);
    // The file named by the id is the paper's: this one, which had it as a former id, is left from a rename undone (`git checkout content/`).
    const owner = others.find((other) => other === paperFileName(shared));
    const where = others.length === 0 ? 'this file twice' : `${others.join(', ')} as well`;
    const fix = owner ? `if this file is left from a rename that was undone, move any notes of its own into ${owner} and delete it; else restore it from git` : 'restore the files from git';
    diagnostics.push(error(path, keyLine(text, 'aliases'), `the former id "${shared}" is in ${where}, and an address leads to one paper: ${fix}`));
  }
  // An arXiv id or a DOI names one paper, and sources that share one are merged: two files with
  // one were edited by hand (the paper it names would take the other file, notes and address),
  // or are two papers a source showed to be one, both with notes (the ingest has said to merge them).
  // The frontmatter key, and the paper's field that holds it as compared.
  for (const [field, key, what] of [['arxivId', 'arxivId', 'arXiv id'], ['doi', 'doiKey', 'DOI']] as const) {
    const files = Map.groupBy([...existing.values()].filter((paper) => paper[key] !== null), (paper) => paper[key]);
    for (const [id, group] of files) {
      // Papers the sources give one id are kept apart, and their merge has said so at the source; a file more has it by hand.
      if (group.length < 2 || group.length <= (sharedIds.get(id!) ?? 0)) continue;
      for (const paper of group) {
        const others = group.filter((other) => other !== paper).map((other) => other.path).join(', ');
        diagnostics.push(warning(paper.path, keyLine(paper.text, field), `the ${what} is also that of ${others}, and one paper has one ${what}: if one of these files was edited by hand, restore it from git; if they are one paper, move the notes into one file and delete the other`));
      }
    }
  }
  return existing;
}

/**
 * Why a file written back as it is (kept for its notes) would stop the build, or null: its
 * frontmatter is not a paper's, as the site's schema reads it (a file made or damaged by hand),
 * or it names a theme themes.yaml no longer has.
 */
function publishProblem(entry: ExistingPaper, themes: readonly Theme[]): { line: number; message: string; fix: string } | null {
  const parsed = paperSchema.safeParse(parsePaperFile(entry.text).data);
  if (!parsed.success) {
    const [problem] = schemaProblems(parsed.error.issues, paperSchema);
    return { line: keyLine(entry.text, String(problem!.at[0] ?? 'id')), message: problem!.message, fix: 'restore its frontmatter from git' };
  }
  const gone = parsed.data.themes.find((theme) => !themes.some((t) => t.id === theme));
  return gone ? { line: keyLine(entry.text, 'themes'), message: `its theme "${gone}" is not in themes.yaml`, fix: `take "${gone}" out of its themes` } : null;
}

/**
 * What the catalog knows of a paper from its file's frontmatter, as far as it reads: what
 * `assignIds` recognises it by. The fetch command's `--new-only` asks the same of it.
 */
export function knownPaperOf(data: Partial<Paper> & Pick<Paper, 'id' | 'title'>, aliases: string[]): KnownPaper {
  return {
    id: data.id,
    aliases,
    titleKey: titleKey(data.title),
    abstractKey: titleKey(String(data.abstract ?? '')),
    arxivId: typeof data.arxivId === 'string' ? data.arxivId : null,
    doiKey: typeof data.doi === 'string' ? doiKey(data.doi) : null,
    sourceKeys: Array.isArray(data.sources) ? sourceKeysOf(data.sources) : [],
    sourceFiles: Array.isArray(data.sources) ? sourceFilesOf(data.sources) : [],
    firstAuthor: Array.isArray(data.authors) && typeof data.authors[0] === 'string' ? data.authors[0] : null,
  };
}

/** The entries a paper was read from, in files that name their entries. */
function sourceKeysOf(sources: readonly Partial<SourceRef>[]): string[] {
  return sources.flatMap((s) => (typeof s?.listing === 'string' && typeof s.key === 'string' ? [sourceKey(s.listing, s.key)] : []));
}

/** The files a paper was read from. */
function sourceFilesOf(sources: readonly Partial<SourceRef>[]): string[] {
  return [...new Set(sources.flatMap((s) => (typeof s?.listing === 'string' ? [s.listing] : [])))];
}

/** A key's own value: a paper may be called "constructor", which every object has by inheritance. */
function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * `list.push(...items)` without the spread, which passes each item as an argument: a file's
 * 130,000 diagnostics (one per bad item) overflow the stack, and the ingest would end with no
 * file or line to show.
 */
function append<T>(list: T[], items: readonly T[]): void {
  for (const item of items) list.push(item);
}

/** The line of a paper file where `key:` starts its frontmatter field; the first line when there is none. */
function keyLine(text: string, key: string): number {
  return text.split('\n').findIndex((line) => line.startsWith(`${key}:`)) + 1 || 1;
}
