/**
 * Paper identifiers as sources write them, in one canonical form each, so the same paper
 * from a `.bib`, an arXiv feed and a Hugging Face response is recognised as one.
 */

/** New-style (`2312.00752`) or old-style (`hep-ex/0307015`, `math.GT/0309136`) arXiv id, without version. */
const ARXIV_ID = /^(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/i;

/**
 * The arXiv id in `raw`, which may be a bare id, `arXiv:2312.00752v2`, an abs or PDF URL, or an
 * arXiv DOI (`10.48550/arXiv.2312.00752`); null when `raw` names no arXiv paper.
 */
export function arxivId(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let text = raw.trim();
  const url = /arxiv\.org\/(?:abs|pdf|html)\/([^?#\s]+?)(?:\.pdf)?\/?(?:[?#]|$)/i.exec(text);
  if (url) text = url[1]!;
  text = text.replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/)?10\.48550\/arxiv\./i, '').replace(/^arxiv:\s*/i, '');
  const m = ARXIV_ID.exec(text);
  if (!m) return null;
  // Old-style archive names are lowercase ("hep-ex"), their subject classes uppercase ("math.GT").
  return m[1]!.replace(/^([a-z-]+)(\.[a-z]{2})?/i, (_, archive: string, subject = '') => archive.toLowerCase() + subject.toUpperCase());
}

/**
 * What is wrong with a new-style id arXiv never gives, as a typo makes one (`2312.0075`), or
 * null: its first four digits are a year and a month, and since January 2015 five digits follow
 * the dot, four before. The ingest reads ids as sources write them; a request is refused.
 */
export function arxivNumberProblem(id: string): string | null {
  const m = /^\d{2}(\d{2})\.(\d+)$/.exec(id);
  if (!m) return null;
  const month = Number(m[1]);
  if (month < 1 || month > 12) return `its first four digits are a year and a month, and ${m[1]} is no month`;
  const digits = Number(id.slice(0, 4)) >= 1501 ? 5 : 4;
  return m[2]!.length === digits ? null : `papers of ${id.slice(0, 4)} have ${digits} digits after the dot`;
}

/** An arXiv id as arXiv itself answers it: an old-style id without its subject class (`math.GT/0309136` is `math/0309136`). */
export const arxivKey = (id: string): string => id.replace(/^([a-z-]+)\.[A-Za-z-]+\//, '$1/');

/** Whether a venue names where a preprint was posted (arXiv, or CoRR, its name in DBLP), not where a paper was published. */
export const isPreprintServer = (venue: string): boolean => /^\s*(?:arxiv|corr)\b/i.test(venue);

/**
 * The arXiv id in a venue that names a preprint: Google Scholar's `arXiv preprint arXiv:2312.00752`,
 * Better BibTeX's `arXiv:1305.4904 [quant-ph]`, `arXiv preprint hep-th/9711200`; null for any other venue.
 */
export function arxivIdInVenue(venue: string | null | undefined): string | null {
  if (!venue || !/^\s*arxiv\b/i.test(venue)) return null;
  return venue.split(/\s+/).map(arxivId).find(Boolean) ?? null;
}

/** doi.org, as links to it are written. */
const DOI_HOST = String.raw`(?:dx\.|www\.)?doi\.org\/`;
/** What may stand before a DOI: `doi:`, or doi.org's address in any of its forms. */
const DOI_PREFIX = new RegExp(`^(?:(?:https?:\\/\\/)?${DOI_HOST}|doi:\\s*)`, 'i');
/** A link, whose text is percent-encoded: a web address, or doi.org's or arXiv's typed without the scheme. */
const LINK = new RegExp(`^(?:https?:\\/\\/|${DOI_HOST}|arxiv\\.org\\/)`, 'i');

/** The DOI in `raw` (a bare DOI, `doi:…` or a doi.org URL), without prefix; null when there is none. */
export function doi(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const m = /(10\.\d{4,9}\/\S+)/.exec(raw.trim().replace(DOI_PREFIX, ''));
  return m ? m[1]!.replace(/[.,;]+$/, '') : null;
}

/** DOIs are case-insensitive (the DOI Handbook, 2.4): compared in lower case. */
export function doiKey(value: string): string {
  return value.toLowerCase();
}

/**
 * What a paper is looked up by when the whole of `text` names it: `arxiv:2312.00752` for an
 * arXiv id in any form (`arXiv:2312.00752v2`, an abs or PDF URL), `doi:10.1162/…` for a DOI (bare,
 * `doi:…` or a doi.org URL); null for anything else. The search box and the table it looks in
 * (`search-ids.js`) both make their keys here.
 */
export function identifierKey(text: string): string | null {
  // As arXiv lists a paper ("arXiv:2312.00752 [cs.LG]"), as people type one ("arXiv: …", "doi: …"), as a link
  // (percent-encoded, decoded only as a link: see `wholeDoi`).
  const typed = text.trim().replace(/\s+\[[\w.-]+\]$/, '').replace(/^(arxiv|doi):\s+/i, '$1:');
  const compact = LINK.test(typed) ? decoded(typed) : typed;
  if (!compact || /\s/.test(compact)) return null;
  const arxiv = arxivId(compact);
  if (arxiv) return `arxiv:${arxiv}`;
  const found = doiOfWhole(compact);
  return found ? `doi:${doiKey(found)}` : null;
}

/**
 * The DOI when the whole of `text` is one, as people paste it: bare, `doi:…`, or a doi.org link
 * (percent-encoded, as a browser copies it; only a link is decoded: a DOI is text, and
 * "10.1234/a%22b" is no "10.1234/a\"b"); null otherwise.
 */
export function wholeDoi(text: string): string | null {
  const typed = text.trim().replace(/^doi:\s+/i, 'doi:');
  return doiOfWhole(LINK.test(typed) ? decoded(typed) : typed);
}

/** The DOI when the whole of `compact` (a link already decoded) is one, or null. */
function doiOfWhole(compact: string): string | null {
  if (!compact || /\s/.test(compact) || !/^10\.\d{4,9}\//.test(compact.replace(DOI_PREFIX, ''))) return null;
  return doi(compact);
}

/** `text` with its percent-escapes decoded, or as it is when they do not decode. */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
