/**
 * Where fetched responses land: their file names, their labels, what is not saved twice, and
 * `sources.yaml` gaining entries with its comments intact — all or nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FetchError } from '../../src/fetch/errors.ts';
import { fileStem, labelFor, nameNewSources, readSourcesFolder, saveNewSources } from '../../src/fetch/save.ts';
import { parseSpec } from '../../src/fetch/spec.ts';
import { contentPaths } from '../../src/lib/content-dir.ts';
import { listingManifest } from '../../src/schemas/paper.ts';
import { copyProject, snapshotDir } from '../support/fixtures.ts';

const spec = (text: string) => parseSpec(text, '2025-12-11');
const bytes = (text: string) => new TextEncoder().encode(text);
/** An empty folder as `nameNewSources` sees it, with these names taken. */
const folder = (...names: string[]) => ({ names: new Set(names), hashes: new Set<string>() });
const files = (sources: { file: string }[]) => sources.map((s) => s.file);

describe('file names', () => {
  it('say what was fetched', () => {
    expect(fileStem(spec('hf:daily:2025-12-11'))).toBe('hf-daily-2025-12-11');
    expect(fileStem(spec('hf:week:2025-W50'))).toBe('hf-week-2025-W50');
    expect(fileStem(spec('hf:search:"Flow Matching für Sprache"'))).toBe('hf-search-flow-matching-fuer-sprache');
    expect(fileStem(spec('hf:collection:lab/ssm-reading-6650a0'))).toBe('hf-collection-lab-ssm-reading-6650a0');
    expect(fileStem(spec('arxiv:2312.00752,2405.21060'))).toBe('arxiv-2312.00752-2405.21060');
    expect(fileStem(spec('arxiv:hep-ex/0307015'))).toBe('arxiv-hep-ex-0307015');
    expect(fileStem(spec('arxiv:query:ti:"rectified flow" AND cat:cs.LG'))).toBe('arxiv-query-ti-rectified-flow-and-cat-cs-lg');
    expect(fileStem(spec('zotero:groups/4530458/collections/ABCD2345'))).toBe('zotero-groups-4530458-collections-abcd2345');
    expect(fileStem(spec('openalex:search:"State Space Models"'))).toBe('openalex-search-state-space-models');
    expect(fileStem(spec('openalex:filter:authorships.author.id:A5023888391'))).toBe('openalex-filter-authorships-author-id-a5023888391');
    expect(fileStem(spec('crossref:10.1162/neco.1997.9.8.1735'))).toBe('crossref-10-1162-neco-1997-9-8-1735');
    expect(fileStem(spec('crossref:query:LSTM'))).toBe('crossref-query-lstm');
  });

  it('name three ids and count the rest', () => {
    expect(fileStem(spec('arxiv:2401.00001,2401.00002,2401.00003,2401.00004,2401.00005'))).toBe('arxiv-2401.00001-2401.00002-2401.00003-and-2-more');
  });

  it('too long for a file name, are cut at a hyphen and end with a hash of the whole', () => {
    const doi = (n: number) => `10.${1000 + n}/${'a-very-long-suffix-of-a-digital-object-identifier-'.repeat(2)}`;
    const long = fileStem(spec(`crossref:${doi(1)},${doi(2)},${doi(3)},${doi(4)}`));
    expect(long.length).toBeLessThanOrEqual(150);
    expect(long).toMatch(/^crossref-10-1001-a-very-long-suffix-of-a-digital-object-identifier-.*-[0-9a-f]{8}$/);
    expect(fileStem(spec(`crossref:${doi(1)},${doi(2)},${doi(5)},${doi(4)}`))).not.toBe(long);
  });

  it('get the service\'s extension, and a page number when there are several pages', () => {
    expect(files(nameNewSources(spec('hf:daily:2025-12-11'), [bytes('[1]')], folder()))).toEqual(['hf-daily-2025-12-11.json']);
    expect(files(nameNewSources(spec('arxiv:query:ti:flow'), [bytes('a'), bytes('b')], folder()))).toEqual(['arxiv-query-ti-flow-p1.xml', 'arxiv-query-ti-flow-p2.xml']);
  });

  it('a name already taken gets -2, -3…, the same for every page of the spec', () => {
    expect(files(nameNewSources(spec('hf:daily:2025-12-11'), [bytes('new')], folder('hf-daily-2025-12-11.json', 'hf-daily-2025-12-11-2.json')))).toEqual(['hf-daily-2025-12-11-3.json']);
    expect(files(nameNewSources(spec('hf:week:2025-W50'), [bytes('a'), bytes('b')], folder('hf-week-2025-W50-p2.json')))).toEqual(['hf-week-2025-W50-2-p1.json', 'hf-week-2025-W50-2-p2.json']);
  });
});

describe('what is not saved twice', () => {
  it('bytes the folder holds under any name are left out; the other pages keep their page numbers', () => {
    const root = copyProject();
    writeFileSync(join(contentPaths(root).sources, 'saved-by-hand.json'), 'same first page');
    const seen = readSourcesFolder(contentPaths(root));
    expect(files(nameNewSources(spec('hf:week:2025-W50'), [bytes('same first page'), bytes('a new second page')], seen))).toEqual(['hf-week-2025-W50-p2.json']);
    expect(nameNewSources(spec('hf:daily:2025-12-11'), [bytes('same first page')], seen)).toEqual([]);
  });

  it('bytes only a hidden file holds (a save cut short left .name.1234.tmp) are saved: the ingest reads no hidden file', () => {
    const root = copyProject();
    writeFileSync(join(contentPaths(root).sources, '.hf-week-2025-W50-p1.json.4242.tmp'), 'first page');
    const seen = readSourcesFolder(contentPaths(root));
    expect(files(nameNewSources(spec('hf:week:2025-W50'), [bytes('first page'), bytes('second page')], seen))).toEqual(['hf-week-2025-W50-p1.json', 'hf-week-2025-W50-p2.json']);
  });

  it('a later spec of the same run sees the names and bytes an earlier one took', () => {
    const seen = folder();
    expect(files(nameNewSources(spec('hf:daily:2025-12-11'), [bytes('one')], seen))).toEqual(['hf-daily-2025-12-11.json']);
    expect(files(nameNewSources(spec('hf:daily:2025-12-11'), [bytes('two')], seen))).toEqual(['hf-daily-2025-12-11-2.json']);
    expect(nameNewSources(spec('hf:daily:today'), [bytes('one')], seen)).toEqual([]);
  });
});

describe('labels', () => {
  it('name the stream a file came from, not its day or page', () => {
    expect(labelFor(spec('hf:daily:2025-12-11'))).toBe('Hugging Face Daily Papers');
    expect(labelFor(spec('hf:week:2025-W50'))).toBe('Hugging Face Daily Papers');
    expect(labelFor(spec('hf:search:flow matching'))).toBe('Hugging Face Papers search: flow matching');
    expect(labelFor(spec('hf:collection:lab/ssm-reading-6650a0'))).toBe('Hugging Face collection: lab/ssm-reading-6650a0');
    // A collection's papers, fetched from arXiv after it, are filed under the collection.
    expect(labelFor({ source: 'arxiv-ids', ids: ['2312.00752'], collection: 'lab/ssm-reading-6650a0' })).toBe('Hugging Face collection: lab/ssm-reading-6650a0');
    expect(labelFor(spec('arxiv:2312.00752,2405.21060'))).toBe('arXiv: 2312.00752, 2405.21060');
    expect(labelFor(spec('arxiv:query:ti:"rectified flow"'))).toBe('arXiv search: ti:"rectified flow"');
    expect(labelFor(spec('zotero:users/475425'))).toBe('Zotero library: users/475425');
    expect(labelFor(spec('openalex:search:state space models'))).toBe('OpenAlex search: state space models');
    expect(labelFor(spec('openalex:filter:publication_year:2024'))).toBe('OpenAlex: publication_year:2024');
    expect(labelFor(spec('crossref:10.1162/neco.1997.9.8.1735'))).toBe('Crossref: 10.1162/neco.1997.9.8.1735');
    expect(labelFor(spec('crossref:query:LSTM'))).toBe('Crossref search: LSTM');
  });
});

describe('reading content/sources/', () => {
  it('knows every name in the folder and every name the manifest lists, and the bytes of every file', () => {
    const root = copyProject();
    const sources = contentPaths(root).sources;
    writeFileSync(join(sources, 'sources.yaml'), `${readFileSync(join(sources, 'sources.yaml'), 'utf8')}  - file: gone.json\n    label: "Removed by hand"\n`);
    const read = readSourcesFolder(contentPaths(root));
    expect([...read.names].sort()).toEqual(['a-search-results.txt', 'b-daily-papers.txt', 'gone.json', 'sources.yaml']);
    const page = readFileSync(join(sources, 'a-search-results.txt'));
    expect(nameNewSources(spec('hf:daily:2025-12-11'), [page], read)).toEqual([]);
  });

  it('a sources.yaml that is not YAML is an error at its line; one whose listings are not a list too', () => {
    const root = copyProject();
    const manifest = join(contentPaths(root).sources, 'sources.yaml');
    writeFileSync(manifest, '# sources\nlistings:\n  - file: a.txt\n   label: [unclosed\n');
    expect(() => readSourcesFolder(contentPaths(root))).toThrow(FetchError);
    expect(() => readSourcesFolder(contentPaths(root))).toThrow(/^content\/sources\/sources\.yaml:[1-9]\d*: /);
    writeFileSync(manifest, 'listings: a.txt\n');
    expect(() => readSourcesFolder(contentPaths(root))).toThrow('content/sources/sources.yaml: "listings" must be a list of files');
  });

  it('a sources.yaml that is a list or a single value, not a mapping with "listings", is an error that names the file', () => {
    const root = copyProject();
    const manifest = join(contentPaths(root).sources, 'sources.yaml');
    for (const text of ['- file: a.txt\n', 'hello\n', '42\n']) {
      writeFileSync(manifest, text);
      expect(() => readSourcesFolder(contentPaths(root)), text).toThrow(new FetchError('content/sources/sources.yaml: must hold "listings:", a list of files'));
    }
  });
});

describe('saving', () => {
  it('a sources.yaml saved with Windows line ends keeps them', () => {
    const root = copyProject();
    const paths = contentPaths(root);
    const manifestPath = join(paths.sources, 'sources.yaml');
    writeFileSync(manifestPath, readFileSync(manifestPath, 'utf8').replace(/\n/g, '\r\n'));
    const read = readSourcesFolder(paths);
    saveNewSources(paths, nameNewSources(spec('hf:daily:2025-12-11'), [bytes('[]\n')], read), read, '2025-12-12');
    const text = readFileSync(manifestPath, 'utf8');
    expect(text).toContain('hf-daily-2025-12-11.json');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('saves nothing when another fetch saved while it ran: neither its sources.yaml nor a file it took the name of is written over', () => {
    const root = copyProject();
    const paths = contentPaths(root);
    const manifestPath = join(paths.sources, 'sources.yaml');
    const read = readSourcesFolder(paths);
    const sources = nameNewSources(spec('hf:daily:2025-12-11'), [bytes('[]\n')], read);
    // The other fetch's entry, added after this one read the folder.
    writeFileSync(manifestPath, `${readFileSync(manifestPath, 'utf8')}  - file: other.json\n`);
    const meanwhile = snapshotDir(paths.sources);
    expect(() => saveNewSources(paths, sources, read, '2025-12-12')).toThrow(FetchError);
    expect(snapshotDir(paths.sources)).toEqual(meanwhile);
    const again = readSourcesFolder(paths);
    const named = nameNewSources(spec('hf:daily:2025-12-11'), [bytes('[]\n')], again);
    writeFileSync(join(paths.sources, named[0]!.file), 'the other fetch\'s answer');
    expect(() => saveNewSources(paths, named, again, '2025-12-12')).toThrow(/changed while this fetch ran/);
    expect(readFileSync(join(paths.sources, named[0]!.file), 'utf8')).toBe('the other fetch\'s answer');
  });

  it('saves nothing while another fetch is saving (it holds .fetch.lock), and leaves no lock of its own behind', () => {
    const root = copyProject();
    const paths = contentPaths(root);
    const read = readSourcesFolder(paths);
    const sources = nameNewSources(spec('hf:daily:2025-12-11'), [bytes('[]\n')], read);
    // Held by a process that is running: this one.
    writeFileSync(join(paths.sources, '.fetch.lock'), `${process.pid}\n`);
    const meanwhile = snapshotDir(paths.sources);
    expect(() => saveNewSources(paths, sources, read, '2025-12-12')).toThrow(/\.fetch\.lock: another fetch is saving into this folder, so nothing was saved/);
    expect(snapshotDir(paths.sources)).toEqual(meanwhile);
    rmSync(join(paths.sources, '.fetch.lock'));
    saveNewSources(paths, sources, read, '2025-12-12');
    expect(readdirSync(paths.sources).filter((name) => name.startsWith('.'))).toEqual([]);
    expect(() => saveNewSources(paths, sources, read, '2025-12-12')).toThrow(/changed while this fetch ran/);
    expect(readdirSync(paths.sources).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('takes over a lock left by a fetch that was killed while saving (its process is gone)', () => {
    const root = copyProject();
    const paths = contentPaths(root);
    const read = readSourcesFolder(paths);
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(join(paths.sources, '.fetch.lock'), `${gone}\n`);
    saveNewSources(paths, nameNewSources(spec('hf:daily:2025-12-11'), [bytes('[]\n')], read), read, '2025-12-12');
    expect(readdirSync(paths.sources).filter((name) => name.startsWith('.'))).toEqual([]);
    expect(readFileSync(join(paths.sources, 'sources.yaml'), 'utf8')).toContain('hf-daily-2025-12-11.json');
  });

  it('writes the files as received and adds their entries after the others, with the comments kept', () => {
    const root = copyProject();
    const paths = contentPaths(root);
    const manifestPath = join(paths.sources, 'sources.yaml');
    const before = readFileSync(manifestPath, 'utf8');
    const read = readSourcesFolder(paths);
    const sources = nameNewSources(spec('hf:daily:2025-12-11'), [bytes('[]\n')], read);
    saveNewSources(paths, sources, read, '2025-12-12');
    expect(readFileSync(join(paths.sources, 'hf-daily-2025-12-11.json'), 'utf8')).toBe('[]\n');
    expect(readFileSync(manifestPath, 'utf8')).toBe(`${before}  - file: hf-daily-2025-12-11.json\n    label: "Hugging Face Daily Papers"\n    captured: 2025-12-12\n`);
    expect(listingManifest.parse(parse(readFileSync(manifestPath, 'utf8'))).listings.at(-1)).toEqual({ file: 'hf-daily-2025-12-11.json', label: 'Hugging Face Daily Papers', captured: '2025-12-12' });
  });

  it('a label that YAML would misread stays the text it is', () => {
    const root = copyProject();
    const paths = contentPaths(root);
    const read = readSourcesFolder(paths);
    saveNewSources(paths, nameNewSources(spec('hf:search:"no: # {yes} ---"'), [bytes('x')], read), read, '2025-12-11');
    const listings = listingManifest.parse(parse(readFileSync(join(paths.sources, 'sources.yaml'), 'utf8'))).listings;
    expect(listings.at(-1)!.label).toBe('Hugging Face Papers search: no: # {yes} ---');
  });

  it('a project without sources.yaml gets one', () => {
    const root = copyProject();
    const paths = contentPaths(root);
    rmSync(join(paths.sources, 'sources.yaml'));
    const read = readSourcesFolder(paths);
    saveNewSources(paths, nameNewSources(spec('arxiv:2312.00752'), [bytes('<feed/>')], read), read, '2025-12-11');
    const text = readFileSync(join(paths.sources, 'sources.yaml'), 'utf8');
    expect(text).toMatch(/^# /);
    expect(listingManifest.parse(parse(text)).listings).toEqual([{ file: 'arxiv-2312.00752.xml', label: 'arXiv: 2312.00752', captured: '2025-12-11' }]);
  });

  it('a write that fails leaves content/sources/ exactly as it was', () => {
    const root = copyProject();
    const paths = contentPaths(root);
    const read = readSourcesFolder(paths);
    const sources = nameNewSources(spec('hf:week:2025-W50'), [bytes('one'), bytes('two')], read);
    const before = snapshotDir(paths.sources);
    // The second page's name is taken by a folder after the names were chosen: its rename fails.
    mkdirSync(join(paths.sources, sources[1]!.file, 'inside'), { recursive: true });
    expect(() => saveNewSources(paths, sources, read, '2025-12-11')).toThrow();
    rmSync(join(paths.sources, sources[1]!.file), { recursive: true });
    expect(snapshotDir(paths.sources)).toEqual(before);
    expect(readdirSync(paths.sources).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
