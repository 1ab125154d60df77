/**
 * The XML that arXiv sends (its API's Atom feeds, its OAI-PMH records), read safely: checked to
 * be well-formed first, no entity but XML's own and numeric ones, no reference to a character
 * XML does not allow, and elements with their offsets, for `file:line` messages.
 */
import { XMLParser, XMLValidator, type XMLMetaData } from 'fast-xml-parser';
import { error, type Diagnostic } from '../diagnostics.ts';
import { lineAtOffset } from './record.ts';

/** An element: its name, attributes, children in document order (text as strings), and where its start tag is. */
export interface Element {
  name: string;
  attributes: Record<string, unknown>;
  children: (Element | string)[];
  /** Offset of its `<` in the text, as the parser found it (so never one inside a comment or CDATA). */
  offset: number;
}

/** How deep the parser lets elements nest (its `maxNestedTags`, default 100); arXiv's responses nest five at most. */
const MAX_DEPTH = 100;

const parser = new XMLParser({
  // Mixed content keeps its order (`Title with <b>bold</b> inside`), so the text of inline
  // elements stays where it is, with the spaces around it.
  preserveOrder: true,
  trimValues: false,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Text stays text: "2312.00752" or "1e10" in a title is not a number.
  parseTagValue: false,
  parseAttributeValue: false,
  // The library decodes character references (`&#233;`, `&#x1F680;`) only with this on. Named
  // entities other than XML's five never reach it: FOREIGN_ENTITY refuses them first.
  htmlEntities: true,
  maxNestedTags: MAX_DEPTH,
  // Where each element starts, for its line: the parser's positions skip what a search of the
  // text cannot tell from a real tag, such as an "<entry>" inside a comment or a CDATA section.
  captureMetaData: true,
});
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

/**
 * A named entity other than XML's own five. arXiv sends none; one declared in a DOCTYPE is
 * not expanded (entity expansion is how XML bombs work) and one from HTML is not XML, and
 * either would otherwise reach the catalog as the literal `&name;`.
 */
const FOREIGN_ENTITY = /&(?!(?:amp|lt|gt|quot|apos);)([A-Za-z_][\w.-]*);/;

/** A character reference, decimal (group 1) or hexadecimal (group 2). */
const CHARACTER_REFERENCE = /&#(?:([0-9]+)|x([0-9a-fA-F]+));/g;

/** Whether `code` is a character XML allows (XML 1.0, production [2] Char). */
const isXmlChar = (code: number): boolean =>
  code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);

/**
 * The first character reference to a character XML does not allow. XML makes one a fatal error
 * (well-formedness constraint "Legal Character"), so it is refused as an XML parser would,
 * rather than replaced with U+FFFD as HTML does: the parser here would keep `&#99999999;` as
 * written, or decode `&#0;` to a control the catalog then drops, in silence either way.
 */
function illegalReference(text: string): RegExpExecArray | undefined {
  for (const match of text.matchAll(CHARACTER_REFERENCE)) {
    if (!isXmlChar(match[1] === undefined ? parseInt(match[2]!, 16) : Number(match[1]))) return match;
  }
  return undefined;
}

/** The document's top-level elements, or the one diagnostic that says why it cannot be read. */
export function parseXml(path: string, text: string): { ok: true; elements: Element[] } | { ok: false; diagnostic: Diagnostic } {
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { ok: false, diagnostic: notWellFormed(path, text, valid.err) };
  const entity = FOREIGN_ENTITY.exec(text);
  if (entity) {
    return { ok: false, diagnostic: error(path, lineAtOffset(text, entity.index), `"&${entity[1]};" is an entity this reader does not expand (arXiv sends only &amp; &lt; &gt; &quot; &apos; and numeric ones such as &#233;); write the character itself`) };
  }
  const reference = illegalReference(text);
  if (reference) {
    return { ok: false, diagnostic: error(path, lineAtOffset(text, reference.index), `"${reference[0]}" refers to no character XML allows (XML allows none past U+10FFFF, no surrogate and no control but tab and line breaks), so this is not well-formed XML; is this file as arXiv sent it?`) };
  }
  try {
    const nodes = parser.parse(text) as unknown[];
    return { ok: true, elements: nodes.map(toElement).filter((node): node is Element => typeof node !== 'string') };
  } catch (e) {
    return { ok: false, diagnostic: unreadable(path, text, (e as Error).message) };
  }
}

/** The validator reports elements left open at line 1; they are open where the file ends. */
function notWellFormed(path: string, text: string, err: { msg: string; line: number }): Diagnostic {
  const open = /^Invalid '\[(.*)\]' found\.$/.exec(err.msg);
  if (!open) return error(path, err.line, `this is not well-formed XML: ${err.msg}`);
  const names = [...open[1]!.matchAll(/"([^"]+)"/g)].map((m) => `<${m[1]}>`);
  return error(path, lineAtOffset(text, text.trimEnd().length), `this is not well-formed XML: the file ends with ${names.join(', ')} still open; a download cut short? fetch it again`);
}

/** The parser's own errors name no line: the line of what they are about is found in the text. */
function unreadable(path: string, text: string, message: string): Diagnostic {
  const lineOf = (needle: string) => {
    const at = text.indexOf(needle);
    return at < 0 ? 0 : lineAtOffset(text, at);
  };
  const name = /Invalid name: "([^"]+)"/.exec(message)?.[1];
  if (name) return error(path, lineOf(`<${name}`), `element <${name}> has a name the XML reader refuses, as it could alter the reader's own objects; arXiv's responses have no such element`);
  if (/entit/i.test(message)) return error(path, lineOf('<!DOCTYPE'), `its DOCTYPE declares an entity this reader does not read (${message.replace(/\.$/, '').toLowerCase()}); arXiv's responses have no DOCTYPE`);
  if (/nested/i.test(message)) return error(path, 0, `elements are nested more than ${MAX_DEPTH} deep, which no arXiv response is; is this file one as returned?`);
  if (/^Pi Tag is not closed/.test(message)) return error(path, lineAtOffset(text, unclosedInstruction(text)), 'this processing instruction (<?…?>) is not closed: a quote in it is left open, or its ?> is missing');
  return error(path, 0, `this XML cannot be read: ${message}`);
}

/**
 * Where the `<?…?>` the parser could not close starts: the first whose text up to its `?>` opens
 * a quote it does not close (the parser reads `?>` inside quotes as text), or that has no `?>`.
 */
function unclosedInstruction(text: string): number {
  for (let at = text.indexOf('<?'); at >= 0; at = text.indexOf('<?', at + 2)) {
    const end = text.indexOf('?>', at + 2);
    if (end < 0 || (text.slice(at, end).match(/"/g)?.length ?? 0) % 2 === 1) return at;
  }
  return text.indexOf('<?');
}

/** The parser's ordered form (`{ name: children, ':@': attributes }`, text as `{ '#text': … }`) as an Element. */
function toElement(node: unknown): Element | string {
  const object = node as Record<string, unknown>;
  if ('#text' in object) return String(object['#text']);
  const name = Object.keys(object).find((key) => key !== ':@')!;
  const offset = (node as Record<symbol, XMLMetaData | undefined>)[META]?.startIndex ?? 0;
  return { name, attributes: (object[':@'] as Record<string, unknown> | undefined) ?? {}, children: (object[name] as unknown[]).map(toElement), offset };
}

export function childrenNamed(element: Element, name: string): Element[] {
  return element.children.filter((child): child is Element => typeof child !== 'string' && child.name === name);
}

/** The text of an element's first child so named, its whitespace collapsed; '' when there is none. */
export function childText(element: Element | undefined, name: string): string {
  return element ? collapse(textOf(childrenNamed(element, name)[0])) : '';
}

/** All the text inside an element, inline elements' included; '' when it is absent. */
export function textOf(element: Element | undefined): string {
  return element ? element.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('') : '';
}

export function attr(element: Element | undefined, name: string): string | null {
  const value = element?.attributes[name];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** arXiv wraps and indents titles and abstracts; the line breaks carry no meaning. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
