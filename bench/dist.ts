/**
 * What a built site weighs: total size and file count, paper pages, list pages (home, A–Z,
 * themes and any pages they are split into), and where a page's bytes go. Pure: the
 * benchmark script lists the files and reads the pages it needs.
 */
import { median, quantile } from './stats.ts';

export interface DistFile {
  /** Path relative to the site root, with `/`. */
  path: string;
  bytes: number;
  /** A redirect page (a paper's former URL), not a page of its own. */
  redirect?: boolean;
}

export interface PageSize {
  path: string;
  bytes: number;
}

export interface DistSummary {
  bytes: number;
  files: number;
  /** Bytes and files by first path segment (`papers`, `themes`, `pagefind`, `cards`, `(root)`). */
  byTopDir: Record<string, { bytes: number; files: number }>;
  paperPages: { count: number; median: number | null; p90: number | null; max: number | null; maxPath: string | null; overBudget: number };
  redirects: number;
  /** Home, A–Z and theme pages (and their pagination), largest first. */
  listPages: PageSize[];
  pagefind: { bytes: number; files: number; fragments: number; indexChunks: number };
  /** The five largest files. */
  largestFiles: PageSize[];
  /** The search page's HTML (`search/index.html`), which carries the filter lists. */
  searchPage: number | null;
}

/**
 * A paper page is `papers/<id>/index.html` (the baseline's are `<id>/index.html`, via
 * `paperPage`); list pages are the home page and every other HTML page under `papers/`
 * (the A–Z and its pages) and `themes/` (theme pages and their pages).
 */
export function summarizeDist(files: readonly DistFile[], options: { paperPage?: (path: string) => boolean; paperBudget?: number } = {}): DistSummary {
  const isPaper = options.paperPage ?? ((p: string) => /^papers\/[^/]+\/index\.html$/.test(p));
  const byTopDir: DistSummary['byTopDir'] = {};
  const paperSizes: PageSize[] = [];
  const listPages: PageSize[] = [];
  let bytes = 0;
  let redirects = 0;
  const pagefind = { bytes: 0, files: 0, fragments: 0, indexChunks: 0 };
  for (const f of files) {
    bytes += f.bytes;
    // Paper pages that sit at the root (the baseline's `<id>/index.html`) count as one folder, not thousands.
    const top = f.path.includes('/') ? (isPaper(f.path) && !f.path.startsWith('papers/') ? '(paper pages)' : f.path.slice(0, f.path.indexOf('/'))) : '(root)';
    const entry = (byTopDir[top] ??= { bytes: 0, files: 0 });
    entry.bytes += f.bytes;
    entry.files++;
    if (top === 'pagefind') {
      pagefind.bytes += f.bytes;
      pagefind.files++;
      if (f.path.endsWith('.pf_fragment')) pagefind.fragments++;
      if (f.path.endsWith('.pf_index')) pagefind.indexChunks++;
    }
    if (f.redirect) {
      redirects++;
      continue;
    }
    if (isPaper(f.path)) paperSizes.push({ path: f.path, bytes: f.bytes });
    // Everything else that is HTML under papers/ (the A–Z and its pages) or themes/, and the home page.
    else if (f.path === 'index.html' || (/^(papers|themes)\//.test(f.path) && f.path.endsWith('.html'))) listPages.push({ path: f.path, bytes: f.bytes });
  }
  const sizes = paperSizes.map((p) => p.bytes);
  const largest = paperSizes.reduce<PageSize | null>((a, b) => (!a || b.bytes > a.bytes ? b : a), null);
  const budget = options.paperBudget ?? Infinity;
  return {
    bytes,
    files: files.length,
    byTopDir,
    paperPages: { count: paperSizes.length, median: median(sizes), p90: quantile(sizes, 0.9), max: largest?.bytes ?? null, maxPath: largest?.path ?? null, overBudget: sizes.filter((s) => s > budget).length },
    redirects,
    listPages: listPages.sort((a, b) => b.bytes - a.bytes),
    pagefind,
    searchPage: files.find((f) => f.path === 'search/index.html')?.bytes ?? null,
    largestFiles: files.toSorted((a, b) => b.bytes - a.bytes).slice(0, 5).map(({ path, bytes }) => ({ path, bytes })),
  };
}

/** Pages larger than this are never only a redirect (the site's carry a CSP and are about 4 KB). */
export const REDIRECT_MAX_BYTES = 12_000;

/** Whether an HTML page is only a redirect (Astro's and the site's redirect pages use a meta refresh). */
export function isRedirectPage(html: string): boolean {
  return html.length < REDIRECT_MAX_BYTES && /<meta\b[^>]*http-equiv=["']?refresh["']?[^>]*>/i.test(html);
}

export interface PageBreakdown {
  total: number;
  /** `<head>` without its `<style>` and `<script>` elements. */
  head: number;
  inlineStyle: number;
  inlineScript: number;
  /** Astro's scoping attributes (` data-astro-cid-xxxx`), wherever they are. */
  scopeAttributes: number;
  /** Each labelled block of the body (sections, details, lists, header, footer) by its label or class; nested blocks count in their parents too. */
  parts: { name: string; bytes: number }[];
}

/** Where one page's bytes go; a rough cut by elements, good enough to rank what to trim. */
export function pageBreakdown(html: string): PageBreakdown {
  const size = (s: string) => Buffer.byteLength(s);
  const total = size(html);
  const sum = (re: RegExp) => [...html.matchAll(re)].reduce((n, m) => n + size(m[0]), 0);
  const inlineStyle = sum(/<style\b[^>]*>[\s\S]*?<\/style>/g);
  const inlineScript = sum(/<script\b[^>]*>[\s\S]*?<\/script>/g);
  const scopeAttributes = sum(/ data-astro-cid-[a-z0-9]+(?:="[^"]*")?/g);
  const headMatch = /<head>[\s\S]*?<\/head>/.exec(html);
  const headText = headMatch?.[0] ?? '';
  const head = size(headText.replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '').replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, ''));

  const body = html.slice((headMatch?.index ?? 0) + headText.length);
  const parts = new Map<string, number>();
  for (const m of body.matchAll(/<(section|details|header|footer|nav|ol|ul)\b([^>]*)>/g)) {
    const tag = m[1]!;
    const attrs = m[2]!;
    // Only top-level-ish blocks worth naming: sections, details, the page header and footer, the main list.
    const label = /aria-labelledby="([^"]+)"/.exec(attrs)?.[1] ?? /class="([^"\s]+)/.exec(attrs)?.[1] ?? null;
    if (!label && tag !== 'section' && tag !== 'details') continue;
    const end = closingIndex(body, m.index!, tag);
    if (end < 0) continue;
    const block = body.slice(m.index!, end).replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
    const name = `${tag}${label ? `.${label}` : ''}`;
    if (!parts.has(name)) parts.set(name, size(block));
  }
  // Nested blocks are also counted in the blocks around them: read the parts as a ranking, not a sum.
  const ranked = [...parts.entries()].sort((a, b) => b[1] - a[1]);
  return { total, head, inlineStyle, inlineScript, scopeAttributes, parts: ranked.map(([name, bytes]) => ({ name, bytes })) };
}

/** Index just past the element that opens at `start`, counting nested elements of the same tag. */
function closingIndex(html: string, start: number, tag: string): number {
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'g');
  re.lastIndex = start;
  let depth = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return m.index + m[0].length;
  }
  return -1;
}
