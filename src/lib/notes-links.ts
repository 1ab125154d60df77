/**
 * Sätteri hast plugins for people's notes (the MDX below a paper's frontmatter), so their links
 * behave as the site's own: a link to another site gets rel="noopener noreferrer", so no page
 * hands its window or its address to the sites it links to; and a link or image by a path from
 * the site's root (`/papers/x/`) gets the base path, so it still leads there under `/<repo>/`, as does
 * a picture's `srcset`, or a video's, audio's, embed's or its poster's address.
 * Both hold for links written in Markdown and for those written as HTML (`<a href>`), which MDX
 * reads as JSX elements rather than as HTML. And a heading gets an id the page has not.
 */
import type { SatteriProcessorOptions } from '@astrojs/markdown-satteri';
import Slugger from 'github-slugger';
import { joinBase, mapSrcset, PAPER_PAGE_IDS } from './paths.ts';

/** A plugin as written (the option also takes lists of them, and factories). */
type HastPlugin = Exclude<NonNullable<SatteriProcessorOptions['hastPlugins']>[number], ((...args: never[]) => unknown) | readonly unknown[] | null | undefined | false>;
/** One visitor of each kind (a plugin may also give a list of them). */
type One<V> = Exclude<NonNullable<V>, readonly unknown[]>;
type ElementVisitor = One<HastPlugin['element']>;
type FlowVisitor = One<HastPlugin['mdxJsxFlowElement']>;
type TextVisitor = One<HastPlugin['mdxJsxTextElement']>;
type JsxElement = Parameters<FlowVisitor['visit']>[0] | Parameters<TextVisitor['visit']>[0];

/**
 * A plugin that visits elements named `tags`, from Markdown and from JSX alike, with `change`
 * given each of the element's `attributesOf` that it has as text, and returning the attribute to
 * set and its value, or undefined to leave it.
 */
function attributePlugin(name: string, tags: string[], attributesOf: (tag: string) => readonly string[], change: (value: string, tag: string, attribute: string) => { attribute: string; value: string | string[] } | undefined): HastPlugin {
  const element: ElementVisitor = {
    filter: tags,
    visit(node, ctx) {
      for (const attribute of attributesOf(node.tagName)) {
        const value = node.properties[attribute];
        const changed = typeof value === 'string' ? change(value, node.tagName, attribute) : undefined;
        if (changed) ctx.setProperty(node, changed.attribute, changed.value);
      }
    },
  };
  const visit = (node: JsxElement, ctx: Parameters<FlowVisitor['visit']>[1]) => {
    for (const attribute of attributesOf(node.name ?? '')) {
      const value = jsxText(node, attribute);
      const changed = value === undefined ? undefined : change(value, node.name ?? '', attribute);
      if (changed) ctx.setProperty(node, changed.attribute, Array.isArray(changed.value) ? changed.value.join(' ') : changed.value);
    }
  };
  return { name, element, mdxJsxFlowElement: { filter: tags, visit }, mdxJsxTextElement: { filter: tags, visit } };
}

/** A JSX element's attribute written as text (`href="/x/"`); one written as an expression is not read. */
function jsxText(node: JsxElement, name: string): string | undefined {
  const attribute = node.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === name);
  return attribute?.type === 'mdxJsxAttribute' && typeof attribute.value === 'string' ? attribute.value : undefined;
}

export const externalLinks: HastPlugin = attributePlugin('shelfmark-external-links', ['a'], () => ['href'], (href) =>
  /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(href) ? { attribute: 'rel', value: ['noopener', 'noreferrer'] } : undefined,
);

/**
 * The attributes of notes' elements that hold URLs, as they are written in JSX and named in a
 * Markdown link's or image's element; `srcset` holds several.
 */
const URL_ATTRIBUTES: Record<string, readonly string[]> = { a: ['href'], img: ['src', 'srcset', 'srcSet'], source: ['src', 'srcset', 'srcSet'], video: ['src', 'poster'], audio: ['src'], track: ['src'], iframe: ['src'], embed: ['src'], object: ['data'] };

/** For a site served under `base` (Astro's `base`, "/" or "/<repo>/"). */
export function rootLinks(base: string): HastPlugin {
  const home = joinBase(base, '').replace(/\/$/, '');
  const underBase = (url: string) => home !== '' && (url === home || /^[/?#]/.test(url.slice(home.length))) && url.startsWith(home);
  // "/papers/x/", not "//host/…" (another site) nor a path already under the base ("/repo/…", "/repo", "/repo#x").
  const rebase = (url: string) => (/^\/(?!\/)/.test(url) && !underBase(url) ? joinBase(base, url) : url);
  return attributePlugin('shelfmark-root-links', Object.keys(URL_ATTRIBUTES), (tag) => URL_ATTRIBUTES[tag] ?? [], (url, _tag, attribute) => {
    const value = attribute.toLowerCase() === 'srcset' ? mapSrcset(url, rebase) : rebase(url);
    return value === url ? undefined : { attribute, value };
  });
}

/**
 * Ids for the headings of a note that the paper page does not use already: a note's "## Notes"
 * was given "notes", the id of the section around it, so two elements had one id and the
 * section's `aria-labelledby` named both. A slugger that has seen the page's ids gives
 * "notes-1" instead, as it would a second "Notes" in the note. A factory, so each note starts
 * afresh; it runs before Astro's own heading ids, which keep an id already set.
 */
export const noteHeadingIds = (): HastPlugin => {
  const slugger = new Slugger();
  for (const id of Object.values(PAPER_PAGE_IDS)) slugger.slug(id);
  return {
    name: 'shelfmark-note-heading-ids',
    element: {
      filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
      visit(node, ctx) {
        if (typeof node.properties.id !== 'string') ctx.setProperty(node, 'id', slugger.slug(ctx.textContent(node)));
      },
    },
  };
};
