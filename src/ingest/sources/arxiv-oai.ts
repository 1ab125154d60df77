/**
 * arXiv's OAI-PMH responses (`.xml`), saved as returned: `ListRecords` or `GetRecord` from
 * `oaipmh.arxiv.org/oai`, in any of the three metadata formats arXiv offers (arXiv's help,
 * "Open Archives Initiative"):
 * - `arXiv`: `<id>`, `<created>` (the v1 date), `<authors>` of `<keyname>`/`<forenames>`,
 *   `<title>`, `<categories>` (primary first), `<journal-ref>`, `<doi>`, `<abstract>`;
 * - `arXivRaw`: the same, with the authors as one line ("A, B and C") and a `<version>` per
 *   version whose first `<date>` is v1's;
 * - `oai_dc`: Dublin Core, `<dc:creator>` as "Family, Given", the abstract the first
 *   `<dc:description>`, v1's date the first `<dc:date>`, the abs URL among `<dc:identifier>`s.
 * A deleted record has no metadata and is no paper; `noRecordsMatch` is an empty answer, any
 * other OAI error an error.
 */
import { isOrganisation, isSuffix, joinName } from '../../lib/authors.ts';
import { monthNumber } from '../dates.ts';
import { error, warning, type Diagnostic } from '../diagnostics.ts';
import { arxivId, doi } from '../../lib/ids.ts';
import { dayOf, emptyRecord, lineLocator, partialDate, type SourceRead, type SourceRecord } from './record.ts';
import { attr, childrenNamed, childText, collapse, parseXml, textOf, type Element } from './xml.ts';

/**
 * Whether `text` is an OAI-PMH response from arXiv: its request went to arXiv, or its records
 * are arXiv's (`oai:arXiv.org:…`). Another repository's (Zenodo, HAL) may well mention arxiv.org.
 */
export function isArxivOai(text: string): boolean {
  return /<OAI-PMH\b/.test(text) && (/<request\b[^>]*>[^<]*arxiv\.org/i.test(text) || /<identifier>\s*oai:arXiv\.org:/i.test(text));
}

export function readArxivOai(path: string, text: string): SourceRead {
  const xml = parseXml(path, text);
  if (!xml.ok) return { records: [], diagnostics: [xml.diagnostic] };
  const root = xml.elements.find((element) => element.name === 'OAI-PMH');
  if (!root) return { records: [], diagnostics: [error(path, 1, 'this XML is not an OAI-PMH response; arXiv\'s are <OAI-PMH> documents')] };
  const lineAt = lineLocator(text);
  const problem = childrenNamed(root, 'error')[0];
  if (problem) {
    const code = attr(problem, 'code') ?? 'error';
    // "No record matches" is an answer: a day with no new papers in the set.
    if (code === 'noRecordsMatch') return { records: [], diagnostics: [] };
    // Only an expired token is cured by asking again; the other errors are the request's.
    const cure = code === 'badResumptionToken' ? 'harvest again from the start' : 'change the request and harvest again';
    return { records: [], diagnostics: [error(path, lineAt(problem.offset), `arXiv's OAI-PMH service answered with an error (${code}): ${collapse(textOf(problem))}; ${cure}`)] };
  }

  const diagnostics: Diagnostic[] = [];
  const records: SourceRecord[] = [];
  /** Records in a format this does not read, by format: one message for a whole harvest in it. */
  const foreign = new Map<string, { line: number; count: number }>();
  const lists = [...childrenNamed(root, 'ListRecords'), ...childrenNamed(root, 'GetRecord')];
  for (const record of lists.flatMap((list) => childrenNamed(list, 'record'))) {
    const line = lineAt(record.offset);
    const header = childrenNamed(record, 'header')[0];
    if (attr(header, 'status') === 'deleted') continue;
    const metadata = childrenNamed(record, 'metadata')[0]?.children.find((child): child is Element => typeof child !== 'string');
    const read = metadata ? FORMATS[metadata.name] : undefined;
    if (!metadata) {
      diagnostics.push(error(path, line, 'this record has no <metadata>; harvest it again'));
      continue;
    }
    if (!read) {
      const seen = foreign.get(metadata.name);
      foreign.set(metadata.name, { line: seen?.line ?? line, count: (seen?.count ?? 0) + 1 });
      continue;
    }
    const fields = read(metadata);
    const id = arxivId(fields.id) ?? arxivId(childText(header, 'identifier').replace(/^oai:arXiv\.org:/i, ''));
    if (!id) {
      diagnostics.push(error(path, line, 'this record has no arXiv id; is it from arXiv?'));
      continue;
    }
    if (!fields.title) {
      diagnostics.push(error(path, line, `record ${id} has no title`));
      continue;
    }
    const paper = emptyRecord(line, id, fields.title);
    paper.arxivId = id;
    paper.revised = dayOf(childText(header, 'datestamp'));
    paper.abstract = fields.abstract || null;
    paper.authors = fields.authors.filter(Boolean);
    paper.published = fields.published;
    paper.arxivCategory = fields.category || null;
    paper.doi = doi(fields.doi);
    // A free-text reference ("Proc. ICML 2021, PMLR 139:748-758"): a journal's or a conference's, it does not say.
    if (fields.journal) paper.venue = { name: fields.journal, kind: 'other' };
    records.push(paper);
  }
  for (const [name, { line, count }] of foreign) {
    diagnostics.push(error(path, line, `${count === 1 ? 'this record is' : `these ${count} records are`} in the <${name}> format, which this does not read; harvest with metadataPrefix=arXiv, arXivRaw or oai_dc`));
  }
  if (records.length === 0 && diagnostics.length === 0 && lists.length === 0) {
    diagnostics.push(warning(path, 1, 'this OAI-PMH response holds no records (ListRecords or GetRecord); is it the answer to another request?'));
  }
  return { records, diagnostics };
}

interface Fields {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  published: string | null;
  category: string;
  doi: string;
  journal: string;
}

/** Each metadata format's reading, by the name of its element. */
const FORMATS: Record<string, (metadata: Element) => Fields> = {
  arXiv: (m) => ({
    ...common(m),
    // A suffix after a comma, as the other readers write it.
    authors: childrenNamed(childrenNamed(m, 'authors')[0] ?? m, 'author').map((a) => texAccents([joinName(childText(a, 'forenames'), childText(a, 'keyname')), childText(a, 'suffix')].filter(Boolean).join(', '))),
    published: partialDate(childText(m, 'created')),
  }),
  arXivRaw: (m) => ({
    ...common(m),
    authors: rawAuthors(childText(m, 'authors')),
    published: rfc2822Day(childText(childrenNamed(m, 'version')[0], 'date')),
  }),
  'oai_dc:dc': (m) => {
    const all = (name: string) => childrenNamed(m, name).map((element) => collapse(textOf(element)));
    return {
      id: all('dc:identifier').find((value) => arxivId(value) !== null) ?? '',
      title: childText(m, 'dc:title'),
      abstract: all('dc:description').find((value) => !/^Comment:/i.test(value)) ?? '',
      authors: all('dc:creator').map(dublinCoreName),
      published: partialDate(all('dc:date')[0]),
      category: '',
      doi: all('dc:identifier').find((value) => doi(value) !== null && !arxivId(value)) ?? '',
      journal: '',
    };
  },
};

/** What the arXiv and arXivRaw formats share. */
function common(m: Element): Omit<Fields, 'authors' | 'published'> {
  return {
    id: childText(m, 'id'),
    title: childText(m, 'title'),
    abstract: childText(m, 'abstract'),
    // Categories are listed primary first.
    category: childText(m, 'categories').split(' ')[0] ?? '',
    doi: childText(m, 'doi').split(' ')[0] ?? '',
    journal: childText(m, 'journal-ref'),
  };
}

/** The day of an RFC 2822 date as arXivRaw writes it ("Fri, 1 Dec 2023 18:01:34 GMT"), read as written (no time zone arithmetic). */
function rfc2822Day(value: string): string | null {
  const m = /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})/.exec(value);
  const month = m ? monthNumber(m[2]!) : 0;
  return m && month > 0 ? partialDate(`${m[3]}-${String(month).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`) : null;
}

/**
 * arXivRaw's one line of authors, as submitters write it: "A. Author, B. Author and C. Author",
 * with affiliations numbered in parentheses ("A (1), B (2) ((1) IIT, (2) IISc)"), suffixes
 * after a comma, and TeX accents (`Bal\'azs`).
 */
function rawAuthors(line: string): string[] {
  const names = texAccents(line)
    .replace(/\s*\(\(\d.*\)\s*$/, '')
    .replace(/\s*\([\d,\s]+\)/g, '')
    .split(/,\s*(?:and\s+)?|\s+and\s+/)
    .map((name) => name.trim())
    .filter(Boolean);
  // A suffix after a comma ("J. Smith, Jr.") belongs to the name before it, written as the other readers write it.
  return names.reduce<string[]>((out, name) => (isSuffix(name, true) && out.length > 0 ? [...out.slice(0, -1), `${out.at(-1)}, ${name}`] : [...out, name]), []);
}

/** Dublin Core's "Family, Given" (or "Family, Given, Jr.") as "Given Family" (", Jr."); an organisation's name as written. */
function dublinCoreName(name: string): string {
  const parts = name.split(/,\s*/);
  if (isOrganisation(name)) return name;
  if (parts.length === 2) return `${parts[1]} ${parts[0]}`;
  if (parts.length === 3 && isSuffix(parts[2]!, true)) return `${parts[1]} ${parts[0]}, ${parts[2]}`;
  return name;
}

/** TeX's accent commands, as combining marks. */
const ACCENTS: Record<string, string> = { "'": '\u0301', '`': '\u0300', '^': '\u0302', '"': '\u0308', '~': '\u0303', '=': '\u0304', '.': '\u0307', u: '\u0306', v: '\u030C', H: '\u030B', c: '\u0327', r: '\u030A' };

/** TeX's commands for letters: `S{\o}gaard`, `{\L}ukasz`, `Stra\ss{}e`; `\i` is the dotless i. */
const LETTERS: Record<string, string> = { o: 'ø', O: 'Ø', l: 'ł', L: 'Ł', ss: 'ß', aa: 'å', AA: 'Å', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', i: 'ı', j: 'ȷ' };

/**
 * `Bal\'azs`, `{\"u}`, `\c{c}`, `Garc\'{\i}a`, `S{\o}gaard` and `J.~Doe` as text: submitters
 * write names in TeX. An accent on a dotless i or j is the accented i or j, as TeX prints it.
 */
function texAccents(text: string): string {
  return text
    .replace(/\{?\\(['`^"~=.]|[uvHcr](?=[{\s\\]))\s*\{?(?:([A-Za-z])|\\([ij])(?![A-Za-z]))\}?\}?/g, (_, accent: string, letter?: string, dotless?: string) => (letter ?? dotless!) + ACCENTS[accent]!)
    .replace(/\{\\(ss|aa|AA|ae|AE|oe|OE|[oOlLij])\}|\\(ss|aa|AA|ae|AE|oe|OE|[oOlLij])(?:\{\}|\s+|(?![A-Za-z]))/g, (_, braced?: string, bare?: string) => LETTERS[braced ?? bare!]!)
    .replace(/~/g, ' ')
    .normalize('NFC');
}
