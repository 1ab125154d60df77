import { dump } from 'js-yaml';

/**
 * js-yaml's `dump` as the paper files use it: block style, every string double-quoted on one
 * line, no anchors. The same bytes, written faster for what a paper holds: js-yaml looks at each
 * character of each string twice, in JavaScript, to choose a style and escape it, and that was
 * a quarter of re-ingesting 10,000 papers (1.6-1.9 s of dump against 0.1 s for JSON.stringify
 * of the same objects, measured on a loaded machine). Here a string that needs no escape (the
 * whole of almost every paper) is written as it is, and a value this writer is not sure to
 * write as js-yaml would (an escape, an odd key or number, a value of another kind) hands the
 * whole value to js-yaml. `tests/unit/yaml-dump.test.ts` holds the two to the same bytes.
 */

const OPTIONS = { forceQuotes: true, quotingType: '"', lineWidth: -1, noRefs: true } as const;

export function dumpQuoted(value: unknown): string {
  const written = block(value, 0);
  return written === undefined ? dump(value, OPTIONS) : `${written.replace(/^\n/, '')}\n`;
}

/** Characters js-yaml writes as they are between double quotes: printable, not `"` or `\`, not a line or a paragraph separator, a no-break space or a byte-order mark. */
const PLAIN_QUOTED = /^[\x20\x21\x23-\x5B\x5D-\x7E\xA1-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

/** A key js-yaml writes bare: a word or words joined by `-`, which no YAML type reads as other than text. */
const PLAIN_KEY = /^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$/;
/** Of those, the ones js-yaml quotes: YAML's null and booleans, and YAML 1.1's booleans. */
const QUOTED_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF']);

/** A scalar as js-yaml writes it, or undefined where this writer is not sure. */
function scalar(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return PLAIN_QUOTED.test(value) ? `"${value}"` : undefined;
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
      if (!PLAIN_KEY.test(key) || QUOTED_KEYS.has(key)) return undefined;
      const written = block(item, level + 1);
      if (written === undefined) return undefined;
      out += `${indent}${key}:${written.startsWith('\n') ? '' : ' '}${written}`;
      empty = false;
    }
    return empty ? '{}' : out;
  }
  return scalar(value);
}
