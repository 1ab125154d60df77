/**
 * The hostile catalog (tests/fixtures/hostile/content, listed case by case in its README)
 * built end to end, as `npm run build` builds any catalog, in a throwaway project copy;
 * then every page is read with an HTML parser and checked:
 *
 * - every paper is published with its text exactly as the listing has it, after the
 *   documented normalisation, in the page, its metadata, the feeds and papers.json;
 * - nothing can execute: no script but the site's own (each one hashed in the page's
 *   Content-Security-Policy), no `on…` attribute, no URL with a scheme but http(s);
 * - links taken from abstracts are http(s) only, and every link to another site carries
 *   rel="noopener noreferrer";
 * - the pages are valid HTML (html-validate, the project's own configuration) and the
 *   feeds are XML a strict parser accepts.
 *
 * tests/e2e/hostile.spec.ts opens the same catalog in Chromium.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePaperFile } from '../../src/ingest/frontmatter.ts';
import { escapeBibtex, markdownLink } from '../../src/lib/cite.ts';
import { excerpt, graphemes } from '../../src/lib/format.ts';
import type { Paper } from '../../src/schemas/paper.ts';
import { attr, byClass, byId, byTag, elements, meta, parseHtml, text, type Document, type Element } from '../support/html.ts';
import { buildSite, filesUnder, hostileContent, type BuiltSite } from '../support/site-build.ts';
import { repoRoot } from '../support/repo.ts';
import { BIDI_CONTROLS, expectedAbstract, expectedTitle, NOT_XML } from '../support/untrusted-text.ts';

const SITE = 'https://shelfmark.example';
/** Papers in tests/fixtures/hostile/content/sources/hostile.txt, and the one curation.yaml hides. */
const LISTED = 28;
const HIDDEN = '2401-10010';

let site: BuiltSite;
/** Every paper the ingest wrote, hidden one included. */
let papers: Paper[];
let published: Paper[];
/** Site path (`papers/x/`) → parsed page, for every HTML file of the build. */
const pages = new Map<string, Document>();
const page = (path: string) => {
  const doc = pages.get(path);
  if (!doc) throw new Error(`no page at ${path}`);
  return doc;
};

beforeAll(async () => {
  site = await buildSite({ content: hostileContent, siteUrl: SITE });
  papers = readdirSync(join(site.content, 'papers'))
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => parsePaperFile(readFileSync(join(site.content, 'papers', f), 'utf8')).data as Paper);
  published = papers.filter((p) => !p.hidden);
  for (const file of filesUnder(site.dist).filter((f) => f.endsWith('.html'))) {
    pages.set(file.replace(/index\.html$/, ''), parseHtml(readFileSync(join(site.dist, file), 'utf8')));
  }
}, 180_000);
afterAll(() => site?.remove());

describe('the hostile catalog, ingested', () => {
  it('reads every paper, with no problem to report even under --strict', () => {
    const check = spawnSync(process.execPath, [join(repoRoot, 'scripts/ingest.ts'), '--strict', '--check'], {
      cwd: site.root,
      env: { ...process.env, CONTENT_DIR: site.content },
      encoding: 'utf8',
    });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(papers).toHaveLength(LISTED);
  });

  it('keeps each title and abstract as the listing has it, after the documented normalisation', () => {
    const lines = readFileSync(join(hostileContent, 'sources/hostile.txt'), 'utf8').split('\n');
    for (const paper of papers) {
      const at = paper.sources[0]!.line! - 1;
      const abstractLine = lines.slice(at + 1).find((l) => l.trim() !== '')!;
      expect(paper.title).toBe(expectedTitle(lines[at]!));
      expect(paper.abstract).toBe(expectedAbstract(abstractLine));
    }
  });

  it('strips every bidi control and control character, and keeps other invisible characters', () => {
    const all = JSON.stringify(papers);
    for (const control of BIDI_CONTROLS) expect(all).not.toContain(control);
    expect(papers.map((p) => `${p.title} ${p.abstract} ${p.org ?? ''}`).join(' ')).not.toMatch(/[\0-\x08\x0B-\x1F\x7F-\x9F]/);
    const zeroWidth = papers.find((p) => p.title.startsWith('Zero'))!;
    expect(zeroWidth.title).toBe('Zero\u200BWidth\u200CCharacters\u200D and\u2060Word Joiners');
    expect(papers.find((p) => p.title.startsWith('Safe'))!.title).toBe('Safegnp.exe Title With a Right-to-Left Override');
    expect(papers.find((p) => p.org)!.org).toBe('<img src=x onerror=alert(1)> grO Org');
  });
});

describe('the built site', () => {
  it('publishes every paper but the hidden one, at its id, and a redirect at the renamed one\'s former id', () => {
    expect(published).toHaveLength(LISTED - 1);
    for (const paper of published) expect(pages.has(`papers/${paper.id}/`), paper.id).toBe(true);
    expect(pages.has(`papers/${HIDDEN}/`)).toBe(false);
    const renamed = papers.find((p) => p.aliases.length > 0)!;
    const redirect = page(`papers/${renamed.aliases[0]}/`);
    expect(text(byTag(redirect, 'title')[0]!)).toBe(`Moved: ${renamed.title}`);
    expect(meta(redirect, 'refresh')).toBe(`0; url=/papers/${renamed.id}/`);
    expect(text(byTag(redirect, 'a')[0]!)).toBe(renamed.title);
    // Chat apps follow no refresh: the former address unfurls as the paper's own page does.
    const current = page(`papers/${renamed.id}/`);
    for (const key of ['og:title', 'og:description', 'og:url', 'og:image', 'og:image:alt']) expect(meta(redirect, key), key).toBe(meta(current, key));
  });

  it('every page\'s description, in <meta> and Open Graph alike, is cut within 200 characters, whatever text it is made of', () => {
    for (const [path, doc] of pages) {
      for (const key of ['description', 'og:description']) {
        const content = meta(doc, key);
        if (content !== undefined && content !== null) expect(graphemes(content).length, `${path} ${key}`).toBeLessThanOrEqual(200);
      }
    }
  });

  it('shows each paper\'s text exactly, in the page and in its metadata', () => {
    for (const paper of published) {
      const doc = page(`papers/${paper.id}/`);
      const where = `papers/${paper.id}/`;
      // Exactly, not merely after Unicode normalisation: the site changes no character.
      expect(text(byTag(doc, 'h1')[0]!), where).toBe(paper.title);
      // Its own direction: an Arabic or Hebrew title reads right to left, its words in order.
      expect(attr(byTag(doc, 'h1')[0]!, 'dir'), where).toBe('auto');
      expect(text(byClass(doc, 'abstract')[0]!), where).toBe(paper.abstract);
      expect(text(byTag(doc, 'title')[0]!), where).toBe(`${paper.title} · Shelfmark`);
      expect(meta(doc, 'og:title'), where).toBe(excerpt(paper.title, 200));
      expect(meta(doc, 'twitter:title'), where).toBe(paper.title.length > 70 ? excerpt(paper.title, 70) : undefined);
      expect(meta(doc, 'description'), where).toBe(excerpt(paper.abstract!, 200));
      const url = `${SITE}/papers/${paper.id}/`;
      const copies = elements(doc).map((el) => attr(el, 'data-copy')).filter(Boolean);
      expect(copies, where).toContain(markdownLink(paper.title, url));
      if (paper.org) {
        const dt = byTag(doc, 'dt').find((el) => text(el) === 'Organisation')!;
        expect(text(byTag(dt.parentNode as Element, 'dd')[0]!), where).toBe(paper.org);
      }
      const cite = byId(doc, 'cite')!.parentNode as Element;
      expect(text(byTag(cite, 'pre')[0]!), where).toContain(`title = {{${escapeBibtex(paper.title)}}}`);
    }
  });

  it('lists each paper with its exact title on the A–Z page and its shelves, and counts them on the home page', () => {
    expect(text(byTag(page(''), 'main')[0]!)).toContain(`${published.length} papers`);
    const az = page('papers/');
    const titles = byTag(az, 'main')[0]!;
    const linked = byTag(titles, 'a').filter((a) => attr(a, 'href')?.startsWith('/papers/') && attr(a, 'href') !== '/papers/');
    expect(linked.map(text).sort()).toEqual(published.map((p) => p.title).sort());
    expect(linked.filter((a) => attr(a, 'dir') !== 'auto').map(text)).toEqual([]);
    // A theme named like a day is named as written (a date once failed the build).
    expect(text(byTag(byTag(page('themes/dated/'), 'main')[0]!, 'h1')[0]!)).toBe('2024-01-01');
    for (const theme of ['injection', 'unicode', 'dated', 'unsorted']) {
      const shelf = byTag(page(`themes/${theme}/`), 'main')[0]!;
      for (const card of byClass(shelf, 'card')) {
        const title = text(byTag(card, 'a')[0]!);
        const paper = published.find((p) => p.title === title);
        expect(paper, `${theme}: ${title}`).toBeDefined();
        expect(text(byClass(card, 'abstract')[0]!)).toBe(excerpt(paper!.abstract!));
      }
    }
  });

  it('runs no script but its own: every script is the site\'s, hashed in the page\'s Content-Security-Policy', () => {
    for (const [path, doc] of pages) {
      const csp = meta(doc, 'content-security-policy');
      expect(csp, `${path} has a CSP`).toBeDefined();
      const scriptSrc = csp!.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src '))!;
      expect(scriptSrc, path).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*|data:|https?:/);
      for (const script of byTag(doc, 'script')) {
        const src = attr(script, 'src');
        if (src) {
          expect(src, path).toMatch(/^\/_astro\/[\w.-]+\.js$/);
        } else {
          const hash = `'sha256-${createHash('sha256').update(text(script)).digest('base64')}'`;
          expect(scriptSrc, `inline script on ${path}`).toContain(hash);
          expect(text(script)).not.toMatch(/alert\(|document\.domain|readFileSync/);
        }
      }
    }
  });

  it('has no inline event handler, and no URL with a scheme but http(s), on any page', () => {
    const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'poster', 'data', 'srcdoc', 'xlink:href', 'background', 'cite'];
    for (const [path, doc] of pages) {
      for (const el of elements(doc)) {
        for (const { name, value } of el.attrs) {
          expect(name, `<${el.tagName} ${name}> on ${path}`).not.toMatch(/^on/i);
          if (URL_ATTRIBUTES.includes(name)) {
            expect(new URL(value, `${SITE}/${path}`).protocol, `<${el.tagName} ${name}="${value}"> on ${path}`).toMatch(/^https?:$/);
          }
        }
      }
      // Nothing from a title or abstract became an element that loads or runs something.
      for (const tag of ['iframe', 'frame', 'object', 'embed', 'applet', 'base', 'img', 'video', 'audio', 'math']) {
        expect(byTag(doc, tag), `<${tag}> on ${path}`).toEqual([]);
      }
      for (const style of byTag(doc, 'style')) expect(text(style)).not.toMatch(/display:\s*none\s*\}|color:red/);
    }
  });

  it('links from abstracts are http(s) only, and every link to another site has rel="noopener noreferrer"', () => {
    const links = published.find((p) => p.title.startsWith('Links Next to Links'))!;
    expect(links.links).toEqual(['https://github.com/shelfmark/hostile-repo', 'http://example.org/project?x=1&y=2']);
    const section = byId(page(`papers/${links.id}/`), 'links')!.parentNode as Document;
    expect(byTag(section, 'a').map((a) => attr(a, 'href'))).toEqual(links.links);
    for (const paper of published) for (const link of paper.links) expect(new URL(link).protocol).toMatch(/^https?:$/);

    for (const [path, doc] of pages) {
      for (const a of byTag(doc, 'a')) {
        const href = new URL(attr(a, 'href') ?? '', `${SITE}/${path}`);
        if (href.origin === SITE) continue;
        expect((attr(a, 'rel') ?? '').split(/\s+/).sort(), `${href} on ${path}`).toEqual(expect.arrayContaining(['noopener', 'noreferrer']));
      }
    }
  });

  it('renders people\'s notes (MDX, with a code block) without inline styles', () => {
    const notes = byId(page('papers/no/'), 'notes')!.parentNode as Document;
    expect(text(notes)).toContain("const payload = '<script>alert(1)</script>';");
    expect(text(notes)).toContain(`run it with --force... then "quoted" and 'single'`);
    expect(text(notes)).toContain('"x" -- y');
    for (const [path, doc] of pages) {
      const styled = elements(doc).filter((el) => attr(el, 'style') !== undefined);
      expect(styled.map((el) => `<${el.tagName} style="${attr(el, 'style')}">`), path).toEqual([]);
    }
  });

  it('writes feeds a strict XML parser accepts, with every title exactly', () => {
    const xml = new XMLParser({ processEntities: true, htmlEntities: false, ignoreAttributes: true, parseTagValue: false });
    for (const feed of ['feed.xml', 'themes/injection/feed.xml', 'themes/unicode/feed.xml', 'sitemap-0.xml']) {
      const source = readFileSync(join(site.dist, feed), 'utf8');
      expect(XMLValidator.validate(source), feed).toBe(true);
      expect(source.match(NOT_XML)?.[0], `a character XML does not allow, in ${feed}`).toBeUndefined();
    }
    const items = [xml.parse(readFileSync(join(site.dist, 'feed.xml'), 'utf8')).rss.channel.item].flat() as { title: string; description: string }[];
    expect(items.map((i) => String(i.title)).sort()).toEqual(published.map((p) => p.title).sort());
    // A reader renders the description as HTML: what it shows must be the abstract as written.
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };
    const shown = (html: string) => html.replace(/&(?:#(\d+)|(amp|lt|gt|quot));/g, (_, code: string | undefined, name: string | undefined) => (code ? String.fromCharCode(Number(code)) : named[name!]!));
    for (const item of items) expect(String(item.description), item.title).not.toMatch(/<[a-z/!]/i);
    expect(items.map((i) => shown(String(i.description))).sort()).toEqual(published.map((p) => (p.abstract === null ? 'The sources give no abstract for this paper.' : excerpt(p.abstract, 500))).sort());
  });

  it('exports every published paper in papers.json exactly, and indexes them all for search', () => {
    const exported = JSON.parse(readFileSync(join(site.dist, 'papers.json'), 'utf8')) as Paper[];
    expect(exported.map((p) => [p.id, p.title, p.abstract, p.org]).sort()).toEqual(published.map((p) => [p.id, p.title, p.abstract, p.org]).sort());
    const entry = JSON.parse(readFileSync(join(site.dist, 'pagefind/pagefind-entry.json'), 'utf8'));
    expect(Object.values(entry.languages as Record<string, { page_count: number }>).reduce((n, l) => n + l.page_count, 0)).toBe(published.length);
  });

  it('every page is valid HTML', async () => {
    const validator = new HtmlValidate(JSON.parse(readFileSync(join(repoRoot, '.htmlvalidaterc.json'), 'utf8')));
    const problems: string[] = [];
    for (const file of filesUnder(site.dist).filter((f) => f.endsWith('.html'))) {
      const report = await validator.validateFile(join(site.dist, file));
      for (const result of report.results) for (const m of result.messages) problems.push(`${file}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
    }
    expect(problems).toEqual([]);
  });

  it('leaves the fixture itself untouched', () => {
    expect(existsSync(join(hostileContent, 'papers/no.mdx'))).toBe(true);
    expect(readdirSync(join(hostileContent, 'papers'))).toEqual(['no.mdx']);
  });
});
