import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { hasNotes } from '../../src/lib/notes.ts';
import { papersLoader } from '../../src/lib/papers-loader.ts';

/** What the loader hands Astro's store, per paper id. */
type Stored = { id: string; body?: string; deferredRender?: boolean };

const root = mkdtempSync(join(tmpdir(), 'shelfmark-loader-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const paper = (id: string, notes = '') => `---\nid: "${id}"\ntitle: "${id}"\n---\n${notes}`;
writeFileSync(join(root, 'bare.mdx'), paper('bare'));
writeFileSync(join(root, 'blank-lines.mdx'), paper('blank-lines', '\n\n  \n'));
writeFileSync(join(root, 'annotated.mdx'), paper('annotated', '\nRead with <Aside>care</Aside>.\n'));

/** Runs the loader as Astro would, with the MDX integration's entry type, and records the store. */
async function load(): Promise<Map<string, Stored>> {
  const stored = new Map<string, Stored>();
  const modules: string[] = [];
  const mdx = {
    // As @astrojs/mdx does: frontmatter is data, the rest is the body, compiled later as a module.
    getEntryInfo: ({ contents }: { contents: string }) => {
      const [, front = '', body = ''] = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(contents) ?? [];
      return { data: parse(front), body, slug: '', rawData: front };
    },
    contentModuleTypes: '',
  };
  const store = {
    keys: () => [...stored.keys()],
    get: (id: string) => stored.get(id),
    delete: (id: string) => stored.delete(id),
    addModuleImport: (file: string) => modules.push(file),
    set: (entry: Stored) => (stored.set(entry.id, entry), true),
  };
  await papersLoader(root).load({
    config: { root: pathToFileURL(`${root}/`), srcDir: pathToFileURL(`${root}/src/`) },
    collection: 'papers',
    logger: { warn: () => {}, error: () => {}, info: () => {} },
    parseData: async ({ data }: { data: unknown }) => data,
    generateDigest: (text: string) => String(text.length),
    entryTypes: new Map([['.mdx', mdx]]),
    store,
  } as never);
  return stored;
}

describe('the papers loader', () => {
  it('keeps every paper, with its id from the file name', async () => {
    expect([...(await load()).keys()].sort()).toEqual(['annotated', 'bare', 'blank-lines']);
  });

  it('compiles a paper as MDX only when people wrote notes in its body', async () => {
    const stored = await load();
    expect(stored.get('annotated')?.deferredRender).toBe(true);
    expect(stored.get('bare')?.deferredRender).toBeFalsy();
    expect(stored.get('blank-lines')?.deferredRender).toBeFalsy();
  });

  it('agrees with the page on which papers have notes', async () => {
    const stored = await load();
    expect([...stored.values()].filter((p) => hasNotes(p.body)).map((p) => p.id)).toEqual(['annotated']);
  });
});
