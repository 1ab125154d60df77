/** Citations say what the sources said, in BibTeX, RIS, CSL-JSON and Google Scholar's tags, and nothing more. */
import { describe, expect, it } from 'vitest';
import { formatAuthors, authorKey, authorSlug, nameSeparator } from '../../src/lib/authors.ts';
import { bibtex, bibtexComment, cslJson, doiUrl, markdownLink, ris, scholarMeta, type CitationInput } from '../../src/lib/cite.ts';
import { readSource } from '../../src/ingest/sources/detect.ts';

const bare: CitationInput = {
  id: 'a-listed-paper',
  aliases: [],
  title: 'A Listed Paper',
  authors: [],
  arxivId: null,
  arxivCategory: null,
  doi: null,
  venue: null,
  published: null,
  listedOn: '2025-02-23',
  linksByKind: { code: null, project: null, pdf: null },
  url: 'https://example.org/papers/a-listed-paper/',
};
/**
 * The fields of one entry as BibTeX itself finds them: a braced value ends at the brace that
 * balances its first, counting every brace, escaped with a backslash or not.
 */
function fieldsAsBibtexReads(entry: string): string[] {
  const fields: string[] = [];
  let at = entry.indexOf(',') + 1;
  for (;;) {
    const field = /^\s*([a-zA-Z]+)\s*=\s*/.exec(entry.slice(at));
    if (!field) break;
    fields.push(field[1]!);
    at += field[0].length;
    if (entry[at] === '{') {
      let depth = 0;
      do depth += entry[at] === '{' ? 1 : entry[at] === '}' ? -1 : 0;
      while (++at < entry.length && depth > 0);
    } else while (at < entry.length && !/[,}]/.test(entry[at]!)) at++;
    if (entry[at] !== ',') break;
    at++;
  }
  return fields;
}

const journal: CitationInput = {
  ...bare,
  id: 'long-short-term-memory',
  title: 'Long Short-Term Memory',
  authors: ['Sepp Hochreiter', 'Jürgen Schmidhuber'],
  doi: '10.1162/neco.1997.9.8.1735',
  venue: { name: 'Neural Computation', kind: 'journal' },
  published: '1997-11',
  listedOn: null,
};

describe('BibTeX', () => {
  it('a paper a listing alone knows is a @misc with its title, listing year (no month: the day it was listed is no publication fact) and page, and not the catalog\'s label for the listing', () => {
    expect(bibtex(bare)).toBe('@misc{a-listed-paper,\n  title = {{A Listed Paper}},\n  year = {2025},\n  url = {https://example.org/papers/a-listed-paper/}\n}');
  });

  it('a paper a listing alone knows is dated by the listing\'s year alone in every format: the day it was listed is no day of publication', () => {
    expect(ris(bare)).toContain('PY  - 2025\n');
    expect(ris(bare)).not.toContain('DA  -');
    expect(cslJson(bare).issued).toEqual({ 'date-parts': [[2025]] });
    expect(scholarMeta(bare)).toContainEqual({ name: 'citation_publication_date', content: '2025' });
  });

  it('a brace in a title, a name or a venue prints as a brace and does not count as one, as BibTeX counts them: it cannot end a field', () => {
    const title = 'Real Title}}, author = "Mallory Evil", year = 1999, x = 1';
    const entry = bibtex({ ...journal, title, authors: ['Ann {Lee', 'Bob Roe}'], venue: { name: 'J {of', kind: 'journal' } });
    expect(fieldsAsBibtexReads(entry)).toEqual(['title', 'author', 'journal', 'year', 'month', 'doi', 'url']);
    expect(entry).toContain('title = {{Real Title\\textbraceright{}\\textbraceright{}, author = "Mallory Evil", year = 1999, x = 1}}');
    const read = readSource({ file: 'cite.bib', path: 'cite.bib', bytes: new TextEncoder().encode(entry) }).records[0]!;
    expect(read.title).toBe(title);
    expect(read.authors).toEqual(['Ann {Lee', 'Bob Roe}']);
  });

  it('a journal paper is an @article with authors, journal, year and month (a macro, as styles spell it out), DOI and the DOI as its URL', () => {
    expect(bibtex(journal)).toBe(
      '@article{long-short-term-memory,\n  title = {{Long Short-Term Memory}},\n  author = {Hochreiter, Sepp and Schmidhuber, Jürgen},\n  journal = {Neural Computation},\n  year = {1997},\n  month = nov,\n  doi = {10.1162/neco.1997.9.8.1735},\n  url = {https://doi.org/10.1162/neco.1997.9.8.1735}\n}',
    );
    expect(bibtex({ ...journal, published: '1997' })).not.toContain('month');
  });

  it('a venue\'s volume, issue and pages are cited in every format', () => {
    const paper = { ...journal, venue: { name: 'Neural Computation', kind: 'journal' as const, volume: '9', issue: '8', pages: '1735-1780' } };
    expect(bibtex(paper)).toContain('journal = {Neural Computation},\n  volume = {9},\n  number = {8},\n  pages = {1735--1780},');
    expect(ris(paper)).toContain('T2  - Neural Computation\nVL  - 9\nIS  - 8\nSP  - 1735\nEP  - 1780\n');
    expect(cslJson(paper)).toMatchObject({ volume: '9', issue: '8', page: '1735-1780' });
    expect(scholarMeta(paper).filter((t) => /volume|issue|page$/.test(t.name))).toEqual([
      { name: 'citation_volume', content: '9' },
      { name: 'citation_issue', content: '8' },
      { name: 'citation_firstpage', content: '1735' },
      { name: 'citation_lastpage', content: '1780' },
    ]);
  });

  it('page ranges: one page or an article number has no last page, nor have pages in several ranges', () => {
    const pages = (p: string) => scholarMeta({ ...journal, venue: { name: 'J', kind: 'journal', pages: p } }).filter((t) => t.name.endsWith('page')).map((t) => t.content);
    expect(pages('e1004')).toEqual(['e1004']);
    expect(pages('S1-S12')).toEqual(['S1', 'S12']);
    expect(pages('10-20, 30-40')).toEqual(['10-20, 30-40']);
    const ranges = { ...journal, venue: { name: 'J', kind: 'journal' as const, pages: '10-20, 30-40' } };
    expect(ris(ranges)).toContain('SP  - 10-20, 30-40\nDO');
    expect(bibtex(ranges)).toContain('pages = {10--20, 30--40}');
  });

  it('a preprint with a venue is in that venue, not published by arXiv', () => {
    expect(cslJson({ ...journal, arxivId: '2102.09844', venue: { name: 'ICML', kind: 'proceedings' } })).not.toHaveProperty('publisher');
    expect(cslJson({ ...journal, arxivId: '2102.09844', venue: null })).toMatchObject({ publisher: 'arXiv' });
  });

  it('a paper is cited at the date of the venue it names, not at its preprint\'s, in every format', () => {
    const conference = { ...journal, published: '2017-10-30', venue: { name: 'International Conference on Learning Representations', kind: 'proceedings' as const, date: '2018' } };
    expect(bibtex(conference)).toContain('year = {2018},\n  doi');
    expect(ris(conference)).toContain('PY  - 2018\n');
    expect(ris(conference)).not.toContain('DA  -');
    expect(cslJson(conference).issued).toEqual({ 'date-parts': [[2018]] });
    expect(scholarMeta(conference)).toContainEqual({ name: 'citation_publication_date', content: '2018' });
  });

  it('a paper\'s former ids are its other keys (biblatex ids), so a \\cite with one still finds it', () => {
    expect(bibtex({ ...journal, aliases: ['lstm', 'long-short-term-memory-2'] })).toContain('  url = {https://doi.org/10.1162/neco.1997.9.8.1735},\n  ids = {lstm, long-short-term-memory-2}\n}');
    expect(bibtex(journal)).not.toContain('ids =');
  });

  it('names that are not all of the authors end with BibTeX\'s "and others"', () => {
    expect(bibtex({ ...journal, etAl: true })).toContain('author = {Hochreiter, Sepp and Schmidhuber, Jürgen and others}');
  });

  it('proceedings make an @inproceedings; an organisation, or a name BibTeX would split, is braced whole; a suffix goes after the family name', () => {
    const entry = bibtex({ ...journal, authors: ['Smith and Sons', 'John Smith, Jr.', 'Smith & Wesson', 'Gemini Team', 'The CMS Collaboration', 'Google DeepMind', 'OpenAI', 'Ludwig van Beethoven III'], venue: { name: 'Proc. ICML', kind: 'proceedings' } });
    expect(entry).toMatch(/^@inproceedings\{/);
    expect(entry).toContain('author = {{Smith and Sons} and Smith, Jr., John and {Smith \\& Wesson} and {Gemini Team} and {The CMS Collaboration} and {Google DeepMind} and OpenAI and van Beethoven, III, Ludwig}');
    expect(entry).toContain('booktitle = {Proc. ICML}');
  });
});

describe('DOIs', () => {
  it('link to doi.org with what would end or change the URL path encoded, slashes kept', () => {
    expect(doiUrl('10.1162/neco.1997.9.8.1735')).toBe('https://doi.org/10.1162/neco.1997.9.8.1735');
    expect(doiUrl('10.1000/abc#frag?x=1%')).toBe('https://doi.org/10.1000/abc%23frag%3Fx%3D1%25');
  });

  it('are written as they are in BibTeX, which biblatex reads verbatim; one whose braces do not balance is left to the URL', () => {
    const underscored = bibtex({ ...journal, doi: '10.1007/978-3-030-58452-8_13' });
    expect(underscored).toContain('doi = {10.1007/978-3-030-58452-8_13}');
    const braced = bibtex({ ...journal, doi: '10.1000/a}b' });
    expect(braced).not.toContain('doi =');
    expect(braced).toContain('url = {https://doi.org/10.1000/a%7Db}');
    expect(bibtex({ ...journal, doi: '10.1000/}{' })).not.toContain('doi =');
    expect(bibtex({ ...journal, doi: '10.1234/abc{}def' })).toContain('doi = {10.1234/abc{}def}');
  });
});

describe('a Markdown link', () => {
  it('escapes what would end its text or become markup where it is pasted', () => {
    expect(markdownLink('Attention Is All You Need', 'https://e.org/p/')).toBe('[Attention Is All You Need](https://e.org/p/)');
    expect(markdownLink('a [b] **c** _d_ `e` <script> &amp; ~~f~~ \\', 'u')).toBe('[a \\[b\\] \\*\\*c\\*\\* \\_d\\_ \\`e\\` \\<script\\> \\&amp; \\~\\~f\\~\\~ \\\\](u)');
  });
});

describe('RIS, CSL-JSON and Scholar tags', () => {
  it('RIS has one AU line per author, family name first, the date as YYYY/MM//, and ends with ER', () => {
    expect(ris(journal).split('\n')).toEqual(['TY  - JOUR', 'TI  - Long Short-Term Memory', 'AU  - Hochreiter, Sepp', 'AU  - Schmidhuber, Jürgen', 'PY  - 1997', 'DA  - 1997/11//', 'T2  - Neural Computation', 'DO  - 10.1162/neco.1997.9.8.1735', 'UR  - https://doi.org/10.1162/neco.1997.9.8.1735', 'ER  - ', '']);
  });

  it('a person\'s name is cited in the same parts in BibTeX and RIS, family first; names no split of ours can be right for are written whole', () => {
    const cases: [string, string, string][] = [
      // name, BibTeX, RIS
      ['John Smith, Jr.', 'Smith, Jr., John', 'Smith, John, Jr.'],
      ['Henry Ford, VI', 'Ford, VI, Henry', 'Ford, Henry, VI'],
      ['Ludwig van Beethoven', 'van Beethoven, Ludwig', 'van Beethoven, Ludwig'],
      ['J. R. R. Tolkien', 'Tolkien, J. R. R.', 'Tolkien, J. R. R.'],
      ['Naoki Ii', 'Ii, Naoki', 'Ii, Naoki'],
      ['John D. Co-Reyes', 'Co-Reyes, John D.', 'Co-Reyes, John D.'],
      ['Kevin Co', 'Co, Kevin', 'Co, Kevin'],
      ['BigScience Workshop', '{BigScience Workshop}', 'BigScience Workshop'],
      ['Sundar V', 'V, Sundar', 'V, Sundar'],
      ['van Gogh', '{van Gogh}', 'van Gogh'],
      // Written "First Last", 8-bit BibTeX took a given name that starts with a letter outside
      // ASCII for a particle ("Łukasz Kaiser" cited as such), and "do" for one ("Carmo Silva").
      ['Łukasz Kaiser', 'Kaiser, Łukasz', 'Kaiser, Łukasz'],
      ['Maria do Carmo Silva', 'Silva, Maria do Carmo', 'Silva, Maria do Carmo'],
      // As the readers write 山田, 太郎 (family, given): given name first.
      ['太郎 山田', '山田, 太郎', '山田, 太郎'],
      ['张伟', '张伟', '张伟'],
      ['Max-Planck-Institut für Informatik', '{Max-Planck-Institut für Informatik}', 'Max-Planck-Institut für Informatik'],
      ['Siemens AG', '{Siemens AG}', 'Siemens AG'],
      ['Université de Montréal', '{Université de Montréal}', 'Université de Montréal'],
      ['Meta AI', '{Meta AI}', 'Meta AI'],
    ];
    for (const [name, bib, risName] of cases) {
      expect(bibtex({ ...journal, authors: [name] }), name).toContain(`author = {${bib}}`);
      expect(ris({ ...journal, authors: [name] }), name).toContain(`AU  - ${risName}\n`);
    }
  });

  it('a Chinese, Japanese or Korean name, written family first, is cited in its parts, and read back as one name', () => {
    const paper = { ...journal, authors: ['王小明', '山田太郎'], familyNames: { 王小明: '王', 山田太郎: '山田' } };
    expect(bibtex(paper)).toContain('author = {王, 小明 and 山田, 太郎}');
    expect(ris(paper)).toContain('AU  - 王, 小明\nAU  - 山田, 太郎\n');
    expect(cslJson(paper).author).toEqual([
      { family: '王', given: '小明' },
      { family: '山田', given: '太郎' },
    ]);
    const read = readSource({ file: 'c.bib', path: 'c.bib', bytes: new TextEncoder().encode(bibtex(paper)) }).records[0]!;
    expect(read.authors).toEqual(['王小明', '山田太郎']);
  });

  it('a family part a source stated is written as stated in every format, where the last-word rule would split the name wrongly', () => {
    const paper = {
      ...journal,
      authors: ['Victor Garcia Satorras', 'Guido Van Rossum', 'Jaime Fernández del Río', 'SciPy 1.0 Contributors', 'Stéfan van der Walt', 'Juan Garcia Lopez, Jr.', 'Max Welling'],
      familyNames: { 'Victor Garcia Satorras': 'Garcia Satorras', 'Guido Van Rossum': 'Van Rossum', 'Jaime Fernández del Río': 'Fernández del Río', 'SciPy 1.0 Contributors': 'SciPy 1.0 Contributors', 'Stéfan van der Walt': 'van der Walt', 'Juan Garcia Lopez, Jr.': 'Garcia Lopez' },
    };
    expect(bibtex(paper)).toContain(
      "author = {{Garcia Satorras}, Victor and {Van Rossum}, Guido and {Fernández del Río}, Jaime and {SciPy 1.0 Contributors} and van der Walt, Stéfan and {Garcia Lopez}, Jr., Juan and Welling, Max}",
    );
    expect(ris(paper)).toContain('AU  - Garcia Satorras, Victor\nAU  - Van Rossum, Guido\nAU  - Fernández del Río, Jaime\nAU  - SciPy 1.0 Contributors\nAU  - van der Walt, Stéfan\nAU  - Garcia Lopez, Juan, Jr.\nAU  - Welling, Max\n');
    expect(cslJson(paper).author).toEqual([
      { family: 'Garcia Satorras', given: 'Victor' },
      { family: 'Van Rossum', given: 'Guido' },
      { family: 'Fernández del Río', given: 'Jaime' },
      { literal: 'SciPy 1.0 Contributors' },
      { family: 'van der Walt', given: 'Stéfan' },
      { family: 'Garcia Lopez', given: 'Juan', suffix: 'Jr.' },
      // No source stated its parts: left whole, as a guess could be wrong.
      { literal: 'Max Welling' },
    ]);
    expect(scholarMeta(paper).filter((t) => t.name === 'citation_author').map((t) => t.content)).toEqual(['Garcia Satorras, Victor', 'Van Rossum, Guido', 'Fernández del Río, Jaime', 'SciPy 1.0 Contributors', 'van der Walt, Stéfan', 'Garcia Lopez, Juan, Jr.', 'Welling, Max']);
    // BibTeX's own reader finds the parts as stated.
    const read = readSource({ file: 'c.bib', path: 'c.bib', bytes: new TextEncoder().encode(bibtex(paper)) }).records[0]!;
    expect(Object.fromEntries(read.familyNames)).toMatchObject({ 'Victor Garcia Satorras': 'Garcia Satorras', 'Guido Van Rossum': 'Van Rossum', 'Jaime Fernández del Río': 'Fernández del Río', 'Stéfan van der Walt': 'van der Walt' });
  });

  it('a name or a part with "and", a comma or "others" in it is braced: BibTeX would read another author, part or "et al."', () => {
    const paper = { ...journal, authors: ['Anne and John Doe', 'Martin Luther, Jr. King', 'Bread and Butter Lab', 'others', 'Richard Roe'], familyNames: { 'Anne and John Doe': 'Doe', 'Martin Luther, Jr. King': 'King' } };
    expect(bibtex(paper)).toContain('author = {Doe, {Anne and John} and King, {Martin Luther, Jr.} and {Bread and Butter Lab} and {others} and Roe, Richard}');
    const read = readSource({ file: 'c.bib', path: 'c.bib', bytes: new TextEncoder().encode(bibtex(paper)) }).records[0]!;
    expect(read.authors).toHaveLength(5);
    expect(read.moreAuthors).toBeFalsy();
  });

  it('names come back as they went out when the exports are read again, by this catalog\'s own readers', () => {
    const authors = ['John Smith, Jr.', 'Ludwig van Beethoven', 'Maria de la Cruz', 'Gemini Team', 'The CMS Collaboration', 'Google DeepMind', 'Wiley, Inc.', 'OpenAI', '张伟', 'Jean-Luc Picard III'];
    const paper = { ...journal, authors };
    const read = (file: string, text: string) => readSource({ file, path: file, bytes: new TextEncoder().encode(text) }).records[0]?.authors;
    expect(read('cite.bib', bibtex(paper))).toEqual(authors.map((a) => a.replace(' III', ', III')));
    expect(read('cite.ris', ris(paper))).toEqual(authors.map((a) => a.replace(' III', ', III')));
  });


  it('a page link with braces or a backslash is percent-encoded in BibTeX: it cannot end its field and write another', () => {
    const page = (link: string) => bibtex({ ...journal, doi: null, linksByKind: { code: null, project: null, pdf: null, page: link } });
    const injected = page('https://example.com/x},note={INJECTED},x={');
    expect(injected).toContain('url = {https://example.com/x%7D,note=%7BINJECTED%7D,x=%7B}');
    expect(fieldsAsBibtexReads(injected)).toEqual(['title', 'author', 'journal', 'year', 'month', 'url']);
    expect(page('https://example.com/a\\')).toContain('url = {https://example.com/a%5C}');
  });

  it('a comment above entries has no `@`, which would start an entry for BibTeX', () => {
    expect(bibtexComment('Reading group @ NeurIPS: 3 papers\nfrom x')).toBe('% Reading group (at) NeurIPS: 3 papers from x');
  });

  it('a DOI with a `$` is left to the URL: Zotero\'s BibTeX reader drops the entry as unclosed math', () => {
    const entry = bibtex({ ...journal, doi: '10.1234/a&b$c' });
    expect(entry).not.toContain('doi = ');
    expect(entry).toContain('url = {https://doi.org/10.1234/a%26b%24c}');
  });

  it('cites the paper at arXiv, else its DOI, else the page a source named, and only then at this catalog', () => {
    const dropout = { ...journal, arxivId: null, doi: null, linksByKind: { code: null, project: null, pdf: null, page: 'http://jmlr.org/papers/v15/srivastava14a.html' } };
    expect(bibtex(dropout)).toContain('url = {http://jmlr.org/papers/v15/srivastava14a.html}');
    expect(ris(dropout)).toContain('UR  - http://jmlr.org/papers/v15/srivastava14a.html\n');
    expect(cslJson(dropout).URL).toBe('http://jmlr.org/papers/v15/srivastava14a.html');
    expect(bibtex({ ...dropout, doi: '10.5555/2627435.2670313' })).toContain('url = {https://doi.org/10.5555/2627435.2670313}');
    expect(bibtex({ ...dropout, linksByKind: { code: null, project: null, pdf: null } })).toContain(`url = {${dropout.url}}`);
  });
  it('CSL-JSON names authors literally and marks an arXiv preprint as published by arXiv', () => {
    const item = cslJson({ ...bare, authors: ['Albert Gu'], arxivId: '2312.00752', published: '2023-12-01' });
    expect(item).toEqual({ id: 'a-listed-paper', type: 'article', title: 'A Listed Paper', author: [{ literal: 'Albert Gu' }], issued: { 'date-parts': [[2023, 12, 1]] }, publisher: 'arXiv', number: 'arXiv:2312.00752', URL: 'https://arxiv.org/abs/2312.00752' });
  });

  it('citation_* tags: one author tag each, the date with slashes, arXiv id and PDF', () => {
    const tags = scholarMeta({ ...bare, authors: ['Albert Gu', 'Tri Dao'], arxivId: '2312.00752', published: '2023-12-01' });
    expect(tags.map((t) => `${t.name}=${t.content}`)).toEqual([
      'citation_title=A Listed Paper',
      'citation_author=Gu, Albert',
      'citation_author=Dao, Tri',
      'citation_publication_date=2023/12/01',
      'citation_arxiv_id=2312.00752',
      'citation_pdf_url=https://arxiv.org/pdf/2312.00752',
      'citation_abstract_html_url=https://example.org/papers/a-listed-paper/',
    ]);
  });
});

describe('author names', () => {
  it('lists of up to four read in full; longer ones are shortened to "A, B, … and Z"', () => {
    expect(formatAuthors([])).toBe('');
    expect(formatAuthors(['A'])).toBe('A');
    expect(formatAuthors(['A', 'B'])).toBe('A and B');
    expect(formatAuthors(['A', 'B', 'C', 'D'])).toBe('A, B, C and D');
    expect(formatAuthors(['A', 'B', 'C', 'D', 'E'])).toBe('A, B, … and E');
    expect(formatAuthors(['A', 'B', 'C', 'D', 'E'], { max: 5 })).toBe('A, B, C, D and E');
    expect([0, 1, 2].map((i) => nameSeparator(i, 3))).toEqual(['', ', ', ' and ']);
  });

  it('names that are not all of the authors end with "et al.", never "and" before the last', () => {
    expect(formatAuthors(['A', 'B'], { etAl: true })).toBe('A, B et al.');
    expect(formatAuthors(['A', 'B', 'C', 'D', 'E'], { etAl: true })).toBe('A, B, C et al.');
  });

  it('two spellings differing in case, accents, punctuation or Unicode form are one author; different names are not', () => {
    expect(authorKey('Jürgen Schmidhuber')).toBe(authorKey('JURGEN  SCHMIDHUBER'));
    expect(authorKey('Aidan N. Gomez')).toBe(authorKey('Aidan N Gomez'));
    expect(authorKey('Jürgen Schmidhuber')).toBe(authorKey('Ju\u0308rgen Schmidhuber'));
    expect(authorKey('Tri Dao')).not.toBe(authorKey('Tri Dau'));
    expect(authorSlug('Łukasz Kaiser')).toBe('lukasz-kaiser');
    expect(authorSlug('深度')).toMatch(/^[a-z0-9-]+$/);
  });

  it('a name too long for a folder (a consortium, a whole author list on one line) gets a slug a folder takes, still its own; shorter ones keep theirs', () => {
    // Two names that differ only past the cut.
    const list = (n: number) => `${Array.from({ length: 30 }, (_, i) => `Author Number ${i} Of A Long List`).join(' ')} Group ${n}`;
    const [a, b] = [authorSlug(list(1)), authorSlug(list(2))];
    expect(a.length).toBeLessThanOrEqual(240);
    expect(a).toMatch(/^author-number-0-of-a-long-list-[a-z0-9-]+$/);
    expect(a).not.toBe(b);
    expect(authorSlug(list(1))).toBe(a);
    const consortium = 'The Member Institutions of the Very Large International Collaboration on Language Modelling, Group 1';
    expect(authorSlug(consortium)).toBe('the-member-institutions-of-the-very-large-international-collaboration-on-language-modelling-group-1');
  });
});

describe('books, chapters, theses and reports', () => {
  const book = { ...bare, id: 'deep-learning', title: 'Deep Learning', authors: ['Ian Goodfellow'], listedOn: null, published: '2016', venue: { name: 'MIT Press', kind: 'book' as const } };
  const chapter = { ...book, id: 'efficient-backprop', title: 'Efficient BackProp', venue: { name: 'Neural Networks: Tricks of the Trade', kind: 'chapter' as const, pages: '9-50' } };
  const thesis = (genre?: string) => ({ ...book, id: 'rnn-thesis', title: 'Training Recurrent Neural Networks', venue: { name: 'University of Toronto', kind: 'thesis' as const, ...(genre ? { genre } : {}) } });
  const report = { ...book, id: 'a-report', title: 'A Report', venue: { name: 'OpenAI', kind: 'report' as const, genre: 'Technical report', issue: '7' } };

  it('proceedings are in RIS\'s T2 and, for Zotero, C3', () => {
    expect(ris({ ...book, venue: { name: 'Proc. ICML', kind: 'proceedings' } })).toMatch(/^TY {2}- CPAPER\n[^]*T2 {2}- Proc. ICML\nC3 {2}- Proc. ICML\n/);
  });

  it('a book is a @book by its publisher in every format', () => {
    expect(bibtex(book)).toBe('@book{deep-learning,\n  title = {{Deep Learning}},\n  author = {Goodfellow, Ian},\n  publisher = {MIT Press},\n  year = {2016},\n  url = {https://example.org/papers/a-listed-paper/}\n}');
    expect(ris(book)).toMatch(/^TY {2}- BOOK\n[^]*PB {2}- MIT Press\n/);
    expect(cslJson(book)).toMatchObject({ type: 'book', publisher: 'MIT Press' });
    expect(cslJson(book)).not.toHaveProperty('container-title');
    expect(scholarMeta(book)).toContainEqual({ name: 'citation_publisher', content: 'MIT Press' });
  });

  it('a chapter is an @incollection in its book, with its pages', () => {
    expect(bibtex(chapter)).toContain('@incollection{efficient-backprop,');
    expect(bibtex(chapter)).toContain('booktitle = {Neural Networks: Tricks of the Trade},\n  pages = {9--50},');
    expect(ris(chapter)).toMatch(/^TY {2}- CHAP\n[^]*T2 {2}- Neural Networks: Tricks of the Trade\n/);
    expect(cslJson(chapter)).toMatchObject({ type: 'chapter', 'container-title': 'Neural Networks: Tricks of the Trade', page: '9-50' });
    // The tag by which Zotero's connector saves it as a book section.
    expect(scholarMeta(chapter)).toContainEqual({ name: 'citation_book_title', content: 'Neural Networks: Tricks of the Trade' });
  });

  it('a thesis is cited at its school as the thesis its source says it is, and no degree is guessed', () => {
    expect(bibtex(thesis('PhD thesis'))).toContain('@phdthesis{rnn-thesis,');
    expect(bibtex(thesis('PhD thesis'))).toContain('school = {University of Toronto},\n  year');
    expect(bibtex(thesis("Master's thesis"))).toContain('@mastersthesis{rnn-thesis,');
    expect(bibtex(thesis("Master's thesis"))).not.toContain('type =');
    expect(bibtex(thesis('Doctoral dissertation'))).toContain('school = {University of Toronto},\n  type = {Doctoral dissertation},');
    expect(bibtex(thesis())).toContain('type = {Thesis}');
    expect(ris(thesis('PhD thesis'))).toMatch(/^TY {2}- THES\n[^]*PB {2}- University of Toronto\nM3 {2}- PhD thesis\n/);
    expect(cslJson(thesis('PhD thesis'))).toMatchObject({ type: 'thesis', publisher: 'University of Toronto', genre: 'PhD thesis' });
    expect(scholarMeta(thesis())).toContainEqual({ name: 'citation_dissertation_institution', content: 'University of Toronto' });
  });

  it('a report is a @techreport at its institution, with its kind and number', () => {
    expect(bibtex(report)).toContain('@techreport{a-report,');
    expect(bibtex(report)).toContain('institution = {OpenAI},\n  type = {Technical report},\n  number = {7},');
    expect(ris(report)).toMatch(/^TY {2}- RPRT\n[^]*PB {2}- OpenAI\nM3 {2}- Technical report\nSN {2}- 7\n/);
    expect(cslJson(report)).toMatchObject({ type: 'report', publisher: 'OpenAI', genre: 'Technical report', number: '7' });
    expect(cslJson({ ...report, arxivId: '2303.08774' })).toMatchObject({ number: '7' });
    expect(scholarMeta(report)).toEqual(expect.arrayContaining([{ name: 'citation_technical_report_institution', content: 'OpenAI' }, { name: 'citation_technical_report_number', content: '7' }]));
  });
});
