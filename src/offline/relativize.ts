/**
 * Turns the site's root-relative URLs (`/shelfmark/papers/x/`) into links that work from a
 * folder opened with `file://`: relative to the page (`../../papers/x/index.html`), and
 * pointing at `index.html` wherever the URL names a directory, since `file://` has no
 * directory index. Pure: the file layout comes in through `isDirectory`.
 */
import { posix } from 'node:path';
import { mapSrcset } from '../lib/paths.ts';

export interface LinkContext {
  /** Base path the site was built with: `/` or `/shelfmark/`. */
  base: string;
  /** Path of the page being rewritten, relative to the site root: `papers/x/index.html`. */
  page: string;
  /** Whether a site path (relative to the root, no trailing slash) is a directory of the built site. */
  isDirectory?: (path: string) => boolean;
}

/** Schemes and forms left alone: other sites, data, mail, in-page anchors, query-only links. */
const UNTOUCHED = /^(?:[a-z][a-z0-9+.-]*:|\/\/|#|\?)/i;

/**
 * One URL, relativised. URLs outside the site (another scheme or host, or a path outside
 * `base`) come back unchanged.
 */
export function relativizeUrl(url: string, context: LinkContext): string {
  const trimmed = url.trim();
  if (trimmed === '' || UNTOUCHED.test(trimmed)) return url;
  const split = /^([^?#]*)(.*)$/s.exec(trimmed)!;
  const path = split[1]!;
  const suffix = split[2]!;

  const base = context.base.endsWith('/') ? context.base : `${context.base}/`;
  const pageDir = posix.dirname(context.page) === '.' ? '' : posix.dirname(context.page);
  let target: string;
  if (path.startsWith('/')) {
    if (!`${path}/`.startsWith(base)) return url;
    target = path.slice(base.length);
  } else {
    // Already relative: resolve it, so directory links still gain their index.html.
    target = posix.normalize(posix.join(pageDir, path)) + (path.endsWith('/') ? '/' : '');
    if (target.startsWith('../')) return url;
    if (target === './' || target === '.') target = '';
  }

  let decoded: string;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    decoded = target;
  }
  if (target === '' || target.endsWith('/')) {
    target += 'index.html';
  } else if (context.isDirectory?.(decoded.replace(/\/$/, ''))) {
    target += '/index.html';
  }

  let relative = posix.relative(pageDir || '.', target);
  if (relative === '') relative = posix.basename(target);
  return relative + suffix;
}

/** `srcset`: each candidate's URL relativised, descriptors kept. */
export function relativizeSrcset(srcset: string, context: LinkContext): string {
  return mapSrcset(srcset, (url) => relativizeUrl(url, context));
}

/** `<meta http-equiv="refresh" content="0; url=/x/">`: the URL part relativised. */
export function relativizeRefresh(content: string, context: LinkContext): string {
  return content.replace(/^(\s*\d*\s*[;,]\s*(?:url\s*=\s*)?)(['"]?)(.*?)\2\s*$/is, (_all, head: string, quote: string, url: string) => {
    return `${head}${quote}${relativizeUrl(url, context)}${quote}`;
  });
}

/** `url(...)` references in CSS (stylesheets, `<style>`, `style=""`). */
export function relativizeCss(css: string, context: LinkContext): string {
  return css.replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, (_all, quote: string, url: string) => {
    return `url(${quote}${relativizeUrl(url, context)}${quote})`;
  });
}
