/**
 * Rewrites one built HTML page for the offline edition (opened from disk with `file://`):
 *
 * - every internal URL in a URL attribute (`href`, `src`, `action`, `srcset`, `poster`, …,
 *   and `data-*-url`, inside `<noscript>` too), in `style`/`<style>` `url(...)` and in a meta
 *   refresh becomes relative,
 *   with `index.html` for directories (see `relativize.ts`);
 * - `<script type="module" src>` is inlined, because Chromium refuses to load module
 *   scripts from `file://` (inline ones run); `<link rel="modulepreload">` goes for the same reason;
 * - elements marked `data-offline="remove"` (links to things the offline copy lacks) are dropped,
 *   and so are `<link>`s to site files it lacks (feeds, the sitemap), which would only fail from disk;
 * - a Content-Security-Policy `<meta>` gains the hashes of any inline script or style this
 *   changed or added, so the policy still lets them run.
 *
 * It uses parse5's rewriting stream: a spec-compliant HTML tokenizer that passes every token
 * it is not asked to change through byte for byte, so the output differs from Astro's only
 * where a URL changed (a parse-and-serialise round trip would re-quote and re-order markup
 * all over, and regexes would trip over attributes inside scripts, comments and `<pre>`).
 */
import { RewritingStream } from 'parse5-html-rewriting-stream';
import type { EndTag, StartTag } from 'parse5-sax-parser';
import { allowInline, isPolicyMeta, policyMeta, type AllowedSource } from './csp.ts';
import { relativizeCss, relativizeRefresh, relativizeSrcset, relativizeUrl, type LinkContext } from './relativize.ts';

export interface RewriteContext extends LinkContext {
  /** Source of a module script by its site path (relative to the root), for inlining; undefined if missing. */
  readModule?: (path: string) => string | undefined;
  /** Whether a site file (path relative to the root) is part of the offline edition; everything is when absent. */
  includes?: (path: string) => boolean;
}

const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'poster', 'data', 'background']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** A module script with static imports can't be inlined: its imports would resolve against the page. */
const STATIC_IMPORT = /(?:^|[;\n}])\s*(?:import\s*(?:[\w*{$]|["'`])|export\s*[{*])/;

/** Where the policy `<meta>` goes once the hashes of what comes after it are known. */
const POLICY_MARK = '\u0000shelfmark-csp\u0000';

/** One page, rewritten for the offline edition (see the top of this file). */
export async function rewriteHtml(html: string, context: RewriteContext): Promise<string> {
  const rewriter = new RewritingStream();
  const out: string[] = [];
  const removal = new Removal();
  // The policy <meta> comes before the scripts and styles it governs; it is written last, in its place.
  let policy: { tag: StartTag; raw: string } | undefined;
  const allowed: AllowedSource[] = [];
  // The text of the <style> element being read, relativised at its end tag.
  let style: string[] | null = null;
  // The <script src> just inlined: its (empty) text and its end tag are dropped.
  let inlined = false;
  // The markup of the <noscript> being read: the tokenizer gives it as text, so it is rewritten
  // as a page of its own once the stream has ended, and put back at its mark.
  let noscript: string[] | null = null;
  const noscripts: string[] = [];

  rewriter.on('data', (chunk: string) => out.push(chunk));
  rewriter.on('startTag', (tag, raw) => {
    if (removal.dropsStart(tag) || isUnneededLink(tag, context)) return;
    if (isPolicyMeta(tag)) {
      policy = { tag, raw };
      rewriter.emitRaw(POLICY_MARK);
    } else if (tag.tagName === 'script' && attribute(tag, 'type') === 'module' && attribute(tag, 'src') !== undefined) {
      const code = inlinedModule(tag, context);
      allowed.push(allowInline('script-src', code));
      rewriter.emitRaw(`<script type="module">${code}</script>`);
      inlined = true;
    } else {
      if (tag.tagName === 'style') style = [];
      if (tag.tagName === 'noscript') noscript = [];
      if (relativizeAttributes(tag, context)) rewriter.emitStartTag(tag);
      else rewriter.emitRaw(raw);
    }
  });
  rewriter.on('endTag', (tag, raw) => {
    if (removal.dropsEnd(tag)) return;
    if (tag.tagName === 'script' && inlined) {
      inlined = false;
      return;
    }
    if (tag.tagName === 'style' && style) {
      const before = style.join('');
      const after = relativizeCss(before, context);
      if (after !== before) allowed.push(allowInline('style-src', after));
      rewriter.emitRaw(after);
      style = null;
    }
    if (tag.tagName === 'noscript' && noscript) {
      rewriter.emitRaw(noscriptMark(noscripts.push(noscript.join('')) - 1));
      noscript = null;
    }
    rewriter.emitRaw(raw);
  });
  rewriter.on('text', (_text, raw) => {
    if (removal.active || inlined) return;
    if (style) style.push(raw);
    else if (noscript) noscript.push(raw);
    else rewriter.emitRaw(raw);
  });
  rewriter.on('comment', (_comment, raw) => {
    if (!removal.active) rewriter.emitRaw(raw);
  });
  rewriter.on('doctype', (_doctype, raw) => {
    if (!removal.active) rewriter.emitRaw(raw);
  });

  await new Promise<void>((resolve, reject) => {
    rewriter.on('end', resolve);
    rewriter.on('error', reject);
    rewriter.end(html);
  });
  let result = out.join('');
  for (const [i, markup] of noscripts.entries()) {
    const rewritten = await rewriteHtml(markup, context);
    result = result.replace(noscriptMark(i), () => rewritten);
  }
  if (!policy) return result;
  const meta = policyMeta(policy.tag, policy.raw, allowed);
  return result.replace(POLICY_MARK, () => meta);
}

const noscriptMark = (i: number) => `\u0000shelfmark-noscript-${i}\u0000`;

const attribute = (tag: StartTag, name: string) => tag.attrs.find((a) => a.name === name)?.value;

/**
 * Elements marked `data-offline="remove"`: links to what the offline copy lacks. Each is
 * dropped with everything inside it, down to its own end tag.
 */
class Removal {
  private tagName: string | null = null;
  private depth = 0;

  /** Whether the page is inside a removed element. */
  get active(): boolean {
    return this.tagName !== null;
  }

  /** Whether a start tag is dropped: one inside a removed element, or one marked for removal. */
  dropsStart(tag: StartTag): boolean {
    if (this.tagName !== null) {
      if (tag.tagName === this.tagName && !tag.selfClosing) this.depth++;
      return true;
    }
    if (attribute(tag, 'data-offline') !== 'remove') return false;
    if (!VOID.has(tag.tagName) && !tag.selfClosing) {
      this.tagName = tag.tagName;
      this.depth = 1;
    }
    return true;
  }

  /** Whether an end tag is dropped: one inside a removed element, or its own. */
  dropsEnd(tag: EndTag): boolean {
    if (this.tagName === null) return false;
    if (tag.tagName === this.tagName && --this.depth === 0) this.tagName = null;
    return true;
  }
}

/**
 * A `<link>` that would only fail from disk: a module preload (module scripts don't load from
 * `file://`; they are inlined), or one to a site file the edition leaves out (feeds, the sitemap).
 */
function isUnneededLink(tag: StartTag, context: RewriteContext): boolean {
  if (tag.tagName !== 'link') return false;
  if (/(?:^|\s)modulepreload(?:\s|$)/i.test(attribute(tag, 'rel') ?? '')) return true;
  const href = attribute(tag, 'href');
  if (!context.includes || href === undefined) return false;
  const path = siteFileOf(href, context);
  return path !== undefined && !context.includes(path);
}

/** The code of a `<script type="module" src>`, ready to sit inline; throws when it can't. */
function inlinedModule(tag: StartTag, context: RewriteContext): string {
  const src = attribute(tag, 'src')!;
  const path = siteFileOf(src, context);
  const code = path === undefined ? undefined : context.readModule?.(path);
  if (code === undefined) throw new Error(`${context.page}: module script ${src} not found; it cannot load from file://`);
  if (STATIC_IMPORT.test(code)) throw new Error(`${context.page}: module script ${src} imports other modules; it cannot be inlined`);
  return code.replace(/<\/(script)/gi, '<\\/$1');
}

/** Relativises every URL a tag's attributes hold, in place; whether any changed. */
function relativizeAttributes(tag: StartTag, context: LinkContext): boolean {
  const isRefresh = tag.tagName === 'meta' && (attribute(tag, 'http-equiv') ?? '').toLowerCase() === 'refresh';
  let changed = false;
  for (const attr of tag.attrs) {
    const before = attr.value;
    const name = attr.name;
    if (URL_ATTRIBUTES.has(name) || (name.startsWith('data-') && name.endsWith('-url'))) {
      attr.value = relativizeUrl(before, context);
    } else if (name === 'srcset' || name === 'imagesrcset') {
      attr.value = relativizeSrcset(before, context);
    } else if (name === 'style') {
      attr.value = relativizeCss(before, context);
    } else if (name === 'content' && isRefresh) {
      attr.value = relativizeRefresh(before, context);
    }
    changed ||= attr.value !== before;
  }
  return changed;
}

/** The site file (path relative to the root) a URL on the page points at; undefined for other sites. */
function siteFileOf(url: string, context: LinkContext): string | undefined {
  const relative = relativizeUrl(url, context);
  if (relative === url && /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(url.trim())) return undefined;
  const dir = context.page.includes('/') ? context.page.slice(0, context.page.lastIndexOf('/') + 1) : '';
  const resolved = new URL(relative.replace(/[?#].*$/, ''), `file:///${dir}`).pathname.slice(1);
  return decodeURIComponent(resolved);
}
