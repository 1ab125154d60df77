import { dump, load } from 'js-yaml';

/**
 * The YAML of paper files, as js-yaml writes and reads it with the options they use: block
 * style, every string double-quoted on one line, no anchors. The same bytes and the same values,
 * made faster for what a paper holds, since the ingest writes (or compares) and reads every
 * paper file on every run:
 * - js-yaml's `dump` looks at each character of each string twice, in JavaScript, to choose a
 *   style and escape it: 1.6-1.9 s for 10,000 papers, against 0.1 s for JSON.stringify of the
 *   same objects (measured on a loaded machine);
 * - its `load` read those 10,000 frontmatters in 0.67-0.73 s of the ingest's 10 (quiet machine).
 * Here a string that needs no escape (the whole of almost every paper) is written and read as
 * it is, and anything this module is not sure to write or read as js-yaml would (an escape, an
 * odd key or number, a comment or a blank line among the keys, a value of another kind) is left
 * to js-yaml whole. `tests/unit/frontmatter-yaml.test.ts` holds the two to the same bytes and values.
 */

const OPTIONS = { forceQuotes: true, quotingType: '"', lineWidth: -1, noRefs: true } as const;

/** The YAML of a value, as js-yaml's `dump` writes it with the paper files' options. */
export function dumpQuoted(value: unknown): string {
  const written = block(value, 0);
  return written === undefined ? dump(value, OPTIONS) : `${written.replace(/^\n/, '')}\n`;
}

/**
 * The characters js-yaml writes between double quotes as they are: printable, and not `"`, `\`,
 * a line or a paragraph separator, a no-break space or a byte-order mark. Of those it escapes,
 * `"` and `\` are written (`\"`, `\\`) and read here too; any other is left to js-yaml.
 */
const AS_IS = '\\x20\\x21\\x23-\\x5B\\x5D-\\x7E\\xA1-\\u2027\\u202A-\\uD7FF\\uE000-\\uFEFE\\uFF00-\\uFFFD\\u{10000}-\\u{10FFFF}';
/** A string written between quotes here. */
const QUOTABLE = new RegExp(`^[${AS_IS}"\\\\]*$`, 'u');
/** The text between the quotes of such a string, as written: with no escape, and with some. */
const PLAIN_QUOTED = new RegExp(`^[${AS_IS}]*$`, 'u');
const QUOTED = new RegExp(`^(?:[${AS_IS}]|\\\\["\\\\])*$`, 'u');

/** A comment line read here: of printable characters and tabs (no carriage return). */
const COMMENT = new RegExp(`^#[\\t${AS_IS}"\\\\]*$`, 'u');

/** A key js-yaml writes bare: a word or words joined by `-`, which no YAML type reads as other than text. */
const PLAIN_KEY = /^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$/;
/** Of those, the ones js-yaml quotes: YAML's null and booleans, and YAML 1.1's booleans. */
const QUOTED_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF']);

/** A scalar as js-yaml writes it, or undefined where this writer is not sure. */
function scalar(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return QUOTABLE.test(value) ? `"${value.replace(/["\\]/g, '\\$&')}"` : undefined;
  if (typeof value === 'number') {
    const text = String(value);
    // Integers as they are; other numbers only in plain decimals (js-yaml rewrites `1e-7`, `-0` and `NaN`).
    return !Object.is(value, -0) && (Number.isSafeInteger(value) || (Number.isFinite(value) && !text.includes('e'))) ? text : undefined;
  }
  return undefined;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => Object.prototype.toString.call(value) === '[object Object]';

/**
 * `value` at `level`, as js-yaml writes a mapping's value or a sequence's item there: a block
 * collection starts with its line break, anything else is one line. Undefined where not sure.
 */
function block(value: unknown, level: number): string | undefined {
  const indent = `\n${'  '.repeat(level)}`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    let out = '';
    for (const item of value) {
      // A sequence in a sequence is js-yaml's to write.
      const written = Array.isArray(item) ? undefined : block(item, level + 1);
      if (written === undefined) return undefined;
      // A mapping's first key goes on the dash's line, without the line break and indent the others have.
      out += `${indent}- ${written.startsWith('\n') ? written.slice(indent.length + 2) : written}`;
    }
    return out;
  }
  if (isPlainObject(value)) {
    let out = '';
    let empty = true;
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (item === undefined) continue;
      // js-yaml writes a key over 1,024 characters as an explicit `? key`.
      if (!PLAIN_KEY.test(key) || QUOTED_KEYS.has(key) || key.length > 1024) return undefined;
      const written = block(item, level + 1);
      if (written === undefined) return undefined;
      out += `${indent}${key}:${written.startsWith('\n') ? '' : ' '}${written}`;
      empty = false;
    }
    return empty ? '{}' : out;
  }
  return scalar(value);
}

/**
 * The value of YAML text, as js-yaml's `load` reads it (and throws, naming a line, where the
 * text is not YAML). Lines are read here while they are as `dumpQuoted` writes them; at the
 * first that is not, js-yaml reads the whole text.
 */
export function loadQuoted(text: string): unknown {
  const read = readQuoted(text);
  return read === undefined ? load(text) : read.value;
}

/** The value of YAML text whose every line is as `dumpQuoted` writes it, or undefined. */
export function readQuoted(text: string): { value: unknown } | undefined {
  const lines = text.split('\n');
  let at = 0;
  // Comments only at the top, as the paper files' header; js-yaml's own last empty line. A
  // comment with a carriage return (which ends it for js-yaml) or a character js-yaml refuses is its to read.
  while (at < lines.length && lines[at]!.startsWith('#')) if (!COMMENT.test(lines[at++]!)) return undefined;
  const end = lines.at(-1) === '' ? lines.length - 1 : lines.length;
  if (at >= end) return undefined;

  /** The key of a line's text from `from` (`key: …` or `key:`), or undefined. */
  const keyOf = (line: string, from: number): string | undefined => {
    const colon = line.indexOf(':', from);
    if (colon < 0 || (colon + 1 < line.length && line.charCodeAt(colon + 1) !== 32)) return undefined;
    const key = line.slice(from, colon);
    return PLAIN_KEY.test(key) && !QUOTED_KEYS.has(key) ? key : undefined;
  };

  /** The mapping whose keys are `indent` spaces in, from line `at`, whose first key may follow a sequence's dash at `first`. */
  const mapping = (indent: number, first: number): Read => {
    const map: Record<string, unknown> = {};
    let from = first;
    for (;;) {
      const line = lines[at]!;
      const key = keyOf(line, from);
      // A key read twice is js-yaml's error to give.
      if (key === undefined || Object.hasOwn(map, key)) return UNSURE;
      const rest = from + key.length + 1;
      at++;
      let value: Read;
      if (rest === line.length) {
        // A collection below its key, two spaces in.
        if (at >= end || indentOf(lines[at]!) !== indent + 2) return UNSURE;
        value = collection(indent + 2);
      } else value = scalarOf(line.slice(rest + 1));
      if (value === UNSURE) return UNSURE;
      map[key] = value;
      if (at >= end || indentOf(lines[at]!) !== indent || isItem(lines[at]!, indent)) return map;
      from = indent;
    }
  };

  const sequence = (indent: number): Read => {
    const list: unknown[] = [];
    while (at < end && indentOf(lines[at]!) === indent && isItem(lines[at]!, indent)) {
      const line = lines[at]!;
      // A mapping starts on the dash's line; a scalar is the line.
      let value: Read;
      if (keyOf(line, indent + 2) !== undefined) value = mapping(indent + 2, indent + 2);
      else {
        value = scalarOf(line.slice(indent + 2));
        at++;
      }
      if (value === UNSURE) return UNSURE;
      list.push(value);
    }
    return list;
  };

  /** The mapping or sequence whose lines start `indent` spaces in, from line `at`. */
  const collection = (indent: number): Read => (isItem(lines[at]!, indent) ? sequence(indent) : mapping(indent, indent));

  if (indentOf(lines[at]!) !== 0) return undefined;
  const value = collection(0);
  return value === UNSURE || at !== end ? undefined : { value };
}

/** Not sure: js-yaml is to read the text. */
const UNSURE = Symbol('unsure');
/** A value read, or UNSURE (for the reader, which says which it returns). */
type Read = unknown;

/** How many spaces a line starts with. */
function indentOf(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  return n;
}

/** Whether a line is a sequence's item (`- `) at `indent`. */
const isItem = (line: string, indent: number): boolean => line.charCodeAt(indent) === 45 && line.charCodeAt(indent + 1) === 32;

/** A scalar as `dumpQuoted` writes one (or an empty collection), or UNSURE. */
function scalarOf(text: string): Read {
  if (text.charCodeAt(0) === 34) {
    if (text.length < 2 || text.charCodeAt(text.length - 1) !== 34) return UNSURE;
    const inner = text.slice(1, -1);
    if (!inner.includes('\\')) return PLAIN_QUOTED.test(inner) ? inner : UNSURE;
    return QUOTED.test(inner) ? inner.replace(/\\(["\\])/g, '$1') : UNSURE;
  }
  if (text === 'null') return null;
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === '[]') return [];
  if (text === '{}') return {};
  if (/^-?(?:0|[1-9]\d*)(?:\.\d+)?$/.test(text)) {
    const number = Number(text);
    return !Object.is(number, -0) && (Number.isSafeInteger(number) || !Number.isInteger(number)) ? number : UNSURE;
  }
  return UNSURE;
}
