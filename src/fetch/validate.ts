/**
 * A response is saved only if the ingest would read it: it goes through the ingest's own
 * reader (`readSource`), so fetch and ingest can never disagree about what a good response
 * is. Truncated JSON, arXiv's error feed, an HTML error page or a response of the wrong
 * format are refused here, before anything reaches `content/sources/`.
 */
import { formatDiagnostic } from '../ingest/diagnostics.ts';
import { readSource, type SourceFormat } from '../ingest/sources/detect.ts';
import type { SourceRecord } from '../ingest/sources/record.ts';
import { FetchError } from './errors.ts';
import { serviceOf, type FetchSpec, type Service } from './spec.ts';

/** What each service answers with: the format the ingest reads it as, and the file extension it is saved with. */
export const RESPONSE_KIND: Readonly<Record<Service, { format: SourceFormat; extension: string; name: string }>> = {
  hf: { format: 'hf-api', extension: '.json', name: 'a Hugging Face Papers API response' },
  arxiv: { format: 'arxiv-atom', extension: '.xml', name: 'an arXiv API (Atom) response' },
  zotero: { format: 'zotero-api', extension: '.json', name: 'a Zotero Web API response' },
  openalex: { format: 'openalex', extension: '.json', name: 'an OpenAlex API response' },
  crossref: { format: 'crossref', extension: '.json', name: 'a Crossref API response' },
};

/** A response, read. */
export interface ReadResponse {
  records: SourceRecord[];
  /**
   * How many entries it held, papers or not: a page of a Zotero library counts its standalone
   * attachments too, and a page of OpenAlex or Crossref the works it left out for want of a
   * title, or a full page with one of them in it would pass for the last.
   */
  entries: number;
  /** How many results the query has in all, where the service says. */
  total?: number | undefined;
}

/** The papers in a response to `spec`; throws `FetchError` naming the URL and the reader's first error. */
export function readResponse(spec: FetchSpec, url: string, bytes: Uint8Array): ReadResponse {
  const kind = RESPONSE_KIND[serviceOf(spec)];
  // The reader would call it a file of unknown format and list the formats a file may have, which says nothing about an answer with no body.
  if (bytes.length === 0) throw new FetchError(`the response does not read, so it was not saved: ${url}: the body is empty`);
  const read = readSource({ file: `response${kind.extension}`, path: url, bytes });
  const problem = read.diagnostics.find((d) => d.severity === 'error');
  if (problem) throw new FetchError(`the response does not read, so it was not saved: ${formatDiagnostic(problem)}`);
  // `[]`, past a library's last page, is the empty answer of a JSON service that answers with a
  // list: it reads as no papers of some JSON format. An empty answer of another service's shape
  // (OpenAlex's `"results": []` to a Hugging Face request) is a wrong address, not a quiet day.
  const emptyList = read.records.length === 0 && kind.extension === '.json' && /^\s*\[\s*\]\s*$/.test(new TextDecoder().decode(bytes));
  if (read.format !== kind.format && !emptyList) throw new FetchError(`the response from ${url} is not ${kind.name} (it reads as ${read.format}), so it was not saved`);
  return { records: read.records, entries: read.entries ?? read.records.length, total: read.total };
}
