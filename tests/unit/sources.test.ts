/**
 * Each source format, read on its own: what a file of that kind becomes, and what is wrong
 * with one that does not read. Formats are told apart by content, not by file name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { arxivId, arxivIdInVenue, doi, identifierKey } from '../../src/lib/ids.ts';
import { readSource } from '../../src/ingest/sources/detect.ts';
import { lineLocator } from '../../src/ingest/sources/record.ts';
import { errorsIn, warningsIn } from '../support/fixtures.ts';
import { fixturesDir } from '../support/repo.ts';

const encoder = new TextEncoder();
const read = (file: string, text: string, captured?: string) => readSource({ file, path: `content/sources/${file}`, bytes: encoder.encode(text), captured });
const fixture = (name: string) => readFileSync(join(fixturesDir, 'many-sources/content/sources', name), 'utf8');

describe('identifiers', () => {
  it('an arXiv id is found in every way sources write one, without its version', () => {
    for (const raw of ['2312.00752', 'arXiv:2312.00752v2', 'http://arxiv.org/abs/2312.00752v1', 'https://arxiv.org/pdf/2312.00752v3.pdf', '10.48550/arXiv.2312.00752', 'https://doi.org/10.48550/arXiv.2312.00752']) {
      expect(arxivId(raw), raw).toBe('2312.00752');
    }
    expect(arxivId('http://arxiv.org/abs/hep-ex/0307015v1')).toBe('hep-ex/0307015');
    expect(arxivId('math.GT/0309136')).toBe('math.GT/0309136');
    // Written in any case, an old-style id has one form: archive lowercase, subject class uppercase.
    for (const raw of ['math.gt/0309136', 'MATH.GT/0309136', 'arXiv:Math.Gt/0309136v2']) expect(arxivId(raw), raw).toBe('math.GT/0309136');
    for (const raw of ['', '12.34', 'https://example.org/abs/2312.00752', '10.1162/neco.1997.9.8.1735']) expect(arxivId(raw), raw).toBeNull();
  });

  it('a venue naming a preprint gives its arXiv id; any other venue none', () => {
    for (const venue of ['arXiv preprint arXiv:2312.00752', 'arXiv:2312.00752v2 [cs.LG]', 'arXiv 2312.00752']) expect(arxivIdInVenue(venue), venue).toBe('2312.00752');
    expect(arxivIdInVenue('arXiv preprint hep-th/9711200')).toBe('hep-th/9711200');
    for (const venue of ['arXiv preprint', 'Neural Computation', 'Proceedings of ICML 2312.00752']) expect(arxivIdInVenue(venue), venue).toBeNull();
  });

  it('a DOI loses its resolver prefix and trailing punctuation', () => {
    expect(doi('https://doi.org/10.1162/neco.1997.9.8.1735')).toBe('10.1162/neco.1997.9.8.1735');
    expect(doi('doi:10.1000/xyz.')).toBe('10.1000/xyz');
    expect(doi('not a doi')).toBeNull();
  });

  it('a search for an id or a link to one, whole, is a lookup key; a query that only mentions one is not', () => {
    for (const query of [' 2312.00752 ', 'arXiv:2312.00752v2', 'arXiv: 2312.00752', 'arXiv:2312.00752 [cs.LG]', 'https://arxiv.org/abs/2312.00752', 'arxiv.org/html/2312.00752v2', 'https://doi.org/10.48550/arXiv.2312.00752']) {
      expect(identifierKey(query), query).toBe('arxiv:2312.00752');
    }
    for (const query of ['10.1162/NECO.1997.9.8.1735', 'doi:10.1162/neco.1997.9.8.1735', 'doi: 10.1162/neco.1997.9.8.1735', 'https://doi.org/10.1162/neco.1997.9.8.1735', 'doi.org/10.1162/neco.1997.9.8.1735', 'https://www.doi.org/10.1162/neco.1997.9.8.1735']) {
      expect(identifierKey(query), query).toBe('doi:10.1162/neco.1997.9.8.1735');
    }
    // The site's own DOI links are percent-encoded (doiUrl).
    expect(identifierKey('https://doi.org/10.1002/(SICI)1097-4571%28199009%2941%3A6%3C391')).toBe('doi:10.1002/(sici)1097-4571(199009)41:6<391');
    // A DOI is text, not a link: its "%22" is three characters, and the link to it encodes them again.
    expect(identifierKey('10.1234/abc%22def')).toBe('doi:10.1234/abc%22def');
    expect(identifierKey('https://doi.org/10.1234/abc%2522def')).toBe('doi:10.1234/abc%22def');
    expect(identifierKey('10.1234/abc"def')).not.toBe(identifierKey('10.1234/abc%22def'));
    for (const query of ['mamba 2312.00752', 'see 10.1162/neco.1997.9.8.1735', 'mamba', '', '2023', 'x10.1162/abc']) expect(identifierKey(query), query).toBeNull();
  });
});

describe('telling formats apart by content', () => {
  it('an arXiv feed is read as one whatever its name, even .txt', () => {
    for (const name of ['feed.xml', 'feed.atom', 'feed.txt']) {
      const result = read(name, fixture('arxiv-id-list.xml'));
      expect(result.format, name).toBe('arxiv-atom');
      expect(result.records).toHaveLength(3);
    }
  });

  it('other XML, JSON of unknown shape and files of no known kind are errors, not listings', () => {
    const cases: [string, string][] = [
      ['rss.xml', '<?xml version="1.0"?><rss><channel><item><title>A paper</title></item></channel></rss>'],
      ['rss.txt', '<?xml version="1.0"?><rss><channel><item><title>A paper</title></item></channel></rss>'],
      ['no-prolog.txt', '<!-- saved -->\n<rss><channel><item><title>A paper</title></item></channel></rss>\n'],
      ['data.json', '{"papers": [{"name": "A paper"}]}'],
      ['notes.md', 'A title\nAn abstract long enough to read as one, about a paper nobody listed.\n'],
      ['table.csv', 'title,abstract\nA,B\n'],
    ];
    for (const [name, text] of cases) {
      const result = read(name, text);
      expect(result.format, name).toBeNull();
      expect(errorsIn(result.diagnostics), name).toHaveLength(1);
    }
  });

  it('a listing whose first title starts with [ or { is still a listing', () => {
    const result = read('listing.txt', '[Re] Reproducing Attention\nWe reproduce a paper about attention and report what held up and what did not.\n');
    expect(result.format).toBe('listing');
    expect(result.records[0]!.title).toBe('[Re] Reproducing Attention');
  });

  it('a listing whose first title is a tag, such as <Tag />, is still a listing', () => {
    // The XML validator accepts `<Tag />` followed by plain lines; a document has nothing outside its root.
    for (const abstract of ['We study a markup title and what the parser makes of it, at length.', '<p>An abstract that is itself one element, long enough to be read.</p>']) {
      const result = read('listing.txt', `<Tag />\n${abstract}\n`);
      expect(result.format, abstract).toBe('listing');
      expect(result.records[0]!.title).toBe('<Tag />');
    }
  });

  it('a Markdown note saved as .txt is an error at its first heading or list item, not a listing', () => {
    const notes = [
      ['# Reading notes for the group meeting\n\nWe went through the flow matching papers and agreed on what to read next week.\n\n## TODO\n\n- Ask Alice about the CTC paper\n', 1],
      ['Reading notes, long enough to be taken for the title of a paper in a listing\nSome prose that is long enough to be read as the abstract of that paper.\n\n- Ask Alice about the CTC paper\n', 4],
      ['Reading notes, long enough to be taken for the title of a paper in a listing\n1. Ask Alice about the CTC paper, which is long enough to be an abstract\n', 2],
    ] as const;
    for (const [text, line] of notes) {
      const result = read('notes.txt', text);
      expect(result.format, text).toBeNull();
      expect(result.records).toEqual([]);
      expect(errorsIn(result.diagnostics), text).toEqual([expect.objectContaining({ line, message: expect.stringContaining('Markdown') })]);
    }
  });

  it('a list of numbered references saved as .txt is an error at its first reference, not papers made of its lines', () => {
    const text = 'To read\n[1] A. Vaswani, N. Shazeer, N. Parmar. Attention is all you need. In NeurIPS, 2017.\n[2] A. Gu, T. Dao. Mamba: Linear-time sequence modeling with selective state spaces. arXiv, 2023.\n';
    const result = read('reading-list.txt', text);
    expect(result.format).toBeNull();
    expect(errorsIn(result.diagnostics)).toEqual([expect.objectContaining({ line: 2, message: expect.stringContaining('list of references') })]);
  });

  it('a list of titles and links saved as .txt is an error at each link: a link is not an abstract', () => {
    const result = read('to-read.txt', 'Attention Is All You Need\nhttps://huggingface.co/papers/1706.03762\nMamba: Linear-Time Sequence Modeling\n<https://arxiv.org/abs/2312.00752>\n');
    expect(result.records).toEqual([]);
    expect(errorsIn(result.diagnostics)).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringMatching(/^the line after the title "Attention Is All You Need" is a link, not its abstract/) }),
      expect.objectContaining({ line: 4, message: expect.stringMatching(/^the line after the title "Mamba: Linear-Time Sequence Modeling" is a link/) }),
    ]);
  });

  it('a table saved as .txt (CSV, tab-separated, a Zotero export) is an error, not papers made of its rows', () => {
    const tables = [
      'title,abstract,year,venue\n"Flow Matching for Generative Modeling","We introduce a new paradigm for generative modeling",2022,ICLR\n',
      'title\tabstract\nFlow Matching for Generative Modeling\tWe introduce a new paradigm for generative modeling.\n',
      '"Key","Item Type","Publication Year","Author","Title","Abstract Note"\n"ABC","journalArticle","2022","Lipman, Yaron","Flow Matching","We introduce…"\n',
    ];
    for (const text of tables) {
      const result = read('export.txt', text);
      expect(result.format, text).toBeNull();
      expect(result.records).toEqual([]);
      expect(errorsIn(result.diagnostics), text).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining('table') })]);
    }
  });

  it('a table without a header row, or with other column names, is a table too: its rows split alike', () => {
    const tables = [
      '2312.00752,"Mamba: Linear-Time Sequence Modeling with Selective State Spaces",2023,146\n2405.21060,"Transformers are SSMs: Generalized Models",2024,68\n2403.19887,"Jamba: A Hybrid Transformer-Mamba Language Model",2024,111\n',
      'Mamba: Linear-Time Sequence Modeling\tFoundation models, now powering most applications, are Transformers.\nJamba: A Hybrid Transformer-Mamba Language Model\tWe present Jamba, a new base model.\nGriffin: Mixing Gated Linear Recurrences\tWe propose Griffin, a hybrid model.\n',
      'Paper,Authors,Year,arXiv,Notes\nMamba,Gu and Dao,2023,2312.00752,read first\n',
    ];
    for (const text of tables) {
      const result = read('export.txt', text);
      expect(result.records, text).toEqual([]);
      expect(errorsIn(result.diagnostics), text).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining('reads as a table') })]);
    }
    const markdown = read('export.txt', '| Paper | Year |\n|---|---|\n| Mamba: Linear-Time Sequence Modeling | 2023 |\n');
    expect(errorsIn(markdown.diagnostics)).toEqual([expect.objectContaining({ line: 2, message: expect.stringContaining('Markdown') })]);
  });

  it('a listing whose lines have commas is no table: titles and abstracts never split alike', () => {
    const text = 'Attention, Please: A Study of Heads\nWe study heads, layers, and tokens, and find that most heads, in most layers, can go.\nScaling, Fast and Slow\nA model of scaling, with data, compute and parameters, fitted to runs.\n';
    expect(read('l.txt', text)).toMatchObject({ format: 'listing', diagnostics: [] });
    // One paper whose title and abstract both have two commas, or a "|".
    expect(read('l.txt', 'Sparse, Fast, and Accurate Attention\nWe make attention sparse, fast, and accurate at once.\n')).toMatchObject({ format: 'listing', diagnostics: [] });
    expect(read('l.txt', 'A | B: Attention\nWe study attention | and its cost on long inputs of text.\n')).toMatchObject({ format: 'listing', diagnostics: [] });
    expect(read('l.txt', 'Mixtral\tof Experts\nWe introduce Mixtral 8x7B, a sparse mixture of experts model.\tIt outperforms Llama 2 70B.\n')).toMatchObject({ format: 'listing', diagnostics: [] });
    // A first title made of words that name columns is still a title: column names are short and ask nothing.
    for (const title of ['Year, Venue, or Citations? Predicting Paper Impact', 'Title, Abstract, and Keywords: What Reviewers Read First']) {
      expect(read('l.txt', `${title}\nWe predict the impact of a paper from what its first page says about it.\n`), title).toMatchObject({ format: 'listing', diagnostics: [] });
    }
  });

  it('a page saved as one file (MHTML), whatever it is called, is an error saying so', () => {
    const page = 'From: <Saved by Blink>\nSnapshot-Content-Location: https://huggingface.co/papers\nSubject: Daily Papers\nMIME-Version: 1.0\nContent-Type: multipart/related;\n\ttype="text/html";\n\tboundary="----MultipartBoundary--abc----"\n\n------MultipartBoundary--abc----\nContent-Type: text/html\n\n<!DOCTYPE html><html><body>Daily Papers</body></html>\n';
    for (const name of ['page.txt', 'page.mhtml', 'page.json']) {
      const result = read(name, page);
      expect(result.format, name).toBeNull();
      expect(errorsIn(result.diagnostics), name).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining('MHTML') })]);
    }
  });

  it('a Hub collection page saved as text is an error at its first card, not papers whose abstracts are card lines', () => {
    const page = 'Hugging Face\nModels\nState space models reading list\nupdated 3 days ago\nMamba: Linear-Time Sequence Modeling with Selective State Spaces\nPaper • 2312.00752 • Published Dec 1, 2023 • 146\nstate-spaces/mamba-2.8b-hf\nText Generation • Updated Mar 6, 2024 • 21.3k • 104\n';
    const result = read('collection.txt', page);
    expect(result.records).toEqual([]);
    expect(errorsIn(result.diagnostics)).toEqual([expect.objectContaining({ line: 6, message: expect.stringContaining('npm run fetch -- hf:collection:') })]);
  });

  it('a RIS export is RIS whatever it is called, .txt included: not a paper per tag line', () => {
    for (const file of ['export.ris', 'export.txt', 'export']) {
      const result = read(file, 'TY  - JOUR\nTI  - Flow Matching for Generative Modeling\nAU  - Lipman, Yaron\nPY  - 2022\nER  - \n');
      expect(result.format, file).toBe('ris');
      expect(result.records.map((r) => r.title), file).toEqual(['Flow Matching for Generative Modeling']);
    }
  });

  it('a listing whose first title has commas, or the word "title", is still a listing', () => {
    const abstract = 'This abstract is definitely longer than forty characters to satisfy the check.';
    for (const title of ['Flow Matching, for Generative Modeling', 'Title, Abstract and Keywords: What Reviewers Read First', 'TY - A Paper About Typing']) {
      const result = read('listing.txt', `${title}\n${abstract}\n`);
      expect(result.format, title).toBe('listing');
      expect(result.records[0]!.title).toBe(title);
    }
  });

  it('a listing whose metadata says "- 4 authors" or "* 4 authors" is still a listing', () => {
    const result = read('listing.txt', `A Title\n\n${'An abstract long enough to be read as one, about attention.'}\n\n- 4 authors\n·\nDec 8, 2024\n`, '2024-12-10');
    expect(result.format).toBe('listing');
    expect(result.records[0]).toMatchObject({ title: 'A Title', authorsCount: 4 });
  });

  it('a listing whose first title starts like an HTML page or a BibTeX entry is still a listing', () => {
    const abstract = 'This abstract is definitely longer than forty characters to satisfy the check.';
    for (const title of ['<html> considered harmful: tags as titles', '@article{x, is how BibTeX starts: a study']) {
      const result = read('listing.txt', `${title}\n${abstract}\n`);
      expect(result.format, title).toBe('listing');
      expect(result.records[0]!.title).toBe(title);
    }
  });

  it('a .bib of 200,000 blank lines and no entry is told apart in linear time (it took over 20 s)', () => {
    const started = performance.now();
    expect(read('empty.bib', `junk\n${'\n'.repeat(200_000)}`).format).toBeNull();
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('BibTeX saved as .txt is still BibTeX', () => {
    expect(read('library.txt', fixture('zotero-better-bibtex.bib')).format).toBe('bibtex');
  });

  it('truncated JSON is an error at its line, and nothing is read from it', () => {
    const text = fixture('hf-daily-papers.json');
    const result = read('daily.json', text.slice(0, text.length / 2));
    expect(result.records).toEqual([]);
    expect(errorsIn(result.diagnostics)[0]!.message).toMatch(/not valid JSON/);
    expect(errorsIn(result.diagnostics)[0]!.line).toBeGreaterThan(1);
  });

  it('an empty .bib, .json, .ris or .xml is an error saying it is empty, not a file of unknown format', () => {
    for (const file of ['lib.bib', 'items.json', 'lib.ris', 'feed.xml']) {
      expect(errorsIn(read(file, '  \n').diagnostics), file).toEqual([expect.objectContaining({ message: expect.stringMatching(/^this file is empty/) })]);
    }
  });

  it('a JSON file nested past the call stack (a million "[") is an error naming it, not a crash', () => {
    const result = read('deep.json', '['.repeat(1_000_000));
    expect(result.records).toEqual([]);
    expect(errorsIn(result.diagnostics)).toEqual([expect.objectContaining({ file: 'content/sources/deep.json', message: expect.stringMatching(/^this is not valid JSON/) })]);
  });

  it('every JSON syntax error is at its line, also those JSON.parse gives no position for (a trailing comma, a misspelt literal)', () => {
    const at = (text: string) => errorsIn(read('zotero.json', text).diagnostics).map((d) => [d.line, d.message]);
    expect(at('[\n  {"id": "a", "type": "article", "title": "A"},\n]\n')).toEqual([[3, 'this is not valid JSON (Unexpected token \']\'); a truncated download?']]);
    expect(at('[\n  {"id": "a", "type": "article",\n   "issued": tru}\n]')).toEqual([[3, expect.stringMatching(/^this is not valid JSON \(Unexpected token/)]]);
    // V8 quotes the text around the error, with "..." on both sides away from the file's ends: none of it is kept.
    const items = JSON.stringify(Array.from({ length: 30 }, (_, i) => ({ id: `k${i}`, type: 'article', title: `T${i}` })), null, 2).replace('"T11"', 'tru');
    expect(at(items)).toEqual([[expect.any(Number), "this is not valid JSON (Unexpected token '\n'); a truncated download?"]]);
  });

  it('a .txt that starts as JSON does and does not read as JSON is an error, not a listing of "[" and "null,"', () => {
    const cut = '[\n{"paperId": "a1", "title": "Attention is All you Need"},\nnull,\n{"paperId": "b2", "title": "Mamba"}\n';
    expect(read('s2.txt', cut)).toMatchObject({ format: null, records: [], diagnostics: [expect.objectContaining({ severity: 'error', line: 5, message: expect.stringContaining('not valid JSON') })] });
    const lines = '{"id": "a", "type": "article", "title": "A"}\n{"id": "b", "type": "article", "title": "B"}\n';
    expect(read('items.txt', lines)).toMatchObject({ format: null, diagnostics: [expect.objectContaining({ line: 2, message: expect.stringContaining('not one object a line (JSON Lines)') })] });
    // A title that starts with a bracket is a title, and so is a to-read list's box.
    expect(read('list.txt', '[Re] Reproducing Attention\nA reproduction.\n').format).toBe('listing');
    expect(read('list.txt', '[ ] Attention Is All You Need\nThe transformer.\n').format).toBe('listing');
    expect(read('refs.txt', '[1] A. Vaswani et al. Attention Is All You Need. NeurIPS, 2017.\n').diagnostics[0]!.message).toContain('a list of references');
    // A lone bracket above an abstract that opens with a quotation starts no JSON.
    expect(read('list.txt', '[{Curly}] Brackets Opening a Title\nAn abstract about a title that opens with two kinds of bracket.\n').format).toBe('listing');
    for (const bracket of ['{', '[']) expect(read('list.txt', `${bracket}\n"Attention" is what this abstract opens with, and a title no one would write!\n`).format, bracket).toBe('listing');
  });

  it('a byte-order mark (Windows exports) does not hide the format', () => {
    expect(read('zotero.json', `\uFEFF${fixture('zotero-csl.json')}`).format).toBe('csl-json');
    expect(read('library.bib', `\uFEFF${fixture('zotero-better-bibtex.bib')}`).format).toBe('bibtex');
  });

  it('an HTML page (an error or sign-in page) is an error saying so, whatever the file is called', () => {
    const page = '<!DOCTYPE html>\n<html lang="en">\n<head><title>502 Bad Gateway</title></head>\n<body><h1>Bad Gateway</h1>\n<p>Try again later.</p></body>\n</html>\n';
    for (const [name, text] of [['page.txt', page], ['page.json', page], ['page.xml', page], ['page.txt', `<!-- saved -->\n<html><body>Sign in</body></html>`], ['cut.txt', page.slice(0, 20)]] as const) {
      const result = read(name, text);
      expect(result.format, name).toBeNull();
      expect(errorsIn(result.diagnostics), name).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining('HTML page') })]);
    }
  });

  it('a Hugging Face error response is an error', () => {
    expect(errorsIn(read('paper.json', '{"error":"Paper not found"}').diagnostics)[0]!.message).toContain('Paper not found');
  });
});

describe('listing pages', () => {
  it('dates without a year, in a listing with no capture date, are one warning at the first, however many (130,000)', () => {
    const block = (i: number) => `Paper ${i} on vision\n\nWe present model ${i}, a new and simple model for images.\n\n  • 4 authors\n·\nFeb 23\n`;
    const text = Array.from({ length: 130_000 }, (_, i) => block(i)).join('\n');
    const { records, diagnostics } = read('daily.txt', text);
    expect(records).toHaveLength(130_000);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', line: 7, message: expect.stringContaining('130000 listing date(s) have no year') })]);
  });
});

describe('arXiv Atom', () => {
  it('a processing instruction left open is an error at its line', () => {
    const text = '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n<entry><id>http://arxiv.org/abs/2312.00752v1</id><title>T</title></entry>\n<?pi a="b ?>\n</feed>\n';
    expect(errorsIn(read('feed.xml', text).diagnostics)).toEqual([expect.objectContaining({ line: 4, message: expect.stringContaining('processing instruction (<?…?>) is not closed') })]);
  });

  const { records, diagnostics } = read('feed.xml', fixture('arxiv-id-list.xml'));

  it('gives id without version, collapsed title and abstract, authors in order, category, PDF and v1 date', () => {
    expect(diagnostics).toEqual([]);
    expect(records[0]).toMatchObject({
      arxivId: '2312.00752',
      title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
      authors: ['Albert Gu', 'Tri Dao'],
      arxivCategory: 'cs.LG',
      published: '2023-12-01',
      links: { pdf: 'http://arxiv.org/pdf/2312.00752v2' },
      line: 10,
    });
    expect(records[0]!.abstract).toMatch(/^Foundation models, now powering .* hardware- aware parallel/);
    expect(records[1]!.authors).toHaveLength(17);
  });

  it('the error entry arXiv sends for a bad query is an error with its message, at the entry', () => {
    const result = read('error.xml', readFileSync(join(fixturesDir, 'broken-sources/arxiv-error.xml'), 'utf8'));
    expect(result.records).toEqual([]);
    expect(errorsIn(result.diagnostics)).toEqual([expect.objectContaining({ line: 10, message: expect.stringContaining('incorrect id format for 1234.12345') })]);
  });

  it('a feed cut off mid-way is an error at its last line, naming what is left open', () => {
    const text = fixture('arxiv-id-list.xml');
    const cut = text.slice(0, text.indexOf('</entry>', 2000));
    const result = read('feed.xml', cut);
    expect(result.records).toEqual([]);
    expect(errorsIn(result.diagnostics)).toEqual([expect.objectContaining({ line: cut.trimEnd().split('\n').length, message: expect.stringMatching(/not well-formed XML.*<feed>, <entry>/) })]);
  });

  /** A feed of one entry, 2312.00752 at line 4, with `inside` in it and `prolog` (a DOCTYPE) before it. */
  const feed = (inside: string, prolog = '') => `<?xml version="1.0"?>\n${prolog}<feed xmlns="http://www.w3.org/2005/Atom">\n<entry>\n<id>http://arxiv.org/abs/2312.00752v1</id>\n${inside}\n</entry>\n</feed>\n`;

  it('character references are decoded, in titles and names alike', () => {
    const text = feed('<title>Caf&#233; and Caf&#xE9; and &#x1F680; &amp; &lt;T&gt;</title>\n<author><name>Jos&#233; Garc&#xED;a</name></author>');
    expect(read('feed.xml', text).records[0]).toMatchObject({ title: 'Café and Café and 🚀 & <T>', authors: ['José García'] });
  });

  it('a character reference to no character XML allows (past U+10FFFF, a control, a surrogate) is an error at its line, never kept as written', () => {
    for (const reference of ['&#99999999;', '&#x110000;', '&#0;', '&#xD800;']) {
      const result = read('feed.xml', feed(`<title>T\n${reference}</title>`));
      expect(result.records).toEqual([]);
      expect(errorsIn(result.diagnostics)).toEqual([expect.objectContaining({ line: 6, message: expect.stringContaining(`"${reference}"`) })]);
    }
  });

  it('the text of an inline element stays in place, with the spaces around it', () => {
    const text = feed('<title>Title with <b>bold</b> inside</title>\n<summary>S <i>x</i> y</summary>');
    expect(read('feed.xml', text).records[0]).toMatchObject({ title: 'Title with bold inside', abstract: 'S x y' });
  });

  it('an entity other than XML\'s own is an error at its line, never kept as "&name;": one from a DOCTYPE is not expanded', () => {
    const result = read('feed.xml', feed('<title>T\n&b;</title>', '<!DOCTYPE feed [<!ENTITY b "bold">]>\n'));
    expect(result.records).toEqual([]);
    expect(errorsIn(result.diagnostics)).toEqual([expect.objectContaining({ line: 7, message: expect.stringContaining('&b;') })]);
  });

  it('an external entity is an error at the DOCTYPE, and the file it names is never read', () => {
    const result = read('feed.xml', feed('<title>T</title>', '<!DOCTYPE feed [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'));
    expect(result.records).toEqual([]);
    expect(errorsIn(result.diagnostics)).toEqual([expect.objectContaining({ line: 2, message: expect.stringContaining('DOCTYPE') })]);
  });

  it('elements nested a hundred deep are an error for the file, not a bare parser message', () => {
    const result = read('feed.xml', feed(`<title>T</title><summary>${'<a>'.repeat(120)}${'</a>'.repeat(120)}</summary>`));
    expect(result.records).toEqual([]);
    expect(errorsIn(result.diagnostics)).toEqual([expect.objectContaining({ line: 0, message: expect.stringContaining('nested more than 100 deep') })]);
  });

  it('an element the XML reader refuses by its name (<constructor>) is an error at its line', () => {
    const result = read('feed.xml', feed('<title>T</title>\n<constructor>x</constructor>'));
    expect(result.records).toEqual([]);
    expect(errorsIn(result.diagnostics)).toEqual([expect.objectContaining({ line: 6, message: expect.stringContaining('<constructor>') })]);
  });

  it('an entry\'s line is its own <entry>\'s, whatever "<entry>" a comment or a CDATA section before it holds', () => {
    const entry = (id: string, title: string) => `<entry>\n<id>http://arxiv.org/abs/${id}v1</id>\n<title>${title}</title>\n</entry>\n`;
    const text = `<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n<!-- <entry> an old one </entry> -->\n<subtitle><![CDATA[ <entry> ]]></subtitle>\n${entry('2401.00013', 'T')}${entry('2401.00014', '')}</feed>\n`;
    const result = read('feed.xml', text);
    expect(result.records[0]!.line).toBe(5);
    expect(errorsIn(result.diagnostics)).toEqual([expect.objectContaining({ line: 9, message: expect.stringContaining('2401.00014 has no title') })]);
  });

  it('journal_ref becomes the venue, of no stated kind (it is free text, a journal\'s or a conference\'s) and not dated by the preprint; arxiv:doi the DOI', () => {
    const text = fixture('arxiv-id-list.xml').replace('<published>2023', '<arxiv:doi>10.1000/j.x.2024</arxiv:doi><arxiv:journal_ref>Eur.Phys.J. C31 (2003) 17-29</arxiv:journal_ref><published>2023');
    const [record] = read('feed.xml', text).records;
    expect(record).toMatchObject({ doi: '10.1000/j.x.2024', venue: { name: 'Eur.Phys.J. C31 (2003) 17-29', kind: 'other' }, published: expect.stringMatching(/^2023/) });
    expect(record!.venue).not.toHaveProperty('date');
  });
});

describe('Hugging Face Papers API', () => {
  it('a daily-papers response gives arXiv id, authors, arXiv date, featured day, upvotes and links', () => {
    const { format, records, diagnostics } = read('daily.json', fixture('hf-daily-papers.json'));
    expect(format).toBe('hf-api');
    expect(diagnostics).toEqual([]);
    expect(records[0]).toMatchObject({
      arxivId: '2405.21060',
      authors: ['Tri Dao', 'Albert Gu'],
      published: '2024-05-31',
      listedOn: '2024-06-03',
      upvotes: 64,
      links: { code: 'https://github.com/state-spaces/mamba', project: null, pdf: null },
    });
  });

  it('a single paper response (/api/papers/{id}) and a search response read the same way', () => {
    expect(read('paper.json', fixture('hf-paper-2405.21060.json')).records).toEqual([expect.objectContaining({ arxivId: '2405.21060', authors: ['Tri Dao', 'Albert Gu'] })]);
    expect(read('search.json', fixture('hf-search-mamba.json')).records).toEqual([expect.objectContaining({ arxivId: '2312.00752', upvotes: 145 })]);
  });

  it('an empty page (past the last one) reads as no papers (the fetch saves none; the ingest refuses one)', () => {
    const result = read('daily.json', '[]');
    expect(result.records).toEqual([]);
    expect(result.diagnostics).toEqual([]);
  });

  it('an entry without a paper is an error naming it; the others are still read', () => {
    const entries = JSON.parse(fixture('hf-daily-papers.json')) as unknown[];
    const result = read('daily.json', JSON.stringify([...entries, { title: 'no paper' }]));
    expect(result.records).toHaveLength(2);
    expect(errorsIn(result.diagnostics)[0]!.message).toMatch(/entry 3/);
  });

  it('an entry without a paper is an error at the line where it starts', () => {
    const entries = JSON.parse(fixture('hf-daily-papers.json')) as unknown[];
    const text = JSON.stringify([entries[0], { title: 'no paper' }], null, 2);
    expect(errorsIn(read('daily.json', text).diagnostics)).toEqual([expect.objectContaining({ line: text.split('\n').lastIndexOf('  {') + 1, message: expect.stringContaining('entry 2') })]);
  });

  describe('a collection (/api/collections/{slug})', () => {
    const paper = { _id: '6650a1', position: 0, type: 'paper', id: '2405.21060', title: 'Transformers are SSMs', publishedAt: '2024-05-31T17:50:01.000Z', upvotes: 64, note: { html: 'read first', text: 'read first' } };
    const collection = (items: unknown[]) =>
      JSON.stringify({ slug: 'lab/ssm-reading-6650a0', title: 'SSM reading', owner: { name: 'lab', type: 'org' }, items, theme: 'blue', private: false, upvotes: 3, lastUpdated: '2024-06-01T00:00:00.000Z' }, null, 2);
    /** The line where each item's "{" is, as JSON.stringify indents them. */
    const itemLines = (text: string) => text.split('\n').flatMap((line, i) => (line === '    {' ? [i + 1] : []));

    it('gives each paper item its arXiv id, title, arXiv date and upvotes, at its line; models, datasets and Spaces are no papers', () => {
      const text = collection([{ _id: 'm', position: 1, type: 'model', id: 'state-spaces/mamba-2.8b', author: 'state-spaces' }, paper, { _id: 'd', position: 2, type: 'dataset', id: 'lab/pile' }]);
      const { format, records, diagnostics } = read('collection.json', text);
      expect([format, diagnostics]).toEqual(['hf-api', []]);
      expect(records).toEqual([expect.objectContaining({ key: '2405.21060', arxivId: '2405.21060', title: 'Transformers are SSMs', published: '2024-05-31', upvotes: 64, abstract: null, authors: [], line: itemLines(text)[1] })]);
    });

    it('a collection inside it, or a kind of item the reader does not know, is a warning at its line; a paper item without an id is an error at its line', () => {
      const text = collection([paper, { _id: 'c', position: 1, type: 'collection', slug: 'lab/older-6640aa', title: 'Older' }, { _id: 'p', position: 2, type: 'paper', title: 'No id' }, { _id: 'b', position: 3, type: 'blog', id: 'lab/post' }]);
      const { records, diagnostics } = read('collection.json', text);
      expect(records.map((r) => r.title)).toEqual(['Transformers are SSMs']);
      expect(diagnostics).toEqual([
        expect.objectContaining({ severity: 'warning', line: itemLines(text)[1], message: expect.stringContaining('lab/older-6640aa') }),
        expect.objectContaining({ severity: 'error', line: itemLines(text)[2], message: expect.stringContaining('item 3 is a paper without its arXiv id') }),
        expect.objectContaining({ severity: 'warning', line: itemLines(text)[3], message: expect.stringContaining('item 4 is a "blog", a kind of item this reader does not know') }),
      ]);
    });

    it('an item\'s line is found under the collection\'s own "items", not under a nested key of that name or in a text', () => {
      const text = JSON.stringify({ slug: 'lab/x-1', description: 'its "items": [ are papers', owner: { name: 'lab', items: [{ a: 1 }, { b: 2 }] }, items: [paper] }, null, 2);
      // The collection's own list is the one indented once; its item's "{" is on the line after.
      expect(read('collection.json', text).records.map((r) => r.line)).toEqual([text.split('\n').indexOf('  "items": [') + 2]);
    });

    it('a list of collections, which shows only the first items of each, is an error, not a partial reading', () => {
      const list = `[${collection([paper])}]`;
      expect(read('collections.json', list)).toMatchObject({ format: null, records: [], diagnostics: [expect.objectContaining({ severity: 'error', message: expect.stringContaining('list of Hugging Face collections') })] });
    });
  });

  it('an entry\'s line is where its "{" is, and finding 10,000 entries\' lines takes one pass over the file', () => {
    const entry = (i: number) => ({ paper: { id: `2401.${String(10_000 + i)}`, authors: [{ name: 'J Doe' }], title: `Paper ${i}` }, title: `Paper ${i}` });
    const text = JSON.stringify(Array.from({ length: 10_000 }, (_, i) => entry(i)), null, 2);
    const started = performance.now();
    const { records } = read('daily.json', text);
    // One pass takes about 0.2 s; a scan per item took 11–15 s. The bound leaves room for a busy CI machine.
    expect(performance.now() - started).toBeLessThan(3000);
    expect(records.map((r) => r.line).slice(0, 3)).toEqual([2, 14, 26]);
  });
});

describe('arXiv OAI-PMH', () => {
  const oai = (metadata: string, more = '') =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">\n<responseDate>2025-01-02T00:00:00Z</responseDate>\n<request verb="ListRecords" metadataPrefix="arXiv">https://oaipmh.arxiv.org/oai</request>\n<ListRecords>\n${more}<record>\n<header><identifier>oai:arXiv.org:2312.00752</identifier><datestamp>2024-05-31</datestamp></header>\n<metadata>\n${metadata}\n</metadata>\n</record>\n</ListRecords>\n</OAI-PMH>\n`;
  const deleted = '<record>\n<header status="deleted"><identifier>oai:arXiv.org:1001.00001</identifier></header>\n</record>\n';
  const expected = { arxivId: '2312.00752', title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces', authors: ['Albert Gu', 'Tri Dao'], published: '2023-12-01', abstract: 'Foundation models are almost universally based on the Transformer.' };

  it('the arXiv format gives id, title, authors in order, v1 date, primary category, DOI, journal and abstract; a deleted record is no paper', () => {
    const metadata = '<arXiv xmlns="http://arxiv.org/OAI/arXiv/">\n<id>2312.00752</id><created>2023-12-01</created><updated>2024-05-31</updated>\n<authors><author><keyname>Gu</keyname><forenames>Albert</forenames></author><author><keyname>Dao</keyname><forenames>Tri</forenames></author></authors>\n<title>Mamba: Linear-Time Sequence Modeling with\n  Selective State Spaces</title>\n<categories>cs.LG cs.AI</categories><journal-ref>COLM 2024</journal-ref><doi>10.1000/x.1</doi>\n<abstract>  Foundation models are almost universally based on the\nTransformer.\n</abstract>\n</arXiv>';
    const { format, records, diagnostics } = read('harvest.xml', oai(metadata, deleted));
    expect([format, diagnostics]).toEqual(['arxiv-oai', []]);
    expect(records).toEqual([expect.objectContaining({ ...expected, line: 9, arxivCategory: 'cs.LG', doi: '10.1000/x.1', venue: { name: 'COLM 2024', kind: 'other' } })]);
  });

  it('arXivRaw (authors on one line, the date of v1) and oai_dc (creators as "Family, Given") read alike', () => {
    const raw = '<arXivRaw xmlns="http://arxiv.org/OAI/arXivRaw/"><id>2312.00752</id><version version="v1"><date>Fri, 1 Dec 2023 18:01:34 GMT</date></version><version version="v2"><date>Fri, 31 May 2024 17:00:00 GMT</date></version><title>Mamba: Linear-Time Sequence Modeling with Selective State Spaces</title><authors>Albert Gu and Tri Dao</authors><categories>cs.LG</categories><abstract>Foundation models are almost universally based on the Transformer.</abstract></arXivRaw>';
    const dc = '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Mamba: Linear-Time Sequence Modeling with Selective State Spaces</dc:title><dc:creator>Gu, Albert</dc:creator><dc:creator>Dao, Tri</dc:creator><dc:description>Foundation models are almost universally based on the Transformer.</dc:description><dc:description>Comment: 37 pages</dc:description><dc:date>2023-12-01</dc:date><dc:date>2024-05-31</dc:date><dc:identifier>http://arxiv.org/abs/2312.00752</dc:identifier></oai_dc:dc>';
    for (const metadata of [raw, dc]) {
      const { format, records, diagnostics } = read('harvest.xml', oai(metadata));
      expect([format, diagnostics], metadata.slice(0, 12)).toEqual(['arxiv-oai', []]);
      expect(records[0], metadata.slice(0, 12)).toMatchObject(expected);
    }
    expect(read('raw.xml', oai(raw.replace('Albert Gu and Tri Dao', 'A. Gu, T. Dao, and C. Ré'))).records[0]!.authors).toEqual(['A. Gu', 'T. Dao', 'C. Ré']);
  });

  it('names as submitters write them: arXivRaw\'s numbered affiliations, suffixes and TeX accents, oai_dc\'s "Family, Given, Jr.", collaborations and firms', () => {
    const raw = (authors: string) => read('raw.xml', oai(`<arXivRaw><id>2312.00752</id><title>T</title><authors>${authors}</authors></arXivRaw>`)).records[0]!.authors;
    expect(raw('Ashok Kumar (1), Ram Singh (2) ((1) IIT Delhi, (2) IISc Bangalore)')).toEqual(['Ashok Kumar', 'Ram Singh']);
    expect(raw('J. Smith, Jr., A. Jones, and B. Brown')).toEqual(['J. Smith, Jr.', 'A. Jones', 'B. Brown']);
    expect(raw('C. Bal\\\'azs, M. G\\"unther and J.~Doe')).toEqual(['C. Balázs', 'M. Günther', 'J. Doe']);
    expect(raw('G. Aad, et al')).toEqual(['G. Aad']);
    // TeX's letters, and accents on a dotless i, in both formats that carry TeX.
    const letters = 'Anders S{\\o}gaard, {\\L}ukasz Kaiser, Jos\\\'e Garc\\\'{\\i}a, P. Stra\\ss{}er and L. \\AA kesson';
    const named = ['Anders Søgaard', 'Łukasz Kaiser', 'José García', 'P. Straßer', 'L. Åkesson'];
    expect(raw(letters)).toEqual(named);
    const arxiv = read('arxiv.xml', oai('<arXiv><id>2312.00752</id><title>T</title><authors><author><keyname>Bal\\\'azs</keyname><forenames>C.</forenames></author><author><keyname>S{\\o}gaard</keyname><forenames>Anders</forenames></author></authors></arXiv>'));
    expect(arxiv.records[0]!.authors).toEqual(['C. Balázs', 'Anders Søgaard']);
    const dc = read('dc.xml', oai('<oai_dc:dc xmlns:oai_dc="x" xmlns:dc="y"><dc:title>T</dc:title><dc:creator>Smith, John, Jr.</dc:creator><dc:creator>The LIGO Scientific Collaboration, The Virgo Collaboration</dc:creator><dc:creator>Wiley, Inc.</dc:creator><dc:identifier>http://arxiv.org/abs/2312.00752</dc:identifier></oai_dc:dc>'));
    // As the other readers write them: "John Smith, Jr." is one author page with a .bib's "Smith, Jr., John".
    expect(dc.records[0]!.authors).toEqual(['John Smith, Jr.', 'The LIGO Scientific Collaboration, The Virgo Collaboration', 'Wiley, Inc.']);
  });

  it('a harvest in a format this does not read is one error, at its first record; another repository\'s OAI-PMH is not arXiv\'s', () => {
    const old = (id: string) => `<record>\n<header><identifier>oai:arXiv.org:${id}</identifier></header>\n<metadata><arXivOld><id>${id}</id><title>T</title></arXivOld></metadata>\n</record>\n`;
    const text = oai('<arXivOld><id>2312.00752</id><title>T</title></arXivOld>', old('2312.00753') + old('2312.00754'));
    expect(errorsIn(read('old.xml', text).diagnostics)).toEqual([expect.objectContaining({ line: 6, message: expect.stringMatching(/^these 3 records are in the <arXivOld> format/) })]);
    const zenodo = '<?xml version="1.0"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">\n<request verb="GetRecord">https://zenodo.org/oai2d</request>\n<GetRecord><record><header><identifier>oai:zenodo.org:1</identifier></header><metadata><oai_dc:dc xmlns:oai_dc="x" xmlns:dc="y"><dc:title>Code</dc:title><dc:description>Software for https://arxiv.org/abs/2312.00752</dc:description></oai_dc:dc></metadata></record></GetRecord>\n</OAI-PMH>\n';
    expect(read('zenodo.xml', zenodo)).toMatchObject({ format: null, diagnostics: [expect.objectContaining({ line: 1, message: expect.stringContaining('OAI-PMH') })] });
  });

  it('"no records match" is an empty answer; any other OAI error is an error at its line; a record with no title is an error at its own', () => {
    const answer = (code: string) => `<?xml version="1.0"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">\n<request>https://oaipmh.arxiv.org/oai</request>\n<error code="${code}">The request could not be done</error>\n</OAI-PMH>\n`;
    expect(read('empty.xml', answer('noRecordsMatch'))).toMatchObject({ format: 'arxiv-oai', records: [], diagnostics: [] });
    expect(errorsIn(read('bad.xml', answer('badArgument')).diagnostics)).toEqual([expect.objectContaining({ line: 4, message: expect.stringContaining('(badArgument)') })]);
    const untitled = read('harvest.xml', oai('<arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>2312.00752</id></arXiv>'));
    expect(errorsIn(untitled.diagnostics)).toEqual([expect.objectContaining({ line: 6, message: 'record 2312.00752 has no title' })]);
  });
});

describe('Semantic Scholar Graph API', () => {
  const mamba = {
    paperId: '7bbc7595196a0606a07506c4fb1473e5e87f6082',
    externalIds: { ArXiv: '2312.00752', DBLP: 'journals/corr/abs-2312-00752', DOI: '10.48550/arXiv.2312.00752', CorpusId: 265213 },
    title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
    abstract: 'Foundation models are almost universally based on the Transformer; we propose selective state spaces instead.',
    venue: 'arXiv.org',
    year: 2023,
    publicationDate: '2023-12-01',
    journal: { name: 'ArXiv', volume: 'abs/2312.00752' },
    authors: [{ authorId: '1', name: 'Albert Gu' }, { authorId: '2', name: 'Tri Dao' }],
    openAccessPdf: { url: 'https://arxiv.org/pdf/2312.00752', status: 'GREEN' },
    tldr: { model: 'tldr@v2.0.0', text: 'A machine summary, not the abstract.' },
  };
  const transformer = { paperId: '204e3073870fae3d05bcbc2f6a8e263d9b72e776', externalIds: { DOI: '10.5555/3295222.3295349' }, title: 'Attention is All you Need', abstract: null, venue: 'Neural Information Processing Systems', publicationVenue: { name: 'Neural Information Processing Systems', type: 'conference' }, year: 2017, journal: { name: '' }, authors: [{ authorId: '3', name: 'Ashish Vaswani' }], tldr: { text: 'Transformers.' } };

  it('a paper gives its arXiv id, authors, date, venue and kind, and open PDF; a preprint has no venue, arXiv\'s DOI is its arXiv id, and a TLDR is no abstract', () => {
    const { format, records, diagnostics } = read('s2.json', JSON.stringify(mamba, null, 2));
    expect([format, diagnostics]).toEqual(['semantic-scholar', []]);
    expect(records[0]).toMatchObject({ key: mamba.paperId, line: 1, title: mamba.title, abstract: mamba.abstract, arxivId: '2312.00752', doi: null, authors: ['Albert Gu', 'Tri Dao'], published: '2023-12-01', venue: null, links: { pdf: 'https://arxiv.org/pdf/2312.00752' } });
    expect(read('s2.json', JSON.stringify(transformer)).records[0]).toMatchObject({ doi: '10.5555/3295222.3295349', abstract: null, published: '2017', venue: { name: 'Neural Information Processing Systems', kind: 'proceedings' } });
    const onlyDoi = { ...mamba, externalIds: { DOI: '10.48550/arXiv.2312.00752' } };
    expect(read('s2.json', JSON.stringify(onlyDoi)).records[0]).toMatchObject({ arxivId: '2312.00752', doi: null });
  });

  it('a venue takes the journal\'s volume and pages only when it is that journal, and no date: S2\'s date is often the preprint\'s', () => {
    const vit = { ...mamba, venue: 'International Conference on Learning Representations', publicationVenue: { name: 'International Conference on Learning Representations', type: 'conference' }, publicationDate: '2020-10-22' };
    expect(read('s2.json', JSON.stringify(vit)).records[0]!.venue).toEqual({ name: 'International Conference on Learning Representations', kind: 'proceedings' });
    const lstm = { ...transformer, venue: 'Neural Computation', publicationVenue: { name: 'Neural Computation', type: 'journal' }, journal: { name: 'Neural Computation', volume: '9', pages: '1735-1780' } };
    expect(read('s2.json', JSON.stringify(lstm)).records[0]!.venue).toEqual({ name: 'Neural Computation', kind: 'journal', volume: '9', pages: '1735-1780' });
  });

  it('a batch response is read at each paper\'s line; an id it did not find (null) is a warning at its line', () => {
    const text = `[\n${JSON.stringify(transformer)},\nnull,\n${JSON.stringify(mamba)}\n]\n`;
    const { format, records, diagnostics } = read('batch.json', text);
    expect(format).toBe('semantic-scholar');
    expect(records.map((r) => [r.title, r.line])).toEqual([[transformer.title, 2], [mamba.title, 4]]);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', line: 3, message: expect.stringContaining('entry 2 is null') })]);
    expect(read('batch.json', `[null, ${JSON.stringify(mamba)}]`).format).toBe('semantic-scholar');
  });

  it('a search response is read from its data, at each paper\'s line, and so are pages of references and citations; an error response is an error', () => {
    const text = `{\n  "total": 2,\n  "offset": 0,\n  "data": [\n    ${JSON.stringify(mamba)},\n    ${JSON.stringify({ ...transformer, title: '' })}\n  ]\n}\n`;
    const { format, records, diagnostics } = read('search.json', text);
    expect(format).toBe('semantic-scholar');
    expect(records.map((r) => [r.title, r.line])).toEqual([[mamba.title, 5]]);
    expect(errorsIn(diagnostics)).toEqual([expect.objectContaining({ line: 6, message: expect.stringContaining('has no title') })]);
    // References and citations wrap each paper, and a reference it could not resolve has no paperId but a title.
    const references = { offset: 0, next: 3, data: [{ contexts: [], citedPaper: mamba }, { isInfluential: false, citingPaper: transformer }, { citedPaper: { paperId: null, title: 'Neural machine translation in linear time' } }, { citedPaper: { paperId: null } }] };
    const refs = read('refs.json', JSON.stringify(references, null, 1));
    expect(refs.records.map((r) => [r.title, r.key])).toEqual([[mamba.title, mamba.paperId], [transformer.title, transformer.paperId], ['Neural machine translation in linear time', null]]);
    expect(refs.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('could not resolve') })]);
    // Pages with nothing on them (an author's last page, a batch of ids none of which it found), and recommendations.
    const nothing = (text: string) => {
      const result = read('empty.json', text);
      expect(result, text).toMatchObject({ format: 'semantic-scholar', records: [] });
      expect(errorsIn(result.diagnostics), text).toEqual([]);
    };
    for (const text of ['{"total": 0, "offset": 0, "data": []}', '{"offset": 100, "data": []}', '[null, null]']) nothing(text);
    expect(read('recommended.json', JSON.stringify({ recommendedPapers: [mamba] })).records.map((r) => r.title)).toEqual([mamba.title]);
    expect(errorsIn(read('limited.json', '{"message": "Too Many Requests. Please wait and try again or apply for a key for higher rate limits."}').diagnostics)).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining('error response') })]);
  });
});

describe('types named like what every object inherits', () => {
  it('are unknown types in every format: read, never a crash or a venue without a kind', () => {
    const hostile = [
      ['zotero.json', JSON.stringify([{ key: 'ABCD2345', version: 1, library: {}, data: { key: 'ABCD2345', itemType: 'constructor', title: 'T', creators: [], publisher: 'P' } }])],
      ['lib.bib', '@constructor{k, title = {T}, publisher = {P}, year = 2020}\n@phdthesis{t, title = {U}, school = {S}, type = {__proto__}, year = 2020}\n'],
      ['lib.ris', 'TY  - CONSTRUCTOR\nTI  - T\nPB  - P\nER  - \n'],
      ['csl.json', JSON.stringify([{ id: 'x', type: 'constructor', title: 'T', 'container-title': 'C' }])],
      ['openalex.json', JSON.stringify({ id: 'https://openalex.org/W1', title: 'T', display_name: 'T', type: 'toString', primary_location: { source: { display_name: 'S', type: 'journal' } } })],
      ['crossref.json', JSON.stringify({ status: 'ok', 'message-type': 'work', message: { DOI: '10.1000/x', type: 'hasOwnProperty', title: ['T'], 'container-title': ['C'] } })],
    ];
    for (const [file, text] of hostile) {
      const { records, diagnostics } = read(file!, text!);
      expect(errorsIn(diagnostics), file).toEqual([]);
      for (const record of records) expect(record.venue === null || typeof record.venue.kind === 'string', file).toBe(true);
      for (const record of records) expect(typeof (record.venue?.genre ?? ''), file).toBe('string');
    }
  });
});

describe('OpenAlex API', () => {
  /** An abstract as OpenAlex sends it: each word with the positions it stands at. */
  const inverted = (text: string) => {
    const index: Record<string, number[]> = {};
    text.split(' ').forEach((word, at) => (index[word] ??= []).push(at));
    return index;
  };
  const abstract = 'Foundation models are almost universally based on the Transformer, and we propose selective state spaces instead.';
  const mamba = {
    id: 'https://openalex.org/W4389000001',
    doi: 'https://doi.org/10.48550/arxiv.2312.00752',
    title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
    display_name: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
    publication_year: 2023,
    publication_date: '2023-12-01',
    type: 'preprint',
    primary_location: { is_oa: true, landing_page_url: 'https://arxiv.org/abs/2312.00752', pdf_url: 'https://arxiv.org/pdf/2312.00752', source: { display_name: 'arXiv (Cornell University)', type: 'repository', host_organization_name: 'Cornell University' } },
    authorships: [{ author_position: 'first', author: { id: 'https://openalex.org/A1', display_name: 'Albert Gu' }, institutions: [], raw_author_name: 'Albert Gu' }, { author_position: 'last', author: { id: 'https://openalex.org/A2', display_name: 'Tri Dao' }, institutions: [] }],
    biblio: { volume: null, issue: null, first_page: null, last_page: null },
    abstract_inverted_index: inverted(abstract),
  };
  const lstm = {
    id: 'https://openalex.org/W2064675550',
    doi: 'https://doi.org/10.1162/neco.1997.9.8.1735',
    title: 'Long Short-Term Memory',
    publication_year: 1997,
    publication_date: '1997-11-01',
    type: 'article',
    primary_location: { landing_page_url: 'https://doi.org/10.1162/neco.1997.9.8.1735', pdf_url: null, source: { display_name: 'Neural Computation', type: 'journal', host_organization_name: 'MIT Press' } },
    authorships: [{ author: { display_name: 'Sepp Hochreiter' } }, { author: { display_name: 'Jürgen Schmidhuber' } }],
    biblio: { volume: '9', issue: '8', first_page: '1735', last_page: '1780' },
    abstract_inverted_index: null,
  };

  it('"<" and ">" in its plain text are text, not a tag to drop; its markup still goes', () => {
    const work = { ...lstm, title: 'Ridge when n<d or n>d, and <i>p</i> < <b>q</b>', abstract_inverted_index: inverted('We compare n<d and n>d, and a <p or q> pair, in <sub>detail</sub>.') };
    const record = read('openalex.json', JSON.stringify(work)).records[0]!;
    expect([record.title, record.abstract]).toEqual(['Ridge when n<d or n>d, and p < q', 'We compare n<d and n>d, and a <p or q> pair, in detail.']);
  });

  it('a work gives its authors, its abstract put back in order, date, DOI or arXiv id and PDF; a preprint has no venue', () => {
    const { format, records, diagnostics } = read('openalex.json', JSON.stringify(mamba, null, 2));
    // An id and a type, as a CSL item has: still OpenAlex, read as OpenAlex.
    expect([format, diagnostics]).toEqual(['openalex', []]);
    expect(records[0]).toMatchObject({ key: 'W4389000001', line: 1, title: mamba.title, abstract, arxivId: '2312.00752', doi: null, authors: ['Albert Gu', 'Tri Dao'], published: '2023-12-01', venue: null, links: { pdf: 'https://arxiv.org/pdf/2312.00752' } });
    expect(read('openalex.json', JSON.stringify(lstm)).records[0]).toMatchObject({ doi: '10.1162/neco.1997.9.8.1735', arxivId: null, abstract: null, authors: ['Sepp Hochreiter', 'Jürgen Schmidhuber'], venue: { name: 'Neural Computation', kind: 'journal', volume: '9', issue: '8', pages: '1735-1780' } });
    // OpenAlex writes a date it knows only the year of as January 1st.
    expect(read('openalex.json', JSON.stringify({ ...lstm, publication_date: '2017-01-01', publication_year: 2017 })).records[0]!.published).toBe('2017');
  });

  it('a CSL item that carries an OpenAlex id is still CSL-JSON: a work is told by fields of its own', () => {
    const csl = [{ id: 'https://openalex.org/W2064675550', type: 'article-journal', title: 'Long Short-Term Memory', author: [{ family: 'Hochreiter', given: 'Sepp' }], DOI: '10.1162/neco.1997.9.8.1735', 'container-title': 'Neural Computation', issued: { 'date-parts': [[1997, 11, 15]] } }];
    const { format, records } = read('zotero.json', JSON.stringify(csl));
    expect(format).toBe('csl-json');
    expect(records[0]).toMatchObject({ authors: ['Sepp Hochreiter'], doi: '10.1162/neco.1997.9.8.1735', published: '1997-11-15' });
  });

  it('a venue is cited as what the work is: proceedings, a chapter, a thesis by its university, a report or book by its publisher', () => {
    const as = (changes: object) => read('openalex.json', JSON.stringify({ ...lstm, ...changes })).records[0]!.venue;
    const source = (name: string, type: string) => ({ primary_location: { source: { display_name: name, type, host_organization_name: 'Springer' } } });
    expect(as(source('Neural Information Processing Systems', 'conference'))).toMatchObject({ name: 'Neural Information Processing Systems', kind: 'proceedings' });
    expect(as({ type: 'book-chapter', ...source('Lecture Notes in Computer Science', 'book series') })).toMatchObject({ name: 'Lecture Notes in Computer Science', kind: 'chapter' });
    expect(as({ type: 'book', ...source('Deep Learning', 'ebook platform') })).toMatchObject({ name: 'Springer', kind: 'book' });
    expect(as({ type: 'report', ...source('Technical Reports', 'book series') })).toMatchObject({ name: 'Springer', kind: 'report' });
    // A repository's host (Cornell for arXiv, CERN for Zenodo) keeps the file; it did not publish it.
    expect(as({ type: 'report', primary_location: { source: { display_name: 'arXiv (Cornell University)', type: 'repository', host_organization_name: 'Cornell University' } } })).toBeNull();
    expect(as({ type: 'dissertation', primary_location: { source: { display_name: 'Zenodo', type: 'repository', host_organization_name: 'European Organization for Nuclear Research' } }, authorships: [{ author: { display_name: 'Ada Student' }, institutions: [] }] })).toBeNull();
    const thesis = { type: 'dissertation', primary_location: { source: null }, authorships: [{ author: { display_name: 'Ada Student' }, institutions: [{ display_name: 'University of Toronto' }] }] };
    expect(as(thesis)).toMatchObject({ name: 'University of Toronto', kind: 'thesis' });
    // Pages without an end are the first page alone, and pages may be numbers; a repository is where a preprint was posted.
    expect(as({ biblio: { volume: '9', first_page: 'e4375', last_page: 'e4375' } })).toMatchObject({ pages: 'e4375' });
    expect(as({ biblio: { volume: 9, first_page: 1735, last_page: 1780 } })).toMatchObject({ volume: '9', pages: '1735-1780' });
    expect(as(source('bioRxiv', 'repository'))).toBeNull();
  });

  it('a page of results is read at each work\'s line; anything else in it is an error at its line, and a work OpenAlex has no title for is left out with a warning there', () => {
    const page = { meta: { count: 4, db_response_time_ms: 12, page: 1, per_page: 25 }, results: [mamba, { id: 'https://openalex.org/A5023888391', display_name: 'Albert Gu' }, { ...lstm, title: null, display_name: null }, { ...lstm, is_authors_truncated: true }], group_by: [] };
    const text = JSON.stringify(page, null, 2);
    const { format, records, diagnostics } = read('works.json', text);
    const opening = text.split('\n').flatMap((line, i) => (line === '    {' ? [i + 1] : []));
    expect(format).toBe('openalex');
    expect(records.map((r) => [r.key, r.line, r.moreAuthors])).toEqual([['W4389000001', opening[0], false], ['W2064675550', opening[3], true]]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', line: opening[1], message: expect.stringContaining('entry 2 is not an OpenAlex work (https://openalex.org/A5023888391)') }),
      expect.objectContaining({ severity: 'warning', line: opening[2], message: expect.stringContaining('entry W2064675550 has no title in OpenAlex, so it is left out') }),
    ]);
    // Autocomplete suggestions carry works' ids, and group_by counts carry no works: neither is a page of works.
    const suggestions = { meta: { count: 1 }, results: [{ id: 'https://openalex.org/W4389000001', display_name: 'Mamba', hint: 'Albert Gu, Tri Dao', entity_type: 'work', external_id: 'https://doi.org/10.48550/arxiv.2312.00752' }] };
    expect(errorsIn(read('suggest.json', JSON.stringify(suggestions)).diagnostics)).toEqual([expect.objectContaining({ message: expect.stringContaining('an autocomplete suggestion, not a work') })]);
    const counts = { meta: { count: 2, groups_count: 2 }, results: [], group_by: [{ key: '2023', key_display_name: '2023', count: 2 }] };
    expect(errorsIn(read('counts.json', JSON.stringify(counts)).diagnostics)).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining('group_by') })]);
    expect(read('empty.json', '{"meta": {"count": 0}, "results": []}')).toMatchObject({ format: 'openalex', records: [], diagnostics: [] });
    expect(errorsIn(read('bad.json', '{"error": "Invalid query parameters error.", "message": "filter is not a valid field"}').diagnostics)).toEqual([expect.objectContaining({ message: expect.stringContaining('error response') })]);
  });

  it('an abstract\'s index is data: positions out of reach, negative or not whole are no words, markup is stripped, and a huge position allocates nothing', () => {
    // Written as text: in an object literal, `__proto__` would set the prototype, not a key.
    const index = '{"<i>Hostile</i>": [0], "text,": [1], "shown": [2000000000], "never": [-1, 1.5, "3"], "as": [5], "constructor": [7], "__proto__": [6]}';
    const work = read('openalex.json', `{"id": "https://openalex.org/W1", "title": "T", "abstract_inverted_index": ${index}}`).records[0]!;
    expect(work.abstract).toBe('Hostile text, as __proto__ constructor shown');
    expect(read('openalex.json', '{"id": "https://openalex.org/W1", "title": "T", "abstract_inverted_index": {}}').records[0]!.abstract).toBeNull();
  });
});

describe('Crossref API', () => {
  const lstm = {
    indexed: { 'date-parts': [[2025, 12, 1]] },
    publisher: 'MIT Press',
    issue: '8',
    'content-domain': { domain: [], 'crossmark-restriction': false },
    'published-print': { 'date-parts': [[1997, 11, 15]] },
    abstract: '<jats:title>Abstract</jats:title><jats:p>Learning to store information over extended time intervals by recurrent backpropagation takes a <jats:italic>very</jats:italic> long time.</jats:p>',
    DOI: '10.1162/neco.1997.9.8.1735',
    type: 'journal-article',
    page: '1735-1780',
    title: ['Long Short-Term Memory'],
    volume: '9',
    author: [{ given: 'Sepp', family: 'Hochreiter', sequence: 'first', affiliation: [] }, { given: 'Jürgen', family: 'Schmidhuber', sequence: 'additional', affiliation: [] }],
    'container-title': ['Neural Computation'],
    issued: { 'date-parts': [[1997, 11, 15]] },
    URL: 'https://doi.org/10.1162/neco.1997.9.8.1735',
  };
  const work = (message: object) => JSON.stringify({ status: 'ok', 'message-type': 'work', 'message-version': '1.0.0', message }, null, 2);

  it('a work is read as the CSL item it nearly is: its title and journal out of their lists, its JATS abstract as text, its family names stated', () => {
    const { format, records, diagnostics } = read('crossref.json', work(lstm));
    expect([format, diagnostics]).toEqual(['crossref', []]);
    expect(records[0]).toMatchObject({ key: lstm.DOI, title: 'Long Short-Term Memory', abstract: 'Learning to store information over extended time intervals by recurrent backpropagation takes a very long time.', authors: ['Sepp Hochreiter', 'Jürgen Schmidhuber'], doi: lstm.DOI, published: '1997-11-15', venue: { name: 'Neural Computation', kind: 'journal', date: '1997-11-15', volume: '9', issue: '8', pages: '1735-1780' } });
    expect(records[0]!.familyNames.get('Jürgen Schmidhuber')).toBe('Schmidhuber');
  });

  it('Crossref\'s types are cited as CSL\'s: proceedings, chapters, a thesis by its institution; a posted preprint has no venue; an organisation is one name', () => {
    const as = (changes: object) => read('crossref.json', work({ ...lstm, ...changes })).records[0]!;
    expect(as({ type: 'proceedings-article', 'container-title': ['Advances in Neural Information Processing Systems'] }).venue).toMatchObject({ kind: 'proceedings' });
    expect(as({ type: 'book-chapter', 'container-title': ['Deep Learning Essentials'] }).venue).toMatchObject({ name: 'Deep Learning Essentials', kind: 'chapter' });
    expect(as({ type: 'dissertation', institution: [{ name: 'Technische Universität München' }], 'container-title': [] }).venue).toMatchObject({ name: 'Technische Universität München', kind: 'thesis' });
    expect(as({ type: 'posted-content', subtype: 'preprint', 'container-title': ['bioRxiv'] }).venue).toBeNull();
    expect(as({ author: [{ name: 'The SciPy Community', sequence: 'first', affiliation: [] }] })).toMatchObject({ authors: ['The SciPy Community'] });
  });

  it('an article numbered instead of paged (an online-only journal) cites its article number where pages go', () => {
    const { page: _, ...unpaged } = lstm;
    expect(read('crossref.json', work({ ...unpaged, 'article-number': '4321' })).records[0]!.venue).toMatchObject({ pages: '4321' });
    expect(read('crossref.json', work({ ...lstm, 'article-number': '4321' })).records[0]!.venue).toMatchObject({ pages: '1735-1780' });
  });

  it('markup is read as text: JATS and MathML in an abstract, small capitals and character references in a title, and a subtitle joins its title', () => {
    const abstract = '<jats:sec><jats:title content-type="abstract-subheading">Purpose</jats:title><jats:p>Water (H<jats:sub>2</jats:sub>O), as <jats:italic>et al.</jats:italic>, show in <jats:inline-formula><mml:math><mml:mi>x</mml:mi></mml:math></jats:inline-formula> Hochreiter&apos;s work, x &lt; y.</jats:p></jats:sec>';
    const record = read('crossref.json', work({ ...lstm, title: ['Ultrafast <scp>MRI</scp> &amp; &#8220;more&#8221;'], subtitle: ['a study'], abstract })).records[0]!;
    expect(record.title).toBe('Ultrafast MRI & “more”: a study');
    expect(record.abstract).toBe("Water (H2O), as et al., show in Hochreiter's work, x < y.");
    // Markup spelt out as text is text, in a title and an abstract alike: CSL's rich text is not read again.
    const spelt = read('crossref.json', work({ ...lstm, title: ['The &lt;b&gt; element'], abstract: '<jats:p>The HTML <i>bold</i> &lt;b&gt; and &lt;i&gt;x&lt;/i&gt; tags.</jats:p>' })).records[0]!;
    expect([spelt.title, spelt.abstract]).toEqual(['The <b> element', 'The HTML bold <b> and <i>x</i> tags.']);
  });

  it('a work whose publisher names its arXiv preprint (relation has-preprint) carries the arXiv id, so the two are one paper', () => {
    const relation = { 'has-preprint': [{ 'id-type': 'doi', id: '10.48550/arXiv.1706.03762', 'asserted-by': 'subject' }], 'is-cited-by': [{ 'id-type': 'doi', id: '10.1000/other' }] };
    expect(read('crossref.json', work({ ...lstm, relation })).records[0]).toMatchObject({ arxivId: '1706.03762', doi: lstm.DOI });
    expect(read('crossref.json', work({ ...lstm, relation: { 'is-cited-by': relation['is-cited-by'] } })).records[0]!.arxivId).toBeNull();
  });

  it('a chapter in a series is in its volume, not the series; notices and non-papers (reviews, issues, datasets) are left out with a warning', () => {
    const unet = { ...lstm, type: 'book-chapter', 'container-title': ['Lecture Notes in Computer Science', 'Medical Image Computing and Computer-Assisted Intervention – MICCAI 2015'] };
    expect(read('crossref.json', work(unet)).records[0]!.venue).toMatchObject({ name: 'Medical Image Computing and Computer-Assisted Intervention – MICCAI 2015', kind: 'chapter' });
    for (const [changes, said] of [[{ type: 'peer-review' }, 'a peer-review, not a paper'], [{ type: 'journal-issue' }, 'a journal-issue, not a paper'], [{ 'update-to': [{ DOI: '10.1038/nature14539', type: 'erratum' }] }, 'a notice that updates another work']] as const) {
      const { records, diagnostics } = read('crossref.json', work({ ...lstm, ...changes }));
      expect(records, said).toEqual([]);
      expect(diagnostics[0], said).toMatchObject({ severity: 'warning', line: 1, message: expect.stringContaining(said) });
    }
    // A type named like a property of every object is only a type.
    expect(read('crossref.json', work({ ...lstm, type: 'constructor' })).records[0]!.venue).toMatchObject({ kind: 'other' });
  });

  it('a page of works is read at each work\'s line under message.items; a work with no title is left out with a warning, one with no DOI is an error', () => {
    const page = { status: 'ok', 'message-type': 'work-list', 'message-version': '1.0.0', message: { facets: {}, 'total-results': 3, items: [lstm, { ...lstm, DOI: '10.1000/figure.1', title: [] }, { title: ['No DOI'] }], 'items-per-page': 20, query: { 'start-index': 0, 'search-terms': 'lstm' } } };
    const text = JSON.stringify(page, null, 2);
    const { format, records, diagnostics } = read('crossref.json', text);
    const opening = text.split('\n').flatMap((line, i) => (line === '      {' ? [i + 1] : []));
    expect(format).toBe('crossref');
    expect(records.map((r) => [r.key, r.line])).toEqual([[lstm.DOI, opening[0]]]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', line: opening[1], message: expect.stringContaining('entry 10.1000/figure.1 has no title in Crossref') }),
      expect.objectContaining({ severity: 'error', line: opening[2], message: expect.stringContaining('entry 3 is not a Crossref work') }),
    ]);
  });

  it('a failure, or an answer about something other than works, is an error saying what Crossref said', () => {
    const failed = { status: 'failed', 'message-type': 'validation-failure', 'message-version': '1.0.0', message: [{ type: 'parameter-not-allowed', value: 'querry', message: 'This route does not support querry' }] };
    expect(errorsIn(read('bad.json', JSON.stringify(failed)).diagnostics)).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining('a response of type "validation-failure", not works: "This route does not support querry"') })]);
    const members = { status: 'ok', 'message-type': 'member-list', 'message-version': '1.0.0', message: { items: [{ id: 98, 'primary-name': 'Wiley' }] } };
    expect(errorsIn(read('members.json', JSON.stringify(members)).diagnostics)).toEqual([expect.objectContaining({ message: expect.stringContaining('a response of type "member-list", not works') })]);
  });
});

describe('CSL-JSON', () => {
  const { format, records } = read('zotero.json', fixture('zotero-csl.json'));

  it('is told from Hugging Face JSON by its shape', () => {
    expect(format).toBe('csl-json');
  });

  it('the Zotero Web API\'s format=csljson response, the items wrapped as {"items": […]}, reads as the export does, each item at its line', () => {
    const items = JSON.parse(fixture('zotero-csl.json')) as unknown[];
    const wrapped = read('group.json', JSON.stringify({ items }, null, 2));
    expect(wrapped.format).toBe('csl-json');
    expect(wrapped.records.map(({ line, ...rest }) => rest)).toEqual(records.map(({ line, ...rest }) => rest));
    // Each item's `{` stands alone on its line, indented under "items": […].
    const opening = JSON.stringify({ items }, null, 2).split('\n').flatMap((text, i) => (text === '    {' ? [i + 1] : []));
    expect(wrapped.records.map((r) => r.line)).toEqual(opening.slice(0, wrapped.records.length));
    // An empty collection is an export with no papers, not an unknown format.
    expect(read('empty.json', '{"items": []}')).toMatchObject({ format: 'csl-json', records: [], diagnostics: [] });
  });

  it('reads a date as people write one in raw or literal ("March 2023", "Spring 2019"), and one ISO date as the only date part', () => {
    const issued = [{ literal: 'March 2023' }, { raw: 'Spring 2019' }, { 'date-parts': [['2020-05-01']] }, { raw: 'Dec 3, 2024' }, { literal: 'forthcoming' }, { raw: 'someday' }, { literal: 'Proceedings 2019, published March 2020' }, { literal: '15 March, 2021' }, { literal: 'June 3-5, 2019' }];
    const { records, diagnostics } = read('dates.json', JSON.stringify(issued.map((date, i) => ({ id: `x${i}`, type: 'article', title: `T${i}`, issued: date }))));
    expect(records.map((r) => r.published)).toEqual(['2023-03', '2019', '2020-05-01', '2024-12', null, null, '2020-03', '2021-03', '2019-06']);
    expect(diagnostics.map((d) => d.message)).toEqual(['entry x5: "someday" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)']);
  });

  it('gives names, arXiv id from "number", DOI, date parts (strings or numbers) and a venue, not "arXiv"', () => {
    expect(records[0]).toMatchObject({ arxivId: '2209.03003', authors: ['Xingchao Liu', 'Chengyue Gong', 'Qiang Liu'], published: '2022-09-07', venue: null });
    expect(records[1]).toMatchObject({ doi: '10.1162/neco.1997.9.8.1735', venue: { name: 'Neural Computation', kind: 'journal' }, abstract: null, published: '1997-11-15' });
    expect(records[2]).toMatchObject({ arxivId: '1706.03762', venue: { kind: 'proceedings' }, published: '2017' });
    expect(records[2]!.authors).toContain('Łukasz Kaiser');
  });

  it('an item imported from Google Scholar gives the arXiv id in its container title, and no venue', () => {
    const item = { id: 'gu', type: 'article-journal', title: 'Mamba', 'container-title': 'arXiv preprint arXiv:2312.00752' };
    expect(read('zotero.json', JSON.stringify([item])).records[0]).toMatchObject({ arxivId: '2312.00752', venue: null });
  });

  it('rich-text markup (italics, bold, sub- and superscripts, nocase and small-caps spans) is removed from title and abstract, its text kept', () => {
    const item = {
      id: 'rt',
      type: 'article-journal',
      title: 'Ne<sub>2</sub>O<sub>3</sub> grown <i>in situ</i> on <span class="nocase">GaN</span>',
      abstract: 'We find x<sup>2</sup> <b>and</b> <span style="font-variant:small-caps;">Rome</span>.',
    };
    expect(read('zotero.json', JSON.stringify([item])).records[0]).toMatchObject({ title: 'Ne2O3 grown in situ on GaN', abstract: 'We find x2 and Rome.' });
  });

  it('a span of another style is markup too: its opening tag goes as its closing one does', () => {
    const item = { id: 'sp', type: 'article-journal', title: 'A <span style="color:red">red</span> word and <span class="x">one</span> more' };
    expect(read('zotero.json', JSON.stringify([item])).records[0]).toMatchObject({ title: 'A red word and one more' });
  });

  it('a day the month does not have (February 30) is left out of the date, as a 32nd would be', () => {
    const item = (parts: string[]) => ({ id: 'd', type: 'article-journal', title: 'T', issued: { 'date-parts': [parts] } });
    expect(read('zotero.json', JSON.stringify([item(['2024', '2', '30'])])).records[0]!.published).toBe('2024-02');
    expect(read('zotero.json', JSON.stringify([item(['2024', '2', '29'])])).records[0]!.published).toBe('2024-02-29');
    expect(read('zotero.json', JSON.stringify([{ ...item([]), issued: '2023-02-29' }])).records[0]!.published).toBe('2023-02');
  });

  it('a date not read whole is a warning at its item (a 14th month, a 30th of February); a literal date is free text, read for its year', () => {
    const items = [
      { id: 'x', type: 'article', title: 'X', issued: { 'date-parts': [[2015, 14, 2]] } },
      { id: 'y', type: 'article', title: 'Y', issued: { literal: 'Spring 2021' } },
      { id: 'z', type: 'article', title: 'Z', issued: { raw: '2024-02-30' } },
      { id: 'ok', type: 'article', title: 'OK', issued: { 'date-parts': [[2024, 2, 29]] } },
    ];
    const { records, diagnostics } = read('zotero.json', JSON.stringify(items, null, 1));
    expect(records.map((r) => r.published)).toEqual(['2015', '2021', '2024-02', '2024-02-29']);
    expect(diagnostics.map((d) => [d.severity, d.line, d.message])).toEqual([
      ['warning', 2, 'entry x: the date "2015-14-2" is not read whole (there is no month 14); the paper is dated 2015'],
      ['warning', 24, 'entry z: the date "2024-02-30" is not read whole (month 2 has no day 30); the paper is dated 2024-02'],
    ]);
  });

  it('an item\'s line is where its "{" is, whatever its id: a number in an earlier title is not the id', () => {
    const text = JSON.stringify([{ id: 1, type: 'article', title: 'A 2-stage model' }, { id: 2, type: 'article', title: 'B' }], null, 2);
    expect(read('zotero.json', text).records.map((r) => r.line)).toEqual([2, 7]);
  });

  it('a second item with an id already used is a warning at its line; both are still read', () => {
    const text = JSON.stringify([{ id: 1, type: 'article', title: 'A' }, { id: 2, type: 'article', title: 'B' }, { id: 1, type: 'article', title: 'C' }], null, 2);
    const result = read('zotero.json', text);
    expect(result.records.map((r) => r.title)).toEqual(['A', 'B', 'C']);
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', line: 12, message: expect.stringMatching(/^entry 1: the entry at line 2 has this id too/) })]);
  });

  it('finding 10,000 items\' lines takes one pass over the file, not one per item', () => {
    const item = (i: number) => ({ id: `k${i}`, type: 'article-journal', title: `Paper ${i}`, author: [{ family: 'Doe', given: 'J' }], issued: { 'date-parts': [[2020, 1, 2]] } });
    const text = JSON.stringify(Array.from({ length: 10_000 }, (_, i) => item(i)), null, 2);
    const started = performance.now();
    expect(read('zotero.json', text).records).toHaveLength(10_000);
    // One pass takes about 0.2 s; a scan per item took 11–15 s. The bound leaves room for a busy CI machine.
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('an item that is not a CSL item is an error at the line where it starts', () => {
    const text = JSON.stringify([{ id: 'a', type: 'article', title: 'A' }, { title: 'no id or type' }], null, 2);
    expect(errorsIn(read('zotero.json', text).diagnostics)).toEqual([expect.objectContaining({ line: 7, message: expect.stringContaining('entry 2') })]);
  });

  it('a title that is not text (a list) is an error saying so, not that there is no title', () => {
    const result = read('zotero.json', JSON.stringify([{ id: 'ITEM-1', type: 'article', title: ['Part one', 'Part two'] }]));
    expect(result.records).toEqual([]);
    expect(errorsIn(result.diagnostics)).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(/^entry ITEM-1 has a title that is not text \(a list\)/) })]);
  });

  it('an item without a title is an error naming the entry by its id', () => {
    const result = read('zotero.json', JSON.stringify([{ id: 'ITEM-1', type: 'article' }]));
    expect(errorsIn(result.diagnostics)[0]!.message).toContain('entry ITEM-1 has no title');
  });
});

describe('Zotero Web API (its own JSON, format=json)', () => {
  /** An item as `/groups/{id}/items` returns it; only what a test is about needs saying. */
  const item = (key: string, data: Record<string, unknown>, parsedDate?: string) => ({
    key,
    version: 12,
    library: { type: 'group', id: 4530458, name: 'Reading group' },
    links: { self: { href: `https://api.zotero.org/groups/4530458/items/${key}` } },
    meta: { creatorSummary: 'Someone', ...(parsedDate ? { parsedDate } : {}), numChildren: 1 },
    data: { key, version: 12, tags: [], collections: [], relations: {}, ...data },
  });
  const preprint = item('ABCD2345', {
    itemType: 'preprint',
    title: 'Language Models are Few-Shot Learners',
    creators: [{ creatorType: 'author', firstName: 'Tom B.', lastName: 'Brown' }, { creatorType: 'author', name: 'OpenAI' }, { creatorType: 'editor', firstName: 'Ed', lastName: 'Itor' }],
    abstractNote: 'We train GPT-3, an autoregressive language model with 175 billion parameters.',
    repository: 'arXiv',
    archiveID: 'arXiv:2005.14165',
    date: '2020-07-22',
    url: 'http://arxiv.org/abs/2005.14165',
  }, '2020-07-22');
  const article = item('EFGH6789', {
    itemType: 'journalArticle',
    title: 'Long Short-Term Memory',
    creators: [{ creatorType: 'author', firstName: 'Sepp', lastName: 'Hochreiter' }],
    publicationTitle: 'Neural Computation',
    date: 'November 15, 1997',
    DOI: '10.1162/neco.1997.9.8.1735',
    extra: 'Some note\narXiv: 1234.56789',
  }, '1997-11-15');
  const report = item('REPORT01', {
    itemType: 'report',
    title: 'A Technical Report',
    extra: 'DOI: 10.5555/report.1',
  }, '1997-11-15');
  const attachment = item('PDF00001', { itemType: 'attachment', title: 'Full Text PDF', parentItem: 'ABCD2345', linkMode: 'imported_url' });

  it('reads each item at its line: title, authors (not editors), abstract, arXiv id, DOI, venue, the date Zotero parsed; attachments and notes are no papers', () => {
    const text = JSON.stringify([preprint, attachment, article], null, 2);
    const { format, records, diagnostics } = read('group.json', text);
    expect([format, diagnostics]).toEqual(['zotero-api', []]);
    const opening = text.split('\n').flatMap((line, i) => (line === '  {' ? [i + 1] : []));
    expect(records.map((r) => [r.key, r.line])).toEqual([['ABCD2345', opening[0]], ['EFGH6789', opening[2]]]);
    expect(records[0]).toMatchObject({ title: 'Language Models are Few-Shot Learners', authors: ['Tom B. Brown', 'OpenAI'], arxivId: '2005.14165', venue: null, published: '2020-07-22', abstract: expect.stringContaining('175 billion') });
    // The venue is dated as the item is: the date of that publication.
    expect(records[1]).toMatchObject({ arxivId: '1234.56789', doi: '10.1162/neco.1997.9.8.1735', venue: { name: 'Neural Computation', kind: 'journal', date: '1997-11-15' }, published: '1997-11-15', abstract: null });
    // An item type with no DOI field keeps it in `extra`.
    expect(read('one.json', JSON.stringify(report)).records[0]).toMatchObject({ doi: '10.5555/report.1', arxivId: null });
  });

  it('one item (/items/{key}) reads as a list of one; an item with no title, or a list item that is not a Zotero item, is an error at its line', () => {
    expect(read('one.json', JSON.stringify(article)).records.map((r) => r.title)).toEqual(['Long Short-Term Memory']);
    const text = JSON.stringify([article, item('NOTITLE1', { itemType: 'journalArticle', title: '' }), { key: 'X' }], null, 2);
    const { records, diagnostics } = read('group.json', text);
    expect(records).toHaveLength(1);
    expect(errorsIn(diagnostics).map((d) => d.message.split(';')[0])).toEqual(['entry NOTITLE1 has no title', 'entry 3 is not a Zotero item (it needs "key" and "data" with an "itemType")']);
  });
});

describe('RIS', () => {
  const zotero = [
    'TY  - JOUR',
    'TI  - Flow Matching for Generative Modeling',
    'AU  - Lipman, Yaron',
    'AU  - Chen, Ricky T. Q.',
    'AB  - We introduce a new paradigm for generative modeling built on',
    'continuous normalizing flows, wrapped onto a second line as EndNote does.',
    'T2  - arXiv preprint arXiv:2210.02747',
    'PY  - 2022',
    'DO  - 10.48550/arXiv.2210.02747',
    'UR  - https://github.com/facebookresearch/flow_matching',
    'ER  - ',
    '',
    'TY  - CONF',
    'T1  - Attention Is All You Need',
    'A1  - Vaswani, Ashish',
    'A1  - Steele, Guy L., Jr.',
    'AU  - Google DeepMind',
    'AU  - Wiley, Inc.',
    'Y1  - 2017/12/04/',
    'BT  - Advances in Neural Information Processing Systems',
    'N2  - The dominant sequence transduction models are based on recurrent networks.',
    'ID  - vaswani2017',
    'ER  -',
  ].join('\n');

  it('reads each record, its authors in order, an abstract wrapped over lines, the date, DOI, venue and links', () => {
    const { records, diagnostics } = read('library.ris', zotero);
    expect(diagnostics).toEqual([]);
    expect(records[0]).toMatchObject({
      line: 1,
      title: 'Flow Matching for Generative Modeling',
      authors: ['Yaron Lipman', 'Ricky T. Q. Chen'],
      abstract: 'We introduce a new paradigm for generative modeling built on continuous normalizing flows, wrapped onto a second line as EndNote does.',
      arxivId: '2210.02747',
      venue: null,
      published: '2022',
      links: { code: 'https://github.com/facebookresearch/flow_matching' },
    });
    expect(records[1]).toMatchObject({
      line: 13,
      key: 'vaswani2017',
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Guy L. Steele, Jr.', 'Google DeepMind', 'Wiley, Inc.'],
      venue: { name: 'Advances in Neural Information Processing Systems', kind: 'proceedings' },
      published: '2017-12-04',
      abstract: 'The dominant sequence transduction models are based on recurrent networks.',
    });
  });

  it('a publisher\'s header above the first record (Wiley, ACS) is not a record, and the file is RIS whatever its name', () => {
    const wiley = 'Provider: John Wiley & Sons, Ltd\r\nDatabase: Wiley Online Library\r\nContent: text/plain; charset="UTF-8"\r\n\r\nTY  - JOUR\r\nTI  - A Paper\r\nER  - \r\n';
    const { format, records, diagnostics } = read('wiley.txt', wiley);
    expect([format, records.map((r) => [r.title, r.line]), diagnostics]).toEqual(['ris', [['A Paper', 5]], []]);
    expect(read('acs.ris', 'Provider: ACS\nContent:\nTY  - JOUR\nTI  - A Paper\nER  - \n')).toMatchObject({ format: 'ris', records: [{ title: 'A Paper' }], diagnostics: [] });
  });

  it('the date is the most precise of PY, Y1 and DA that agree on the year (Zotero: PY 2017///, DA 2017/06/12/)', () => {
    const { records } = read('z.ris', 'TY  - JOUR\nTI  - A\nPY  - 2017///\nDA  - 2017/06/12/\nER  - \nTY  - JOUR\nTI  - B\nPY  - 2017\nDA  - 2016/01/02\nER  - \n');
    expect(records.map((r) => r.published)).toEqual(['2017-06-12', '2017']);
  });

  it('an abstract wrapped over 40,000 lines reads whole, in linear time (it took 21 s)', () => {
    const text = `TY  - JOUR\nTI  - A title\nAB  - start\n${'continued abstract words here\n'.repeat(40_000)}ER  - \n`;
    const started = performance.now();
    const { records } = read('long.ris', text);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(records[0]!.abstract).toBe(`start${' continued abstract words here'.repeat(40_000)}`);
  });

  it('a date not read whole is a warning at its record, naming the tag; the rest of it still dates the paper', () => {
    const { records, diagnostics } = read('z.ris', 'TY  - JOUR\nTI  - A\nPY  - 2017///\nER  - \nTY  - JOUR\nTI  - B\nPY  - 2022///\nDA  - 2022/13/06\nER  - \n');
    expect(records.map((r) => r.published)).toEqual(['2017', '2022']);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', line: 5, message: 'this record\'s DA: the date "2022-13-06" is not read whole (there is no month 13); the paper is dated 2022' })]);
  });

  it('a record left open, one without a title and a line outside any record are errors at their lines; the rest is read', () => {
    const text = 'TY  - JOUR\nTI  - Fine\nER  - \nstray words\nTY  - JOUR\nAU  - Doe, J\nER  - \nTY  - JOUR\nTI  - Never ended\n';
    const { records, diagnostics } = read('broken.ris', text);
    expect(records.map((r) => r.title)).toEqual(['Fine']);
    expect(errorsIn(diagnostics).map((d) => [d.line, d.message.split(' (')[0]!.split(';')[0]])).toEqual([
      [4, 'this line is outside any RIS record'],
      [5, 'this record has no title'],
      [8, 'this record has no "ER  - " line'],
    ]);
  });
});

describe('a paper\'s own page, from a source\'s URL field', () => {
  it('a URL that is neither code, a PDF, arXiv nor a DOI is the paper\'s page; a library\'s file: path is no link', () => {
    const bib = (url: string) => read('l.bib', `@article{a, title = {Dropout}, journal = {JMLR}, year = {2014}, url = {${url}}}`).records[0]!.links;
    expect(bib('http://jmlr.org/papers/v15/srivastava14a.html')).toEqual({ code: null, project: null, pdf: null, page: 'http://jmlr.org/papers/v15/srivastava14a.html' });
    for (const url of ['https://doi.org/10.5555/2627435.2670313', 'https://dx.doi.org/10.5555/1', 'https://arxiv.org/abs/1207.0580', 'file:///home/maria/Zotero/storage/X/dropout.pdf']) {
      expect(bib(url).page, url).toBeNull();
    }
    expect(bib('https://github.com/org/dropout')).toMatchObject({ code: 'https://github.com/org/dropout', page: null });
    for (const pdf of ['https://openreview.net/pdf?id=XYZ123', 'https://dl.acm.org/doi/pdf/10.1145/3442188.3445922', 'https://example.org/paper.pdf']) expect(bib(pdf), pdf).toMatchObject({ pdf, page: null });
    const ris = read('l.ris', 'TY  - JOUR\nTI  - Dropout\nUR  - http://jmlr.org/papers/v15/srivastava14a.html\nL1  - file:///home/maria/dropout.pdf\nER  - \n').records[0]!;
    expect(ris.links.page).toBe('http://jmlr.org/papers/v15/srivastava14a.html');
  });
});

describe('BibTeX', () => {
  it('an export that names attached files by their paths on disk is one warning: the sources are published', () => {
    const bib = '@article{a, title = {A}, year = {2020}, file = {/home/maria/Zotero/storage/AB12/a.pdf}}\n\n@article{b, title = {B}, year = {2020},\n  file = {Full Text PDF:C\\:\\Users\\maria\\b.pdf:application/pdf}}\n';
    expect(warningsIn(read('l.bib', bib).diagnostics)).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(/^2 entries name their attached files by a path on your disk/) })]);
    const ris = 'TY  - JOUR\nTI  - A\nL1  - file:///home/maria/a.pdf\nER  - \n';
    expect(warningsIn(read('l.ris', ris).diagnostics)).toEqual([expect.objectContaining({ line: 3, message: expect.stringMatching(/^1 entry names its attached file/) })]);
    expect(read('l.bib', '@article{a, title = {A}, year = {2020}}').diagnostics).toEqual([]);
    expect(read('l.bib', '@article{a, title = {A}, year = {2020}, file = {https://example.org/a.pdf}}').diagnostics).toEqual([]);
  });

  it('noncharacters in the file are removed, as in every format, never read as the "<", ">" or "%" the reader stands them for', () => {
    const [record] = read('n.bib', '@article{n, title = {Stand\uFDD0ins \uFDD2 and \uFDD1}, journal = {J\uFDD0ournal}, year = {2020}}').records;
    expect(record).toMatchObject({ title: 'Standins and', venue: { name: 'Journal' } });
  });

  it('a date not read whole is a warning at its entry: a 13th month, a 31st of June, a month or a date it cannot read', () => {
    const text = '@article{dt,\n  title = {A},\n  date = {2021-13-02},\n}\n@article{b, title = {B}, year = 2021, month = jun, day = 31}\n@article{c, title = {C}, date = {June 2021}, year = 2021}\n@article{d, title = {D}, year = 2021, month = {Summer}}\n@article{ok, title = {E}, date = {2021-06-02}, month = jun}\n';
    const { records, diagnostics } = read('lib.bib', text);
    expect(records.map((r) => r.published)).toEqual(['2021', '2021-06', '2021', '2021', '2021-06-02']);
    expect(diagnostics.map((d) => [d.severity, d.line, d.message])).toEqual([
      ['warning', 1, 'entry dt: the date "2021-13-02" is not read whole (there is no month 13); the paper is dated 2021'],
      ['warning', 5, 'entry b: the date "2021-6-31" is not read whole (month 6 has no day 31); the paper is dated 2021-06'],
      ['warning', 6, 'entry c: "June 2021" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)'],
      ['warning', 7, 'entry d: the date "2021-Summer" is not read whole ("Summer" is not a month); the paper is dated 2021'],
    ]);
  });

  it('months as IEEE Xplore, OJS and BibLaTeX write them read without a word: "Sept.", "Aug.", a range "Jan.-Feb.", jan # "~" # feb, a season', () => {
    const entries = ['month = {Sept.}', 'month = {Aug.}', 'month = {Jan.-Feb.}', 'month = jan # "~" # feb', 'month = {dec}'].map((month, i) => `@article{k${i}, title = {T${i}}, year = 2024, ${month}}`);
    const { records, diagnostics } = read('ieee.bib', `${entries.join('\n')}\n@article{s, title = {S}, date = {2021-22}}\n`);
    expect(records.map((r) => r.published)).toEqual(['2024-09', '2024-08', '2024-01', '2024-01', '2024-12', '2021']);
    expect(diagnostics).toEqual([]);
  });

  const { format, records, diagnostics } = read('library.bib', fixture('zotero-better-bibtex.bib'));

  it('reads @string, crossref, accents, month macros, eprint with archiveprefix or eprinttype', () => {
    expect(format).toBe('bibtex');
    expect(diagnostics).toEqual([]);
    const byKey = new Map(records.map((r) => [r.key, r]));
    expect(byKey.get('gu2023mamba')).toMatchObject({ title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces', authors: ['Albert Gu', 'Tri Dao'], arxivId: '2312.00752', arxivCategory: 'cs.LG', published: '2023-12', venue: null, abstract: null, line: 5 });
    expect(byKey.get('esser2024scaling')).toMatchObject({ arxivId: '2403.03206', venue: { name: 'Proceedings of the 41st International Conference on Machine Learning', kind: 'proceedings' }, published: '2024-07' });
    expect(byKey.get('esser2024scaling')!.authors[4]).toBe('Jonas Müller');
    expect(byKey.get('vaswani2017attention')).toMatchObject({ venue: { name: 'Advances in Neural Information Processing Systems 30' }, arxivCategory: 'cs.CL' });
    expect(byKey.get('vaswani2017attention')!.authors[6]).toBe('Łukasz Kaiser');
    expect(byKey.get('vaswani2017attention')!.abstract).toContain('the Transformer, based solely');
    expect(byKey.get('hochreiter1997lstm')).toMatchObject({ doi: '10.1162/neco.1997.9.8.1735', published: '1997-11' });
  });

  it('an accent on a dotless i or j ({\\\'\\i}, as LaTeX users write í) is the accented letter, one character as \\\'{i} gives', () => {
    const { records } = read('accents.bib', "@misc{k, title = {Mar{\\'\\i}a and Mar\\'{i}a}, author = {Mar{\\'\\i}a Lee and J{\\v\\j}rka Novak}}");
    expect(records[0]).toMatchObject({ title: 'María and María', authors: ['María Lee', 'Jǰrka Novak'] });
  });

  it("TeX escapes in a DOI or URL are the characters they stand for: Mendeley's {\\_}, a SICI DOI's {\\textless}, hyperref's \\%", () => {
    const entries = [
      '@incollection{unet, title = {U-Net}, doi = {10.1007/978-3-319-24574-4{\\_}28}}',
      '@article{sici, title = {S}, doi = {10.1002/(SICI)1097-4571(199806)49:8{\\textless}693::AID-ASI4{\\textgreater}3.0.CO;2-0}}',
      '@misc{u, title = {U}, url = {https://github.com/a/b\\_c?q=1\\%202\\#readme}, doi = {10.1000/x\\_y}}',
    ];
    const { records, diagnostics } = read('mendeley.bib', entries.join('\n'));
    expect(diagnostics).toEqual([]);
    expect(records.map((r) => r.doi)).toEqual(['10.1007/978-3-319-24574-4_28', '10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0', '10.1000/x_y']);
    expect(records[2]!.links).toMatchObject({ code: 'https://github.com/a/b_c?q=1%202#readme' });
  });

  it('a @proceedings volume that papers crossref is not itself a paper', () => {
    expect(records.map((r) => r.key)).not.toContain('icml2024');
    expect(records).toHaveLength(4);
  });

  it('the arXiv id is read where exports put it without an eprint, but not from a note or howpublished that mentions another preprint', () => {
    const text = [
      '@misc{a, title = {Paper A}, howpublished = {\\url{https://arxiv.org/abs/2101.00001}}, year = 2021}',
      '@misc{b, title = {Paper B}, note = {arXiv:2101.00002}, year = 2021}',
      '@article{c, title = {Paper C}, arxivId = {2101.00003}, year = 2021}',
      '@misc{d, title = {Paper D}, howpublished = {arXiv preprint arXiv:2101.00004 [cs.LG]}, year = 2021}',
      '@misc{e, title = {Paper E}, note = {Extended version of arXiv:2101.00005}, year = 2021}',
      '@misc{f, title = {Paper F}, note = {arXiv:2101.00009. Extended version of arXiv:1901.00001}, year = 2021}',
      '@misc{g, title = {Paper G}, note = {arXiv admin note: text overlap with arXiv:1901.00002}, year = 2021}',
      '@misc{h, title = {Paper H}, howpublished = {Extended version of arXiv:2101.00003}, year = 2021}',
    ].join('\n');
    expect(read('ids.bib', text).records.map((r) => r.arxivId)).toEqual(['2101.00001', '2101.00002', '2101.00003', '2101.00004', null, null, null, null]);
  });

  it('BibLaTeX\'s @xdata gives the entries that name it the fields they lack, and is no paper; one not in the file is a warning at the entry', () => {
    const text = '@xdata{neurips2020,\n  booktitle = {Advances in Neural Information Processing Systems},\n  year = {2020}\n}\n@xdata{curran, publisher = {Curran Associates}}\n@inproceedings{ho2020,\n  title = {Denoising Diffusion Probabilistic Models},\n  author = {Ho, Jonathan},\n  year = {2021},\n  xdata = {neurips2020, curran}\n}\n@inproceedings{doe2020,\n  title = {Another Paper},\n  xdata = {nosuch}\n}\n';
    const { records, diagnostics } = read('xdata.bib', text);
    expect(records.map((r) => [r.title, r.venue?.name ?? null, r.published])).toEqual([
      ['Denoising Diffusion Probabilistic Models', 'Advances in Neural Information Processing Systems', '2021'],
      ['Another Paper', null, null],
    ]);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', line: 12, message: expect.stringContaining('@xdata nosuch, which is not in this file') })]);
  });

  it('a book, or proceedings no entry crossrefs, is read as a paper: a reading list can hold one', () => {
    const text = '@book{goodfellow2016,\n  title = {Deep Learning},\n  author = {Goodfellow, Ian and Bengio, Yoshua},\n  year = {2016},\n}\n@proceedings{neurips23, title = {Advances in Neural Information Processing Systems 36}, year = 2023}\n@collection{c, title = {A Collection}}\n';
    const result = read('books.bib', text);
    expect(result.diagnostics).toEqual([]);
    expect(result.records.map((r) => [r.key, r.line, r.title])).toEqual([
      ['goodfellow2016', 1, 'Deep Learning'],
      ['neurips23', 6, 'Advances in Neural Information Processing Systems 36'],
      ['c', 7, 'A Collection'],
    ]);
  });

  it('a field without its comma is an error at the next field\'s line that says so, not the parser\'s "token mismatch"', () => {
    const text = '@misc{first, title = {First}}\n\n@article{vaswani2017,\n  title = {Attention Is All You Need},\n  author = {Ashish Vaswani}\n  abstract = {Transformers},\n  year = {2017}\n}\n';
    expect(errorsIn(read('lib.bib', text).diagnostics)).toEqual([expect.objectContaining({ line: 6, message: 'entry vaswani2017: a comma is missing before "abstract =" (at the end of the field above it)' })]);
    // The fields after the break are lost to the parser: the title among them is not reported missing too.
    expect(errorsIn(read('lib.bib', '@misc{a,\n  year = 2020\n  title = {Foo}\n}\n').diagnostics)).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining('a comma is missing before "title ="') })]);
  });

  it('a stray "}" that ends an entry early is an error at that line naming the entry, so its other fields are not silently lost', () => {
    const text = '@article{ok1,\n  title = {Attention Is All You Need}},\n  abstract = {An abstract.},\n  eprint = {1706.03762},\n  archiveprefix = {arXiv},\n  year = 2017,\n}\n@article{ok2, title = {Two}}\n';
    const result = read('stray.bib', text);
    expect(errorsIn(result.diagnostics)).toEqual([expect.objectContaining({ line: 2, message: expect.stringContaining('entry ok1') })]);
    expect(errorsIn(result.diagnostics)[0]!.message).toContain('abstract');
    // When the title is among the fields lost, that is the one error: not also "has no title".
    expect(errorsIn(read('stray.bib', '@article{k,\n author = {A. Smith}},\n title = {T}\n}\n').diagnostics)).toEqual([expect.objectContaining({ line: 2, message: expect.stringContaining('title = …') })]);
  });

  it('comments between entries, with % or without, are no error', () => {
    const text = '% Encoding: UTF-8\nExported from my library; edit freely.\n\n@article{a, title = {One}}\n\nThe next one is a classic. Note: rank = high\n% year = 2017\n@article{b, title = {Two}}\n';
    const result = read('comments.bib', text);
    expect(result.diagnostics).toEqual([]);
    expect(result.records).toHaveLength(2);
  });

  it('an entry inside @comment{…}, @preamble{…} or @string{…} is commented out, not lost: no error and no paper', () => {
    const text = '@comment{\n@article{old,\n  title = {Commented out},\n  year = 2019\n}\n}\n@preamble{ "\n@misc{pre, title = {In a preamble}}\n" }\n@string{ s = {\n@misc{str, title = {In a string}}\n} }\n@article{live,\n  title = {Live entry}\n}\n';
    const result = read('commented.bib', text);
    expect(result.diagnostics).toEqual([]);
    expect(result.records.map((r) => [r.key, r.line])).toEqual([['live', 13]]);
  });

  it('an entry after a @comment whose braces never close is still read, as the parser reads it', () => {
    const result = read('open-comment.bib', '@comment{ unclosed\n@article{next,\n  title = {Next}\n}\n');
    expect(result.records.map((r) => r.key)).toEqual(['next']);
    expect(errorsIn(result.diagnostics).map((d) => d.message)).not.toContainEqual(expect.stringContaining('entry next'));
  });

  it('a line is found from an offset as counting newlines before it finds it', () => {
    const text = 'a\n\nbc\r\n\nd\n';
    const lineAt = lineLocator(text);
    for (let offset = 0; offset <= text.length + 1; offset++) expect(lineAt(offset), `offset ${offset}`).toBe(text.slice(0, offset).split('\n').length);
  });

  it('finding the lines of many entries takes time in proportion to the file, not its square', () => {
    // 2,000 small entries 400 lines apart: cheap to parse, 800,000 lines to count through
    // (counting from the start for each entry took 7 s; finding line starts once, 0.5 s).
    const text = Array.from({ length: 2000 }, (_, i) => `${'\n'.repeat(399)}@misc{k${i}, title = {T${i}}}`).join('\n');
    const started = performance.now();
    const result = read('far.bib', text);
    expect(performance.now() - started).toBeLessThan(3500);
    expect(result.records.at(-1)!.line).toBe(800_000);
  });

  it('a value naming an @string that is not defined is an error at each line that uses it, saying how to fix it', () => {
    const text = '@article{u,\n  title = {T},\n  journal = undefinedmacro,\n  year = 2020\n}\n@article{v, title = {V}, note = {See} # undefinedmacro}\n';
    expect(errorsIn(read('strings.bib', text).diagnostics)).toEqual([
      expect.objectContaining({ line: 3, message: expect.stringMatching(/^"undefinedmacro" is not an @string defined in this file: define it .*@string\{undefinedmacro = \{…\}\}.* or write the text in braces/) }),
      expect.objectContaining({ line: 6, message: expect.stringContaining('"undefinedmacro"') }),
    ]);
  });

  it('a key used again is a warning at the later entry naming the first one\'s line; both entries are read', () => {
    const text = '@article{dup,\n  title = {First Paper With Key}\n}\n@article{other, title = {Other}}\n@article{Dup,\n  title = {Second Paper With Same Key}\n}\n';
    const result = read('dup.bib', text);
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', line: 5, message: expect.stringMatching(/^entry Dup has the same key as the entry at line 1\b/) })]);
    expect(result.records.map((r) => [r.key, r.line])).toEqual([['dup', 1], ['other', 4], ['Dup', 5]]);
  });

  it('a Google Scholar export gives the arXiv id written in its "journal"', () => {
    const text = '@article{gu2023mamba,\n  title={Mamba: Linear-time sequence modeling with selective state spaces},\n  author={Gu, Albert and Dao, Tri},\n  journal={arXiv preprint arXiv:2312.00752},\n  year={2023}\n}\n';
    expect(read('scholar.bib', text).records[0]).toMatchObject({ arxivId: '2312.00752', venue: null });
  });

  it('a broken entry is an error at its line', () => {
    const text = '@article{ok, title = {Fine}, author = {A, B}}\n\n@article{broken,\n  title = {Never closed,\n  author = {C, D}\n';
    const result = read('broken.bib', text);
    expect(errorsIn(result.diagnostics).length).toBeGreaterThan(0);
    expect(errorsIn(result.diagnostics)[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('an entry left open is an error at its own line naming its key, not only where the parser gave up', () => {
    const text = '@article{a, title = {A}}\n\n@article{broken,\n  title = {Closed},\n  author = {C, D}\n\n@article{next,\n  title = {Next}\n}\n';
    expect(errorsIn(read('open.bib', text).diagnostics)).toEqual([expect.objectContaining({ line: 3, message: expect.stringMatching(/^entry broken .*line 7/) })]);
  });

  it('a parser message is one short line, however much input it quotes', () => {
    const result = read('deep.bib', `@article{x, title = {${'{'.repeat(20_000)}${'}'.repeat(20_000)}}}\n`);
    expect(errorsIn(result.diagnostics).length).toBeGreaterThan(0);
    for (const d of result.diagnostics) expect(d.message).toMatch(/^[^\n]{1,300}$/);
  });

  it('braces nested deeper than the parser can read are an error at the field saying so', () => {
    const result = read('bomb.bib', `@article{bomb,\n  year = 2020,\n  title = {${'{'.repeat(20_000)}${'}'.repeat(20_000)}}\n}\n`);
    expect(errorsIn(result.diagnostics)).toEqual([expect.objectContaining({ line: 3, message: 'entry bomb: its title has braces nested 20,001 deep, more than the BibTeX parser can read; remove the extra braces' })]);
  });

  it('a field with more words than the parser can read is an error at the field saying it is too long, at once; the other entries are read', () => {
    // The parser overflows its stack past about 60,000 words, after minutes: such an entry is never given to it.
    const text = `@article{huge,\n  title = {Huge},\n  abstract = {${'word '.repeat(65_000)}},\n  year = 2020\n}\n@article{next,\n  title = {Next}\n}\n`;
    const started = performance.now();
    const result = read('huge.bib', text);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(errorsIn(result.diagnostics)).toEqual([expect.objectContaining({ line: 3, message: 'entry huge: its abstract is too long for the BibTeX parser (65,000 words); keep it under 10,000' })]);
    expect(result.records.map((r) => [r.key, r.line])).toEqual([['next', 6]]);
  });

  it('an @string too deep or too long for the parser is an error naming it, as an entry is; the entries around it are read', () => {
    const deep = `@article{before, title = {Before}}\n@string{s = {${'{'.repeat(3_000)}x${'}'.repeat(3_000)}}}\n@article{after, title = {After}, year = 2020}\n`;
    const result = read('strings.bib', deep);
    expect(errorsIn(result.diagnostics)).toEqual([expect.objectContaining({ line: 2, message: '@string s: its value has braces nested 3,001 deep, more than the BibTeX parser can read; remove the extra braces' })]);
    expect(result.records.map((r) => r.key)).toEqual(['before', 'after']);
    const long = read('strings.bib', `@STRING(s = {${'ab '.repeat(70_000)}})\n@article{k, title = {K}}\n`);
    expect(errorsIn(long.diagnostics)).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(/^@string s: its value is too long for the BibTeX parser \(70,00\d words\); keep it under 10,000$/) })]);
    expect(long.records.map((r) => r.key)).toEqual(['k']);
  });

  it('a long @string used so often that the parser would read megabytes is one error at it, in under a second (40 uses of 100 KB took 17 s)', () => {
    const uses = Array.from({ length: 40 }, (_, i) => `@article{k${i}, title = {Paper ${i}}, note = Big}`).join('\n');
    const started = performance.now();
    const result = read('strings.bib', `@string{Big = {${'x'.repeat(100_000)}}}\n@string{jmlr = {Journal of Machine Learning Research}}\n${uses}\n@article{j, title = {J}, journal = jmlr}\n`);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(errorsIn(result.diagnostics)).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(/^@string Big: it is used 40 times, 4,000,\d{3} characters in all, more than the BibTeX parser reads in time; shorten it$/) })]);
    expect(result.records.find((r) => r.key === 'j')!.venue).toEqual({ name: 'Journal of Machine Learning Research', kind: 'journal' });
  });

  it('a typo the parser misreads (`month == nov`, a zero-width space in a key, `k(x)`) is one error at its line, none at no line', () => {
    for (const [text, line] of [['@article{k,\n  title = {T},\n  month == nov\n}\n', 1], ['@article{\u200Bk,\n  title = {T}\n}\n', 1], ['\n\n@article{k(x), title = {T}}\n', 3]] as const) {
      const errors = errorsIn(read('typo.bib', text).diagnostics);
      expect(errors.map((d) => d.line), text).toEqual([line]);
    }
  });

  it('a field the parser would take seconds over is an error at it, at once: square brackets nested 32,000 deep, a word of a megabyte, 49,000 words', () => {
    for (const [note, message] of [
      [`${'['.repeat(32_000)}${']'.repeat(32_000)}`, 'entry k: its note has square brackets nested 32,000 deep, more than the BibTeX parser can read; remove the extra brackets'],
      ['x'.repeat(1_000_000), expect.stringMatching(/^entry k: its note is too long for the BibTeX parser \(1,000,0\d\d characters\); keep it under 200,000$/)],
      ['word '.repeat(49_000).trim(), 'entry k: its note is too long for the BibTeX parser (49,000 words); keep it under 10,000'],
    ]) {
      const started = performance.now();
      const result = read('slow.bib', `@article{k,\n  title = {T},\n  note = {${note}}\n}\n@article{next, title = {Next}}\n`);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(errorsIn(result.diagnostics)).toEqual([expect.objectContaining({ line: 3, message })]);
      expect(result.records.map((r) => r.key)).toEqual(['next']);
    }
  });

  it('an entry without a title is an error naming its key', () => {
    const result = read('notitle.bib', '@misc{nokey2024, author = {Someone, A}, year = 2024}\n');
    expect(errorsIn(result.diagnostics)).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining('nokey2024') })]);
  });

  it('an unknown LaTeX command keeps its name apart from its argument, and the warning at its line says so', () => {
    const result = read('cmd.bib', '@misc{k,\n  title = {Using \\foo{bar} and \\foo baz, \\foo{\\emph{qux}}, \\foo{}.}\n}\n');
    expect(result.records[0]!.title).toBe('Using \\foo bar and \\foo baz, \\foo qux, \\foo.');
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', line: 2, message: 'entry k: unknown LaTeX command \\foo; the text keeps its name, and what it applies to as plain text after it' })]);
  });

  it('an unknown LaTeX command with an empty argument is kept by name, with a warning naming the entry', () => {
    const result = read('cmd.bib', '@misc{k, title = {Using \\mysystem{} at scale}}\n');
    expect(result.records[0]!.title).toContain('\\mysystem');
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('entry k') })]);
  });

  it('< and > are the characters written, in text and math alike (not OT1\'s ¡ and ¿)', () => {
    const result = read('angles.bib', '@misc{k,\n  title = {When $n < m$: x<y, p > q and ¡Hola!},\n  abstract = {Attention cost grows as n > 1000 tokens <script>alert(1)</script> and beyond.},\n  year = {2024, x}\n}\n');
    expect(result.records[0]).toMatchObject({ title: 'When n<m: x<y, p > q and ¡Hola!', abstract: 'Attention cost grows as n > 1000 tokens <script>alert(1)</script> and beyond.' });
  });

  it('rich text written in the file, as Crossref\'s BibTeX has it, goes as in CSL JSON: its text stays', () => {
    const result = read('crossref.bib', '@article{k, title = {Reducing CO<sub>2</sub> <i>in vivo</i>}, year = 2024}\n');
    expect(result.records[0]!.title).toBe('Reducing CO2 in vivo');
  });

  it('"and others" (or "and et al.") is et al., not an author called "others"; a braced {others} is a name', () => {
    const result = read('etal.bib', '@misc{k, title = {T}, author = {Vaswani, Ashish and Shazeer, Noam and others}}\n@misc{j, title = {U}, author = {Others, Jane and {others}}}\n');
    expect(result.records.map((r) => [r.authors, r.moreAuthors])).toEqual([[['Ashish Vaswani', 'Noam Shazeer'], true], [['Jane Others', 'others'], false]]);
    // A hand-made list's "et al." says the same, in BibTeX and in CSL-JSON.
    expect(read('etal.bib', '@misc{k, title = {T}, author = {Lee, Ann and et al.}}\n').records[0]).toMatchObject({ authors: ['Ann Lee'], moreAuthors: true });
    expect(read('etal.json', JSON.stringify([{ id: 'k', type: 'article', title: 'T', author: [{ family: 'Lee', given: 'Ann' }, { literal: 'et al.' }] }])).records[0]).toMatchObject({ authors: ['Ann Lee'], moreAuthors: true });
    expect(read('etal.ris', 'TY  - JOUR\nTI  - T\nAU  - Lee, Ann\nAU  - et al.\nER  - \n').records[0]).toMatchObject({ authors: ['Ann Lee'], moreAuthors: true });
  });

  it('a % inside a value is the character ("by 50%"), not a comment cutting the field; on a line of its own or after a field it is a comment', () => {
    const text = '% A comment line {\n@article{k,\n  title = {Gains of 50% on ImageNet},\n  % note = {commented out},\n  abstract = "Accuracy up by 12% and cost down by 3\\% over the baseline.",\n  year = {2021a}, % 2021a: a letter as author-year styles add\n}\n';
    const { records, diagnostics } = read('percent.bib', text);
    expect(diagnostics).toEqual([]);
    expect(records[0]).toMatchObject({ title: 'Gains of 50% on ImageNet', abstract: 'Accuracy up by 12% and cost down by 3% over the baseline.', published: '2021' });
  });

  it('a % in a parenthesised entry\'s value is text too, and @comment blocks (JabRef\'s, with a lone quote or a %) are passed over whole', () => {
    const text = '@comment{ TODO: 50% of these need abstracts; a "quote }\n@article(paren2020, title = {Gains of 50% on ImageNet}, year = {2020A})\n@Comment{jabref-meta: groupstree: StaticGroup:Reading "list;}\n@article{after2021,\n  title = {Down by 3%},\n  % note = {old note},\n  year = {2021}, % trailing }\n}\n';
    const { records, diagnostics } = read('jabref.bib', text);
    expect(diagnostics).toEqual([]);
    expect(records.map((r) => [r.key, r.title, r.line, r.published])).toEqual([['paren2020', 'Gains of 50% on ImageNet', 2, '2020'], ['after2021', 'Down by 3%', 4, '2021']]);
    expect(read('split.bib', '@article\n{a, title = {Gains of 50% on X}}\n').records[0]!.title).toBe('Gains of 50% on X');
  });

  it('TeX\'s logos and control space read as their names and a space, with no warning', () => {
    const result = read('logos.bib', '@misc{k, title = {\\LaTeX\\ and \\TeX{}, \\BibTeX{} and \\LaTeXe{}, \\TeX and by Knuth et al.\\\nin 1984}}\n');
    expect(result.records[0]!.title).toBe('LaTeX and TeX, BibTeX and LaTeX2e, TeX and by Knuth et al. in 1984');
    expect(result.diagnostics).toEqual([]);
  });

  it('a preprint whose "journal" is its arXiv id has no venue but that id and category', () => {
    const result = read('pre.bib', '@article{k, title = {T}, journal = {arXiv:1305.4904 [quant-ph]}, year = 2013}\n');
    expect(result.records[0]).toMatchObject({ arxivId: '1305.4904', arxivCategory: 'quant-ph', venue: null });
  });

  it('an arXiv archive without its subject class, as Zotero writes it (primaryclass = {cs}), is no category', () => {
    const category = (value: string) => read('z.bib', `@misc{k, title = {T}, eprint = {2312.00752}, archiveprefix = {arXiv}, primaryclass = {${value}}, year = 2023}\n`).records[0]!.arxivCategory;
    expect(['cs', 'math', 'stat'].map(category)).toEqual([null, null, null]);
    expect(['cs.LG', 'hep-th', 'math.ST'].map(category)).toEqual(['cs.LG', 'hep-th', 'math.ST']);
  });
});

describe('the family part of names, where a format states it', () => {
  const families = (file: string, text: string) => Object.fromEntries(read(file, text).records[0]!.familyNames);

  it('BibTeX: the von and last parts, or a braced name whole', () => {
    const bib = "@article{k, title = {T}, year = 2020,\n  author = {Garcia Satorras, Victor and {Theano Development Team} and van der Walt, St{\\'e}fan and Drake, Jr., Fred L. and Emiel Hoogeboom}\n}\n";
    expect(read('lib.bib', bib).records[0]!.authors).toEqual(['Victor Garcia Satorras', 'Theano Development Team', 'Stéfan van der Walt', 'Fred L. Drake, Jr.', 'Emiel Hoogeboom']);
    expect(families('lib.bib', bib)).toEqual({
      'Victor Garcia Satorras': 'Garcia Satorras',
      'Theano Development Team': 'Theano Development Team',
      'Stéfan van der Walt': 'van der Walt',
      'Fred L. Drake, Jr.': 'Drake',
      'Emiel Hoogeboom': 'Hoogeboom',
    });
  });

  it('CSL-JSON: the particle and family, or a literal whole', () => {
    const items = [{ id: 'k', type: 'article', title: 'T', author: [{ given: 'Guido', 'non-dropping-particle': 'van', family: 'Rossum' }, { literal: 'SciPy 1.0 Contributors' }, { given: 'Jaime', family: 'Fernández del Río' }] }];
    expect(families('lib.json', JSON.stringify(items))).toEqual({ 'Guido van Rossum': 'van Rossum', 'SciPy 1.0 Contributors': 'SciPy 1.0 Contributors', 'Jaime Fernández del Río': 'Fernández del Río' });
  });

  it('RIS: what comes before the comma; a name written without one states nothing', () => {
    expect(families('lib.ris', 'TY  - JOUR\nTI  - T\nAU  - Garcia Satorras, Victor\nAU  - Wiley, Inc.\nAU  - Jonathan Shlomi\nER  - \n')).toEqual({ 'Victor Garcia Satorras': 'Garcia Satorras', 'Wiley, Inc.': 'Wiley, Inc.' });
  });

  it('the Zotero Web API: a creator\'s lastName; a single-field name is whole, as Zotero itself cites it', () => {
    const item = { key: 'K', version: 1, library: {}, links: {}, meta: {}, data: { key: 'K', itemType: 'journalArticle', title: 'T', creators: [{ creatorType: 'author', firstName: 'Victor', lastName: 'Garcia Satorras' }, { creatorType: 'author', name: 'Hugging Face' }] } };
    expect(families('z.json', JSON.stringify([item]))).toEqual({ 'Victor Garcia Satorras': 'Garcia Satorras', 'Hugging Face': 'Hugging Face' });
  });

  it('a Chinese, Japanese or Korean name stated in parts is written family first, with no space, in every format', () => {
    const names = ['王小明', '山田太郎', '김민수'];
    const expectNames = (file: string, text: string) => {
      expect(read(file, text).records[0]!.authors, file).toEqual(names);
      expect(families(file, text), file).toEqual({ 王小明: '王', 山田太郎: '山田', 김민수: '김' });
    };
    expectNames('lib.bib', '@article{k, title = {T}, year = 2020, author = {王, 小明 and 山田, 太郎 and 김, 민수}}\n');
    expectNames('lib.json', JSON.stringify([{ id: 'k', type: 'article', title: 'T', author: [{ family: '王', given: '小明' }, { family: '山田', given: '太郎' }, { family: '김', given: '민수' }] }]));
    expectNames('lib.ris', 'TY  - JOUR\nTI  - T\nAU  - 王, 小明\nAU  - 山田, 太郎\nAU  - 김, 민수\nER  - \n');
    // A name in Latin letters stays given first, whatever else the list holds.
    expect(read('lib.ris', 'TY  - JOUR\nTI  - T\nAU  - Wang, Xiaoming\nER  - \n').records[0]!.authors).toEqual(['Xiaoming Wang']);
  });

  it('CSL: a dropping particle is part of the name, not of its family part', () => {
    const item = { id: 'k', type: 'article-journal', title: 'T', author: [{ given: 'Ludwig', 'dropping-particle': 'van', family: 'Beethoven' }, { given: 'Vincent', 'non-dropping-particle': 'van', family: 'Gogh' }] };
    expect(read('lib.json', JSON.stringify([item])).records[0]!.authors).toEqual(['Ludwig van Beethoven', 'Vincent van Gogh']);
    expect(families('lib.json', JSON.stringify([item]))).toEqual({ 'Ludwig van Beethoven': 'Beethoven', 'Vincent van Gogh': 'van Gogh' });
  });
});

describe('a venue\'s volume, issue and pages', () => {
  const venueOf = (file: string, text: string) => read(file, text).records[0]!.venue;

  it('come with the venue from every format that gives them, a page range with a hyphen', () => {
    const expected = { name: 'Neural Computation', kind: 'journal', volume: '9', issue: '8', pages: '1735-1780' };
    expect(venueOf('lib.bib', '@article{k, title = {Long Short-Term Memory}, journal = {Neural Computation}, volume = 9, number = {8}, pages = {1735--1780}, year = 1997}\n')).toMatchObject(expected);
    expect(venueOf('lib.json', JSON.stringify([{ id: 'k', type: 'article-journal', title: 'LSTM', 'container-title': 'Neural Computation', volume: 9, issue: '8', page: '1735–1780' }]))).toMatchObject(expected);
    expect(venueOf('lib.ris', 'TY  - JOUR\nTI  - LSTM\nT2  - Neural Computation\nVL  - 9\nIS  - 8\nSP  - 1735\nEP  - 1780\nER  - \n')).toMatchObject(expected);
    const item = { key: 'K', version: 1, library: {}, links: {}, meta: {}, data: { key: 'K', itemType: 'journalArticle', title: 'LSTM', publicationTitle: 'Neural Computation', volume: '9', issue: '8', pages: '1735 - 1780' } };
    expect(venueOf('z.json', JSON.stringify([item]))).toMatchObject(expected);
  });

  it('a shortened last page is written whole, so every citation and the page give one range', () => {
    expect(venueOf('lib.bib', '@article{k, title = {T}, journal = {J}, pages = {1735--80}}\n')).toMatchObject({ pages: '1735-1780' });
    expect(venueOf('lib.ris', 'TY  - JOUR\nTI  - T\nT2  - J\nSP  - 1735\nEP  - 80\nER  - \n')).toMatchObject({ pages: '1735-1780' });
    // Not shortened: a last page as long as the first, a range with letters, a page alone.
    for (const pages of ['99-1024', 'S1-S12', 'e1004', '12-15']) expect(venueOf('lib.bib', `@article{k, title = {T}, journal = {J}, pages = {${pages}}}\n`)).toMatchObject({ pages });
  });

  it('an RIS range written whole in SP, or an EP alone, is the pages', () => {
    expect(venueOf('lib.ris', 'TY  - JOUR\nTI  - T\nT2  - J\nSP  - 1735-1780\nEP  - 1780\nER  - \n')).toMatchObject({ pages: '1735-1780' });
    expect(venueOf('lib.ris', 'TY  - JOUR\nTI  - T\nT2  - J\nEP  - 1780\nER  - \n')).toMatchObject({ pages: '1780' });
  });

  it('an RIS article with one page, or no pages, says so; blank fields are no value', () => {
    expect(venueOf('lib.ris', 'TY  - JOUR\nTI  - T\nT2  - Nature\nSP  - e1004\nER  - \n')).toEqual({ name: 'Nature', kind: 'journal', pages: 'e1004' });
    expect(venueOf('lib.bib', '@article{k, title = {T}, journal = {Nature}, volume = { }, pages = {}}\n')).toEqual({ name: 'Nature', kind: 'journal' });
  });
});

describe('books, chapters, theses and reports', () => {
  const venueOf = (file: string, text: string) => read(file, text).records[0]!.venue;
  const zotero = (data: Record<string, unknown>) => JSON.stringify([{ key: 'K', version: 1, library: {}, links: {}, meta: {}, data: { key: 'K', title: 'T', ...data } }]);

  it('a book is at its publisher, in every format', () => {
    const expected = { name: 'MIT Press', kind: 'book' };
    expect(venueOf('lib.bib', '@book{k, title = {Deep Learning}, publisher = {MIT Press}}\n')).toEqual(expected);
    expect(venueOf('lib.json', JSON.stringify([{ id: 'k', type: 'book', title: 'Deep Learning', publisher: 'MIT Press' }]))).toEqual(expected);
    expect(venueOf('lib.ris', 'TY  - BOOK\nTI  - Deep Learning\nT2  - Adaptive Computation and Machine Learning\nPB  - MIT Press\nER  - \n')).toEqual(expected);
    expect(venueOf('z.json', zotero({ itemType: 'book', publisher: 'MIT Press' }))).toEqual(expected);
  });

  it('a chapter is in its book, not in proceedings', () => {
    const expected = { name: 'Neural Networks: Tricks of the Trade', kind: 'chapter', pages: '9-50' };
    expect(venueOf('lib.bib', '@incollection{k, title = {Efficient BackProp}, booktitle = {Neural Networks: Tricks of the Trade}, pages = {9--50}}\n')).toEqual(expected);
    expect(venueOf('lib.json', JSON.stringify([{ id: 'k', type: 'chapter', title: 'Efficient BackProp', 'container-title': 'Neural Networks: Tricks of the Trade', page: '9-50' }]))).toEqual(expected);
    expect(venueOf('lib.ris', 'TY  - CHAP\nTI  - Efficient BackProp\nT2  - Neural Networks: Tricks of the Trade\nSP  - 9\nEP  - 50\nER  - \n')).toEqual(expected);
    expect(venueOf('z.json', zotero({ itemType: 'bookSection', bookTitle: 'Neural Networks: Tricks of the Trade', pages: '9-50' }))).toEqual(expected);
  });

  it('a thesis is at its university, with the kind of thesis its source states and none it does not', () => {
    const phd = { name: 'University of Toronto', kind: 'thesis', genre: 'PhD thesis' };
    expect(venueOf('lib.bib', '@phdthesis{k, title = {Training Recurrent Neural Networks}, school = {University of Toronto}}\n')).toEqual(phd);
    expect(venueOf('lib.bib', '@thesis{k, title = {T}, institution = {University of Toronto}, type = {phdthesis}}\n')).toEqual(phd);
    expect(venueOf('lib.bib', '@mastersthesis{k, title = {T}, school = {ETH Zürich}}\n')).toEqual({ name: 'ETH Zürich', kind: 'thesis', genre: "Master's thesis" });
    expect(venueOf('lib.json', JSON.stringify([{ id: 'k', type: 'thesis', title: 'T', publisher: 'University of Toronto', genre: 'PhD thesis' }]))).toEqual(phd);
    expect(venueOf('lib.ris', 'TY  - THES\nTI  - T\nPB  - University of Toronto\nM3  - PhD thesis\nER  - \n')).toEqual(phd);
    expect(venueOf('z.json', zotero({ itemType: 'thesis', university: 'University of Toronto', thesisType: 'PhD thesis' }))).toEqual(phd);
    expect(venueOf('lib.ris', 'TY  - THES\nTI  - T\nPB  - University of Toronto\nER  - \n')).toEqual({ name: 'University of Toronto', kind: 'thesis' });
  });

  it('a report is at its institution, with its kind and number', () => {
    const expected = { name: 'OpenAI', kind: 'report', genre: 'Technical report', issue: '7' };
    expect(venueOf('lib.bib', '@techreport{k, title = {T}, institution = {OpenAI}, type = {Technical report}, number = {7}}\n')).toEqual(expected);
    expect(venueOf('lib.json', JSON.stringify([{ id: 'k', type: 'report', title: 'T', publisher: 'OpenAI', genre: 'Technical report', number: '7' }]))).toEqual(expected);
    expect(venueOf('lib.ris', 'TY  - RPRT\nTI  - T\nPB  - OpenAI\nM3  - Technical report\nSN  - 7\nER  - \n')).toEqual(expected);
    expect(venueOf('z.json', zotero({ itemType: 'report', institution: 'OpenAI', reportType: 'Technical report', reportNumber: '7' }))).toEqual(expected);
  });

  it('one without the field that names its venue falls back to the journal or booktitle it names, and a report numbered by its arXiv id has no number', () => {
    expect(venueOf('lib.bib', '@techreport{k, title = {T}, journal = {Nature}}\n')).toEqual({ name: 'Nature', kind: 'journal' });
    expect(venueOf('lib.bib', '@book{k, title = {T}}\n')).toBeNull();
    expect(venueOf('lib.json', JSON.stringify([{ id: 'k', type: 'report', title: 'T', publisher: 'OpenAI', number: 'arXiv:2303.08774' }]))).toEqual({ name: 'OpenAI', kind: 'report' });
  });
});

describe('RIS as Zotero writes it', () => {
  const venueOf = (text: string) => read('lib.ris', text).records[0]!.venue;

  it('a conference paper is in the proceedings of C3, not the conference T2 names', () => {
    expect(venueOf('TY  - CONF\nTI  - T\nT2  - NIPS 2012\nC3  - Advances in Neural Information Processing Systems 25\nER  - \n')).toEqual({ name: 'Advances in Neural Information Processing Systems 25', kind: 'proceedings' });
    expect(venueOf('TY  - CONF\nTI  - T\nC3  - Advances in Neural Information Processing Systems 30\nER  - \n')).toEqual({ name: 'Advances in Neural Information Processing Systems 30', kind: 'proceedings' });
    expect(venueOf('TY  - CPAPER\nTI  - T\nT2  - Proc. ICML\nER  - \n')).toEqual({ name: 'Proc. ICML', kind: 'proceedings' });
  });

  it('a whole book\'s or thesis\'s SP is its number of pages, not its pages', () => {
    expect(venueOf('TY  - BOOK\nTI  - Deep Learning\nPB  - MIT Press\nSP  - 775\nER  - \n')).toEqual({ name: 'MIT Press', kind: 'book' });
    expect(venueOf('TY  - THES\nTI  - T\nPB  - University of Toronto\nSP  - 178\nER  - \n')).toEqual({ name: 'University of Toronto', kind: 'thesis' });
  });
});
