/** Helpers shared by the JSON formats: safe field access and where an item sits in the file. */

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A non-blank string field, or null. */
export function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value : null;
}

/**
 * Finds each item's line by its `id` value, in file order: JSON.parse keeps no positions,
 * and an item is known by its id in messages anyway.
 */
export function itemLocator(text: string): (id: unknown) => number {
  let cursor = 0;
  return (id) => {
    if (id === undefined || id === null) return 0;
    const at = text.indexOf(JSON.stringify(id), cursor);
    if (at < 0) return 0;
    cursor = at + 1;
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
    return line;
  };
}

/**
 * 1-based line where each element of the top-level array in `text` starts, for an item whose
 * shape is wrong and so has no id to find it by. `text` is known to be valid JSON: only
 * strings, nesting and commas need following.
 */
export function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let next = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (next && c !== ']') lines.push(line);
    next = false;
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') next = ++depth === 1 && c === '[';
    else if (c === ']' || c === '}') depth--;
    else if (c === ',') next = depth === 1;
  }
  return lines;
}
