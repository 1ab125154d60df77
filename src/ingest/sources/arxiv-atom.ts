/**
 * arXiv API responses (`.xml`/`.atom`): an Atom feed of `<entry>`s (arXiv API user manual,
 * section 3.3). `<id>` is the abs URL with a version, `<published>` the v1 date, `<title>`
 * and `<summary>` are wrapped and indented, authors come in order, `<arxiv:doi>`,
 * `<arxiv:journal_ref>` and `<arxiv:primary_category>` are optional. A failed query comes
 * back as a feed with a single entry whose id is `http://arxiv.org/api/errors#…`: an error.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { error, type Diagnostic } from '../diagnostics.ts';
import { arxivId, doi } from '../ids.ts';
import { emptyRecord, partialDate, type SourceRead, type SourceRecord } from './record.ts';

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Text stays text: "2312.00752" or "1e10" in a title is not a number.
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ['entry', 'author', 'link', 'category'].includes(name),
});

/** Whether `text` is an Atom feed from the arXiv API (and not some other XML). */
export function isArxivFeed(text: string): boolean {
  return /<feed\b[^>]*xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/.test(text) && /arxiv\.org/i.test(text);
}

export function readArxivAtom(path: string, text: string): SourceRead {
  const diagnostics: Diagnostic[] = [];
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { records: [], diagnostics: [error(path, valid.err.line, `this is not well-formed XML: ${valid.err.msg}`)] };
  const feed = (parser.parse(text) as Node).feed as Node | undefined;
  if (!feed || typeof feed !== 'object') return { records: [], diagnostics: [error(path, 1, 'this XML is not an Atom feed; arXiv API responses are <feed> documents')] };

  const entries = (feed.entry as Node[] | undefined) ?? [];
  const lines = entryLines(text);
  const records: SourceRecord[] = [];
  entries.forEach((entry, index) => {
    const line = lines[index] ?? 1;
    const id = textOf(entry.id);
    if (/arxiv\.org\/api\/errors/i.test(id)) {
      diagnostics.push(error(path, line, `the arXiv API answered with an error: ${textOf(entry.summary) || textOf(entry.title)}; fetch the query again`));
      return;
    }
    const record = emptyRecord(line, arxivId(id) ?? id, collapse(textOf(entry.title)));
    record.arxivId = arxivId(id);
    if (!record.arxivId) {
      diagnostics.push(error(path, line, `entry "${id}" has no arXiv id in its <id>; is this an arXiv API response?`));
      return;
    }
    if (!record.title) {
      diagnostics.push(error(path, line, `entry ${record.arxivId} has no title`));
      return;
    }
    record.abstract = collapse(textOf(entry.summary)) || null;
    record.authors = ((entry.author as Node[] | undefined) ?? []).map((a) => collapse(textOf(a.name))).filter(Boolean);
    record.published = partialDate(textOf(entry.published));
    record.doi = doi(textOf(entry['arxiv:doi']));
    const journal = collapse(textOf(entry['arxiv:journal_ref']));
    if (journal) record.venue = { name: journal, kind: 'journal' };
    record.arxivCategory = attr(entry['arxiv:primary_category'], 'term');
    for (const link of (entry.link as Node[] | undefined) ?? []) {
      if (link['@title'] === 'pdf' && typeof link['@href'] === 'string') record.links.pdf = link['@href'];
    }
    records.push(record);
  });
  return { records, diagnostics };
}

/** Text content of an element that may carry attributes (`{'#text': …}`) or be absent. */
function textOf(node: unknown): string {
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object' && '#text' in node) return String((node as Node)['#text']);
  return '';
}

function attr(node: unknown, name: string): string | null {
  const value = node && typeof node === 'object' ? (node as Node)[`@${name}`] : undefined;
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** arXiv wraps and indents titles and abstracts; the line breaks carry no meaning. */
function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** 1-based line of each `<entry>` start tag, in order. */
function entryLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let last = 0;
  for (const match of text.matchAll(/<entry[\s>]/g)) {
    for (let i = text.indexOf('\n', last); i !== -1 && i < match.index; i = text.indexOf('\n', i + 1)) line++;
    last = match.index;
    lines.push(line);
  }
  return lines;
}
