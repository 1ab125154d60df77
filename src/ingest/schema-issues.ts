/**
 * Schema errors in the words of the file a person edits. Zod names a place by its path from
 * the top (`14.threshold`), counting list entries from zero; the diagnostic already gives the
 * line, so the message names only the key, says "missing" for a key left out, and pairs a
 * misspelt key with the missing one it was meant to be, or else with the nearest key the
 * schema knows there (an optional one, such as curation's `hidden`).
 */
import type { z } from 'astro/zod';
import { closest } from '../lib/spelling.ts';

export interface SchemaProblem {
  /** Where the problem is, for finding its line: for a misspelt key, the key itself. */
  at: PropertyKey[];
  message: string;
}

export function schemaProblems(issues: readonly z.core.$ZodIssue[], schema?: z.core.$ZodType): SchemaProblem[] {
  const missing = issues.filter((i) => i.code === 'invalid_type' && i.message.endsWith('received undefined'));
  const explained = new Set<z.core.$ZodIssue>();
  const problems: SchemaProblem[] = [];
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    for (const key of issue.keys) {
      // The key meant is a required one left out beside it, a typo away (by the rule search's spelling uses).
      const candidates = missing.filter((m) => !explained.has(m) && sameParent(m.path, issue.path));
      const [name] = closest(key, candidates.map((m) => String(m.path.at(-1))));
      const meant = candidates.find((m) => String(m.path.at(-1)) === name);
      if (meant) explained.add(meant);
      const [known] = meant || !schema ? [] : closest(key, keysAt(schema, issue.path));
      const hint = meant ? `; did you mean "${name}"?` : known ? `; did you mean "${known}"?` : '';
      problems.push({ at: [...issue.path, key], message: `unknown key "${key}"${hint}` });
    }
  }
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys' || explained.has(issue)) continue;
    const key = issue.path.findLast((step) => typeof step === 'string');
    const named = key === undefined ? '' : `"${String(key)}"`;
    const message = issue.code === 'invalid_type' && missing.includes(issue) ? `${named || 'a value'} is missing (${issue.expected} expected)` : `${named ? `${named}: ` : ''}${issue.message}`;
    problems.push({ at: issue.path, message });
  }
  return problems;
}

function sameParent(path: readonly PropertyKey[], parent: readonly PropertyKey[]): boolean {
  return path.length === parent.length + 1 && parent.every((step, i) => step === path[i]);
}

/** The keys the schema allows for an object at `path`; none where it holds no object. */
function keysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  let node: z.core.$ZodType | undefined = schema;
  for (let i = 0; node; i++) {
    const def = node._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
    // Wrappers (optional, default, nullable, a pipe's input) hold the schema that names the keys.
    if (def.innerType || def.type === 'pipe') {
      node = (def.innerType ?? def.in) as z.core.$ZodType;
      i--;
      continue;
    }
    const shape = def.type === 'object' ? (def.shape as Record<string, z.core.$ZodType>) : undefined;
    if (i === path.length) return shape ? Object.keys(shape) : [];
    const step = path[i]!;
    node = shape ? shape[String(step)] : def.type === 'array' ? (def.element as z.core.$ZodType) : def.type === 'record' ? (def.valueType as z.core.$ZodType) : undefined;
  }
  return [];
}
