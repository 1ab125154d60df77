/** Helpers shared by the JSON formats: safe field access and where an item sits in the file. */

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A non-blank string field, or null. */
export function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value : null;
}

/** The `name`s of a list of people objects (`authors: [{ name }]`, as both paper APIs send them), blank ones left out. */
export function namesOf(list: unknown): string[] {
  return (Array.isArray(list) ? list : []).map((person) => (isObject(person) ? str(person.name)?.trim() : null)).filter((name): name is string => Boolean(name));
}

/** The characters the scan below looks for, as the codes it compares (a code is cheaper than a one-character string). */
const [NEWLINE, RETURN, TAB, SPACE, QUOTE, COMMA, BACKSLASH] = [10, 13, 9, 32, 34, 44, 92] as const;
const [OPEN_ARRAY, CLOSE_ARRAY, OPEN_OBJECT, CLOSE_OBJECT] = [91, 93, 123, 125] as const;

/**
 * 1-based line where each item of `text` starts (its `{`, or whatever value it is): the elements
 * of a top-level array, or a top-level object as the one item; or, given the offset of a nested
 * array's `[`, that array's elements. JSON.parse keeps no positions, and an item's id is no way
 * to find it (a numeric id is also a number in some title, and two items may share one). One
 * pass: `text` is known to be valid JSON, so only strings, nesting and commas need following,
 * and a string holds no raw line break.
 */
export function elementLines(text: string, start = 0): number[] {
  const lines: number[] = [];
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < start; i = text.indexOf('\n', i + 1)) line++;
  let depth = 0;
  let next = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) line++;
    if (c === NEWLINE || c === SPACE || c === TAB || c === RETURN) continue;
    if (next && c !== CLOSE_ARRAY) lines.push(line);
    next = false;
    if (c === QUOTE) i = stringEnd(text, i);
    else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (depth === 0 && c === OPEN_OBJECT) lines.push(line);
      next = ++depth === 1 && c === OPEN_ARRAY;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      if (--depth === 0 && start > 0) break;
    } else if (c === COMMA) next = depth === 1;
  }
  return lines;
}

/**
 * Lines of the elements of the array under the top-level `key` (a page's `data`, a collection's
 * `items`), or none when there is no such array. Found by the same walk as `elementLines`: a
 * key of that name inside a nested object, or the text of a string, is not it. `depth` 2 looks
 * one object down (Crossref's `message.items`).
 */
export function keyedElementLines(text: string, key: string, depth = 1): number[] {
  const name = JSON.stringify(key);
  const arrayAfter = /\s*:\s*\[/y;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      arrayAfter.lastIndex = end + 1;
      if (at === depth && text.slice(i, end + 1) === name && arrayAfter.test(text)) return elementLines(text, arrayAfter.lastIndex - 1);
      i = end;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) at++;
    else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) at--;
  }
  return [];
}

/** Index of the quote that closes the string opened at `open`: the next one not escaped by an odd run of backslashes. */
function stringEnd(text: string, open: number): number {
  let at = text.indexOf('"', open + 1);
  while (at !== -1 && escaped(text, at)) at = text.indexOf('"', at + 1);
  // Never reached with valid JSON; an unclosed string ends the scan rather than restarting it.
  return at === -1 ? text.length : at;
}

function escaped(text: string, at: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes++;
  return backslashes % 2 === 1;
}
