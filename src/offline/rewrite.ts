/**
 * Rewrites one built HTML page for the offline edition (opened from disk with `file://`):
 *
 * - every internal URL in a URL attribute (`href`, `src`, `action`, `srcset`, `poster`, …,
 *   and `data-*-url`), in `style`/`<style>` `url(...)` and in a meta refresh becomes relative,
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
import type { StartTag } from 'parse5-sax-parser';
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

export async function rewriteHtml(html: string, context: RewriteContext): Promise<string> {
  const rewriter = new RewritingStream();
  const out: string[] = [];
  rewriter.on('data', (chunk: string) => out.push(chunk));

  // The CSP <meta> comes before the scripts and styles it governs; hold its place and write it last.
  const CSP_MARK = '\u0000shelfmark-csp\u0000';
  let csp: { tag: StartTag; raw: string } | undefined;
  const added: AllowedSource[] = [];
  const allow = (directive: AllowedSource['directive'], text: string) => added.push(allowInline(directive, text));
  let styleText: string[] | null = null;

  let skipTag: string | null = null;
  let skipDepth = 0;
  let dropNextScriptEnd = false;

  const siteFileOf = (url: string): string | undefined => {
    const relative = relativizeUrl(url, context);
    if (relative === url && /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(url.trim())) return undefined;
    const dir = context.page.includes('/') ? context.page.slice(0, context.page.lastIndexOf('/') + 1) : '';
    const resolved = new URL(relative.replace(/[?#].*$/, ''), `file:///${dir}`).pathname.slice(1);
    return decodeURIComponent(resolved);
  };

  rewriter.on('startTag', (tag, raw) => {
    if (skipTag) {
      if (tag.tagName === skipTag && !tag.selfClosing) skipDepth++;
      return;
    }
    const get = (name: string) => tag.attrs.find((a) => a.name === name)?.value;
    if (get('data-offline') === 'remove') {
      if (!VOID.has(tag.tagName) && !tag.selfClosing) {
        skipTag = tag.tagName;
        skipDepth = 1;
      }
      return;
    }
    if (tag.tagName === 'link' && /(?:^|\s)modulepreload(?:\s|$)/i.test(get('rel') ?? '')) return;
    if (tag.tagName === 'link' && context.includes && get('href') !== undefined) {
      const path = siteFileOf(get('href')!);
      if (path !== undefined && !context.includes(path)) return;
    }
    if (isPolicyMeta(tag)) {
      csp = { tag, raw };
      rewriter.emitRaw(CSP_MARK);
      return;
    }
    if (tag.tagName === 'script' && get('type') === 'module' && get('src') !== undefined) {
      const path = siteFileOf(get('src')!);
      const code = path === undefined ? undefined : context.readModule?.(path);
      if (code === undefined) throw new Error(`${context.page}: module script ${get('src')} not found; it cannot load from file://`);
      if (STATIC_IMPORT.test(code)) throw new Error(`${context.page}: module script ${get('src')} imports other modules; it cannot be inlined`);
      const inline = code.replace(/<\/(script)/gi, '<\\/$1');
      allow('script-src', inline);
      rewriter.emitRaw(`<script type="module">${inline}</script>`);
      dropNextScriptEnd = true;
      return;
    }
    if (tag.tagName === 'style') styleText = [];

    let changed = false;
    const isRefresh = tag.tagName === 'meta' && (get('http-equiv') ?? '').toLowerCase() === 'refresh';
    for (const attribute of tag.attrs) {
      const before = attribute.value;
      const name = attribute.name;
      if (URL_ATTRIBUTES.has(name) || (name.startsWith('data-') && name.endsWith('-url'))) {
        attribute.value = relativizeUrl(before, context);
      } else if (name === 'srcset' || name === 'imagesrcset') {
        attribute.value = relativizeSrcset(before, context);
      } else if (name === 'style') {
        attribute.value = relativizeCss(before, context);
      } else if (name === 'content' && isRefresh) {
        attribute.value = relativizeRefresh(before, context);
      }
      changed ||= attribute.value !== before;
    }
    if (changed) rewriter.emitStartTag(tag);
    else rewriter.emitRaw(raw);
  });

  rewriter.on('endTag', (tag, raw) => {
    if (skipTag) {
      if (tag.tagName === skipTag && --skipDepth === 0) skipTag = null;
      return;
    }
    if (tag.tagName === 'script' && dropNextScriptEnd) {
      dropNextScriptEnd = false;
      return;
    }
    if (tag.tagName === 'style' && styleText) {
      const before = styleText.join('');
      const after = relativizeCss(before, context);
      if (after !== before) allow('style-src', after);
      rewriter.emitRaw(after);
      styleText = null;
    }
    rewriter.emitRaw(raw);
  });

  rewriter.on('text', (_text, raw) => {
    if (skipTag || dropNextScriptEnd) return;
    if (styleText) styleText.push(raw);
    else rewriter.emitRaw(raw);
  });
  rewriter.on('comment', (_comment, raw) => {
    if (!skipTag) rewriter.emitRaw(raw);
  });
  rewriter.on('doctype', (_doctype, raw) => {
    if (!skipTag) rewriter.emitRaw(raw);
  });

  await new Promise<void>((resolve, reject) => {
    rewriter.on('end', resolve);
    rewriter.on('error', reject);
    rewriter.end(html);
  });
  const result = out.join('');
  if (!csp) return result;
  const meta = policyMeta(csp.tag, csp.raw, added);
  return result.replace(CSP_MARK, () => meta);
}
