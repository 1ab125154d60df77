/**
 * Reading built pages the way a browser does, with parse5 (the HTML standard's parser):
 * elements, attributes as decoded values and text as a browser's `textContent` gives it.
 */
import { parse, type DefaultTreeAdapterTypes } from 'parse5';

export type Node = DefaultTreeAdapterTypes.Node;
export type Element = DefaultTreeAdapterTypes.Element;
export type Document = DefaultTreeAdapterTypes.Document;

export const parseHtml = (html: string): Document => parse(html);

const isElement = (node: Node): node is Element => 'tagName' in node;

/** Every element under `root`, in document order (template contents included). */
export function elements(root: Node): Element[] {
  const out: Element[] = [];
  const walk = (node: Node) => {
    if (isElement(node)) out.push(node);
    const children = 'childNodes' in node ? node.childNodes : [];
    for (const child of children) walk(child);
    if (isElement(node) && node.tagName === 'template') walk((node as DefaultTreeAdapterTypes.Template).content);
  };
  walk(root);
  return out;
}

export const byTag = (root: Node, tag: string) => elements(root).filter((el) => el.tagName === tag);
export const attr = (el: Element, name: string): string | undefined => el.attrs.find((a) => a.name === name)?.value;
export const hasClass = (el: Element, name: string) => (attr(el, 'class') ?? '').split(/\s+/).includes(name);
export const byClass = (root: Node, name: string) => elements(root).filter((el) => hasClass(el, name));

/** `textContent`: every text node below, concatenated. */
export function text(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterTypes.TextNode).value;
  return 'childNodes' in node ? node.childNodes.map(text).join('') : '';
}

/** The element whose `id` is `id`, or undefined. */
export const byId = (root: Node, id: string) => elements(root).find((el) => attr(el, 'id') === id);

/** The `content` of `<meta name=…>` or `<meta property=…>`. */
export function meta(doc: Document, key: string): string | undefined {
  const el = byTag(doc, 'meta').find((m) => attr(m, 'name') === key || attr(m, 'property') === key || attr(m, 'http-equiv')?.toLowerCase() === key);
  return el && attr(el, 'content');
}
