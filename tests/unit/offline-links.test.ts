import { describe, expect, it } from 'vitest';
import { relativizeCss, relativizeRefresh, relativizeSrcset, relativizeUrl, type LinkContext } from '../../src/offline/relativize.ts';
import { createHash } from 'node:crypto';
import { withHashes } from '../../src/offline/csp.ts';
import { rewriteHtml } from '../../src/offline/rewrite.ts';

const directories = new Set(['papers', 'papers/x', 'themes', 'themes/y', 'search']);
const at = (page: string, base = '/'): LinkContext => ({ base, page, isDirectory: (p) => directories.has(p) });

describe('relativising one URL for file://', () => {
  it('directory links become relative links to their index.html', () => {
    expect(relativizeUrl('/themes/y/', at('index.html'))).toBe('themes/y/index.html');
    expect(relativizeUrl('/papers/x/', at('themes/y/index.html'))).toBe('../../papers/x/index.html');
    expect(relativizeUrl('/', at('papers/x/index.html'))).toBe('../../index.html');
    expect(relativizeUrl('/', at('index.html'))).toBe('index.html');
  });

  it('strips the base path, and leaves paths outside it alone', () => {
    const page = at('papers/x/index.html', '/shelfmark/');
    expect(relativizeUrl('/shelfmark/themes/y/', page)).toBe('../../themes/y/index.html');
    expect(relativizeUrl('/shelfmark/', page)).toBe('../../index.html');
    expect(relativizeUrl('/shelfmark', page)).toBe('../../index.html');
    expect(relativizeUrl('/other/thing/', page)).toBe('/other/thing/');
    expect(relativizeUrl('/shelfmarkish/', page)).toBe('/shelfmarkish/');
  });

  it('files stay files; a directory named without its slash still gets index.html', () => {
    expect(relativizeUrl('/papers.json', at('papers/x/index.html'))).toBe('../../papers.json');
    expect(relativizeUrl('/_astro/a.css', at('index.html'))).toBe('_astro/a.css');
    expect(relativizeUrl('/search', at('papers/x/index.html'))).toBe('../../search/index.html');
  });

  it('keeps query strings and fragments', () => {
    expect(relativizeUrl('/search/?q=a+b&theme=c', at('themes/y/index.html'))).toBe('../../search/index.html?q=a+b&theme=c');
    expect(relativizeUrl('/papers/x/#abstract', at('papers/index.html'))).toBe('x/index.html#abstract');
    expect(relativizeUrl('/papers/x/#abstract', at('papers/x/index.html'))).toBe('index.html#abstract');
  });

  it('leaves other sites, schemes, anchors and query-only links alone', () => {
    for (const url of ['https://arxiv.org/abs/1', '//cdn.example/x.js', 'mailto:a@b.c', 'data:image/png;base64,AA', '#main', '?q=x', '', 'javascript:void 0']) {
      expect(relativizeUrl(url, at('papers/x/index.html'))).toBe(url);
    }
  });

  it('resolves links that are already relative, so directories still gain index.html', () => {
    expect(relativizeUrl('../y/', at('themes/z/index.html'))).toBe('../y/index.html');
    expect(relativizeUrl('./', at('themes/y/index.html'))).toBe('index.html');
    expect(relativizeUrl('favicon.svg', at('index.html'))).toBe('favicon.svg');
  });

  it('handles srcset, meta refresh and CSS url()', () => {
    expect(relativizeSrcset('/a.png 1x, /b.png 2x', at('papers/x/index.html'))).toBe('../../a.png 1x, ../../b.png 2x');
    expect(relativizeRefresh('0; url=/papers/x/', at('papers/old/index.html'))).toBe('0; url=../x/index.html');
    expect(relativizeRefresh("0;URL='/papers/x/'", at('index.html'))).toBe("0;URL='papers/x/index.html'");
    expect(relativizeCss('a{background:url(/_astro/i.png)} b{src:url("/f.woff2")}', at('_astro/s.css'))).toBe(
      'a{background:url(i.png)} b{src:url("../f.woff2")}',
    );
  });
});

describe('rewriting a page for the offline edition', () => {
  const page = (body: string) => `<!doctype html><html><head><title>T</title></head><body>${body}</body></html>`;

  it('rewrites URL attributes and passes everything else through byte for byte', async () => {
    const html = page(
      `<a class=x href="/shelfmark/themes/y/">Y</a> <img src='/shelfmark/i.png' alt="">` +
        `<form action="/shelfmark/search/"><input name=q></form>` +
        `<pre>/shelfmark/themes/y/ stays text</pre><!-- /shelfmark/ in a comment -->` +
        `<script>const u = "/shelfmark/papers/";</script>`,
    );
    const out = await rewriteHtml(html, at('papers/x/index.html', '/shelfmark/'));
    expect(out).toBe(
      page(
        `<a class="x" href="../../themes/y/index.html">Y</a> <img src="../../i.png" alt="">` +
          `<form action="../../search/index.html"><input name=q></form>` +
          `<pre>/shelfmark/themes/y/ stays text</pre><!-- /shelfmark/ in a comment -->` +
          `<script>const u = "/shelfmark/papers/";</script>`,
      ),
    );
  });

  it('rewrites data-*-url attributes, style attributes, <style> and meta refresh', async () => {
    const html =
      `<html><head><meta http-equiv="refresh" content="0; url=/papers/x/"><style>.a{background:url(/i.png)}</style></head>` +
      `<body><dialog data-root-url="/" data-page-url="/search/" data-other="/keep/" style="background:url('/i.png')"></dialog></body></html>`;
    const out = await rewriteHtml(html, at('papers/old/index.html'));
    expect(out).toContain('content="0; url=../x/index.html"');
    expect(out).toContain('<style>.a{background:url(../../i.png)}</style>');
    expect(out).toContain('data-root-url="../../index.html"');
    expect(out).toContain('data-page-url="../../search/index.html"');
    expect(out).toContain('data-other="/keep/"');
    expect(out).toContain(`style="background:url('../../i.png')"`);
  });

  it('rewrites the links inside <noscript>, which the tokenizer reads as text', async () => {
    const html = page(`<noscript><p>Browse <a href="/shelfmark/">by theme</a> or <a href='/shelfmark/papers/'>all papers</a>.</p></noscript><noscript></noscript>`);
    const out = await rewriteHtml(html, at('search/index.html', '/shelfmark/'));
    expect(out).toBe(page(`<noscript><p>Browse <a href="../index.html">by theme</a> or <a href="../papers/index.html">all papers</a>.</p></noscript><noscript></noscript>`));
  });

  it('drops elements marked data-offline="remove", nested tags included', async () => {
    const out = await rewriteHtml(page('<div data-offline="remove"><div>a <a href="/x.zip">zip</a></div><div>b</div></div><p>keep</p>'), at('index.html'));
    expect(out).toBe(page('<p>keep</p>'));
    expect(await rewriteHtml(page('<img data-offline="remove" src="/a.png"><p>x</p>'), at('index.html'))).toBe(page('<p>x</p>'));
  });

  it('drops <link>s to site files the edition leaves out, and keeps the rest', async () => {
    const head =
      '<link rel="alternate" type="application/rss+xml" href="/shelfmark/feed.xml"><link rel="sitemap" href="/shelfmark/sitemap-index.xml">' +
      '<link rel="canonical" href="https://example.org/shelfmark/papers/x/"><link rel="icon" href="/shelfmark/favicon.svg"><link rel="next" href="/shelfmark/papers/page/2/">';
    const html = `<html><head>${head}</head><body><a href="/shelfmark/feed.xml">feed</a></body></html>`;
    const included = new Set(['favicon.svg', 'papers/page/2/index.html']);
    const out = await rewriteHtml(html, { ...at('papers/x/index.html', '/shelfmark/'), includes: (path) => included.has(path) });
    expect(out).toBe(
      '<html><head><link rel="canonical" href="https://example.org/shelfmark/papers/x/"><link rel="icon" href="../../favicon.svg">' +
        '<link rel="next" href="../page/2/index.html"></head><body><a href="../../feed.xml">feed</a></body></html>',
    );
  });

  it('inlines module scripts (file:// refuses to load them) and drops modulepreload links', async () => {
    const modules: Record<string, string> = { '_astro/a.js': 'console.log("</script>")' };
    const html = page('<link rel="modulepreload" href="/_astro/a.js"><script type="module" src="/_astro/a.js"></script><p>x</p>');
    const out = await rewriteHtml(html, { ...at('papers/x/index.html'), readModule: (p) => modules[p] });
    expect(out).toBe(page('<script type="module">console.log("<\\/script>")</script><p>x</p>'));
  });

  it('refuses module scripts it cannot inline', async () => {
    const html = page('<script type="module" src="/_astro/b.js"></script>');
    await expect(rewriteHtml(html, { ...at('index.html'), readModule: () => undefined })).rejects.toThrow(/not found/);
    const importing = { ...at('index.html'), readModule: () => 'import{a}from"./c.js";a()' };
    await expect(rewriteHtml(html, importing)).rejects.toThrow(/imports other modules/);
  });

  it('keeps a Content-Security-Policy true: inlined scripts and changed styles get their hashes', async () => {
    const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    const csp = `<meta http-equiv="content-security-policy" content="default-src 'self'; script-src 'self' 'sha256-old'">`;
    const html = `<html><head>${csp}<style>.a{background:url(/i.png)}</style><style>.b{color:red}</style></head>` +
      `<body><script type="module" src="/_astro/a.js"></script></body></html>`;
    const out = await rewriteHtml(html, { ...at('index.html'), readModule: () => 'go()' });
    expect(out).toContain(
      `content="default-src 'self'; script-src 'self' 'sha256-old' ${sha('go()')}; style-src 'self' ${sha('.a{background:url(i.png)}')}"`,
    );
    // Untouched pages keep their policy byte for byte.
    const plain = `<html><head>${csp}</head><body><a href="/x/">x</a></body></html>`;
    expect(await rewriteHtml(plain, at('index.html'))).toContain(csp);
  });

  it('adds hashes to the right directive, deriving it from default-src when missing', () => {
    expect(withHashes("default-src 'self'", [{ directive: 'script-src', hash: "'sha256-a'" }])).toBe("default-src 'self'; script-src 'self' 'sha256-a'");
    expect(withHashes("img-src *", [{ directive: 'style-src', hash: "'sha256-a'" }])).toBe('img-src *');
  });
});
