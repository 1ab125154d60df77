/**
 * `table[key]` when the key is the table's own, never a property every object inherits: keys
 * looked up in the readers' tables come from untrusted files, and an item type or a `@type`
 * of "constructor" or "__proto__" would otherwise find a function.
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
