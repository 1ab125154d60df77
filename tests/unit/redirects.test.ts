/**
 * The redirects manifest: the ingest writes every former id of a paper beside the papers, so the
 * site config can leave redirect pages out of the sitemap without parsing a single paper.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/ingest/catalog.ts';
import { applyPlan, readCatalogInput, staleFiles } from '../../src/ingest/store.ts';
import { contentPaths } from '../../src/lib/content-dir.ts';
import { REDIRECTS_FILE, redirectPaths, redirectsManifest } from '../../src/lib/aliases.ts';
import { copyProject } from '../support/fixtures.ts';

describe('the redirects manifest', () => {
  it('maps every former id to the paper it moved to, sorted, whatever the order of the papers', () => {
    const papers = [
      { id: 'mamba', aliases: ['mamba-linear-time', 'a-mamba'] },
      { id: 'flow', aliases: [] },
    ];
    const text = redirectsManifest(papers);
    expect(JSON.parse(text)).toEqual({ 'a-mamba': 'mamba', 'mamba-linear-time': 'mamba' });
    expect(Object.keys(JSON.parse(text))).toEqual(['a-mamba', 'mamba-linear-time']);
    expect(redirectsManifest(papers.toReversed())).toBe(text);
  });

  it('is written by the ingest, checked by --check, and read back as the redirect pages’ site paths', () => {
    const root = copyProject();
    const paths = contentPaths(root);
    const input = readCatalogInput(paths);
    const first = buildCatalog(input);
    const [paper] = first.papers;
    applyPlan(paths, first);
    expect(redirectPaths(paths.papers)).toEqual(new Set());

    const curation = { papers: { [paper!.id]: { addThemes: [], removeThemes: [], hidden: false, renameTo: 'renamed-paper' } } };
    const renamed = buildCatalog({ ...readCatalogInput(paths), curation });
    expect(staleFiles(paths, renamed)).toContain(REDIRECTS_FILE);
    applyPlan(paths, renamed);
    expect(staleFiles(paths, buildCatalog({ ...readCatalogInput(paths), curation }))).toEqual([]);
    expect(JSON.parse(readFileSync(join(paths.papers, REDIRECTS_FILE), 'utf8'))).toEqual({ [paper!.id]: 'renamed-paper' });
    expect(redirectPaths(paths.papers)).toEqual(new Set([`papers/${paper!.id}/`]));
  });

  it('reads as no redirects where no ingest has written one yet', () => {
    expect(redirectPaths(join(copyProject(), 'content/papers'))).toEqual(new Set());
  });
});
