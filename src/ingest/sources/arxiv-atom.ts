/**
 * arXiv API responses (`.xml`/`.atom`): an Atom feed of `<entry>`s (arXiv API user manual,
 * section 3.3). `<id>` is the abs URL with a version, `<published>` the v1 date, `<title>`
 * and `<summary>` are wrapped and indented, authors come in order, `<arxiv:doi>`,
 * `<arxiv:journal_ref>` and `<arxiv:primary_category>` are optional. A failed query comes
 * back as a feed with a single entry whose id is `http://arxiv.org/api/errors#…`: an error.
 */
import { error, type Diagnostic } from '../diagnostics.ts';
import { arxivId, doi } from '../../lib/ids.ts';
import { dayOf, emptyRecord, lineLocator, partialDate, type SourceRead, type SourceRecord } from './record.ts';
import { attr, childrenNamed, childText, parseXml } from './xml.ts';

/** Whether `text` is an Atom feed from the arXiv API (and not some other XML). */
export function isArxivFeed(text: string): boolean {
  return /<feed\b[^>]*xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/.test(text) && /arxiv\.org/i.test(text);
}

export function readArxivAtom(path: string, text: string): SourceRead {
  const xml = parseXml(path, text);
  if (!xml.ok) return { records: [], diagnostics: [xml.diagnostic] };
  const feed = xml.elements.find((element) => element.name === 'feed');
  if (!feed) return { records: [], diagnostics: [error(path, 1, 'this XML is not an Atom feed; arXiv API responses are <feed> documents')] };

  const diagnostics: Diagnostic[] = [];
  const entries = childrenNamed(feed, 'entry');
  const lineAt = lineLocator(text);
  const lines = entries.map((entry) => lineAt(entry.offset));
  const records: SourceRecord[] = [];
  entries.forEach((entry, index) => {
    const line = lines[index] ?? 1;
    const field = (name: string) => childText(entry, name);
    const id = field('id');
    if (/arxiv\.org\/api\/errors/i.test(id)) {
      diagnostics.push(error(path, line, `the arXiv API answered with an error: ${field('summary') || field('title')}; fetch the query again`));
      return;
    }
    const record = emptyRecord(line, arxivId(id) ?? id, field('title'));
    record.arxivId = arxivId(id);
    if (!record.arxivId) {
      diagnostics.push(error(path, line, `entry "${id}" has no arXiv id in its <id>; is this an arXiv API response?`));
      return;
    }
    if (!record.title) {
      diagnostics.push(error(path, line, `entry ${record.arxivId} has no title`));
      return;
    }
    record.abstract = field('summary') || null;
    record.authors = childrenNamed(entry, 'author')
      .map((author) => childText(author, 'name'))
      .filter(Boolean);
    record.published = partialDate(field('published'));
    record.revised = dayOf(field('updated'));
    record.doi = doi(field('arxiv:doi'));
    const journal = field('arxiv:journal_ref');
    // A free-text reference ("Proc. ICML 2021, PMLR 139:748-758"): a journal's or a conference's, it does not say.
    if (journal) record.venue = { name: journal, kind: 'other' };
    record.arxivCategory = attr(childrenNamed(entry, 'arxiv:primary_category')[0], 'term');
    for (const link of childrenNamed(entry, 'link')) {
      const href = attr(link, 'href');
      if (attr(link, 'title') === 'pdf' && href) record.links.pdf = href;
    }
    records.push(record);
  });
  const total = Number.parseInt(childText(feed, 'opensearch:totalResults'), 10);
  return { records, diagnostics, ...(Number.isInteger(total) ? { total } : {}) };
}
