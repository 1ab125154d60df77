/**
 * Reads what Pagefind indexes from one built page, so the offline index holds exactly the
 * same pages, words and filters as the online one: the text inside
 * `data-pagefind-body` less `data-pagefind-ignore`, and the values of
 * `data-pagefind-filter` and `-meta` in Pagefind's attribute syntax
 * (`key`, `key:inline value`, `key[attribute]`, comma separated). Pure: HTML string in, record out.
 */
import { parse, type DefaultTreeAdapterTypes } from 'parse5';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

export interface ExtractedPage {
  title: string;
  /** Indexed text, whitespace collapsed, without the title. */
  text: string;
  /** Filter name → values, e.g. `{ theme: ['Efficient attention'], year: ['2024'] }`. */
  filters: Record<string, string[]>;
  /** Other metadata shown with a result, e.g. `{ listed: '2024-01-05' }`. */
  meta: Record<string, string>;
}

/** Elements Pagefind never reads text from. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'form', 'iframe', 'object', 'canvas']);
/** Elements that end a run of text; a space keeps words on either side apart. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'td', 'th', 'tr', 'ul',
]);

const isElement = (node: Node): node is Element => 'tagName' in node;
const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

function textContent(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterTypes.TextNode).value;
  if (!('childNodes' in node)) return '';
  if (isElement(node) && SKIP.has(node.tagName)) return '';
  const inner = node.childNodes.map(textContent).join('');
  return isElement(node) && BLOCK.has(node.tagName) ? ` ${inner} ` : inner;
}

/**
 * Pagefind's attribute syntax: comma-separated captures, where `key` takes the element's text,
 * `key[attr]` another attribute's value, and a final `key:value` a literal that runs to the end
 * (so it may contain commas and colons).
 */
function parseCaptures(spec: string, el: Element): [key: string, value: string][] {
  const colon = spec.indexOf(':');
  const head = colon === -1 ? spec : spec.slice(0, colon);
  const literal = colon === -1 ? undefined : spec.slice(colon + 1);
  const parts = head.split(',').map((p) => p.trim());
  const out: [string, string][] = [];
  parts.forEach((part, i) => {
    const fromAttr = /^([^\[\]]+)\[([^\[\]]+)\]$/.exec(part);
    if (i === parts.length - 1 && literal !== undefined) {
      out.push([part, collapse(literal)]);
    } else if (fromAttr) {
      out.push([fromAttr[1]!.trim(), collapse(attr(el, fromAttr[2]!.trim()) ?? '')]);
    } else if (part) {
      out.push([part, collapse(textContent(el))]);
    }
  });
  return out.filter(([key, value]) => key && value);
}

/** The indexed content of a page, or `null` when it has no `data-pagefind-body` (Pagefind skips it too). */
export function extractPage(html: string): ExtractedPage | null {
  const bodies: Element[] = [];
  const findBodies = (node: Node) => {
    if (isElement(node) && attr(node, 'data-pagefind-body') !== undefined) {
      bodies.push(node);
      return;
    }
    if ('childNodes' in node) node.childNodes.forEach(findBodies);
    if (isElement(node) && node.tagName === 'template') findBodies((node as DefaultTreeAdapterTypes.Template).content);
  };
  findBodies(parse(html));
  if (bodies.length === 0) return null;

  const page: ExtractedPage = { title: '', text: '', filters: {}, meta: {} };
  const chunks: string[] = [];

  const walk = (node: Node, indexText: boolean) => {
    if (node.nodeName === '#text') {
      if (indexText) chunks.push((node as DefaultTreeAdapterTypes.TextNode).value);
      return;
    }
    if (!isElement(node)) return;
    const ignore = attr(node, 'data-pagefind-ignore');
    if (ignore !== undefined && ignore.trim() === 'all') return;
    let keepText = indexText && ignore === undefined && !SKIP.has(node.tagName);

    for (const [key, value] of parseCaptures(attr(node, 'data-pagefind-filter') ?? '', node)) {
      const values = (page.filters[key] ??= []);
      if (!values.includes(value)) values.push(value);
    }
    for (const [key, value] of parseCaptures(attr(node, 'data-pagefind-meta') ?? '', node)) {
      if (key === 'title') {
        page.title ||= value;
        // The title is stored on its own; leave it out of the text so results don't repeat it.
        keepText = false;
      } else {
        page.meta[key] = value;
      }
    }

    const block = BLOCK.has(node.tagName);
    if (block && keepText) chunks.push(' ');
    for (const child of node.childNodes) walk(child, keepText);
    if (block && keepText) chunks.push(' ');
  };
  for (const body of bodies) walk(body, true);

  page.text = collapse(chunks.join(''));
  return page;
}
