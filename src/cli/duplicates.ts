/**
 * `5 ids, 2 duplicates` when the ids given repeat accounts, else undefined: the SDK answers each
 * account once, and an operator should hear that some were collapsed rather than lose them silently.
 */
export function duplicatesNote(ids: readonly string[]): string | undefined {
  const duplicates = ids.length - new Set(ids).size;
  if (duplicates === 0) return undefined;
  return `${ids.length} ids, ${duplicates} duplicate${duplicates === 1 ? '' : 's'}`;
}
