import type * as v from 'valibot';

/** What defineEndpoint reads of a valibot schema: its type, and for objects and arrays what is inside. */
interface SchemaParts {
  readonly type?: unknown;
  readonly entries?: Readonly<Record<string, unknown>>;
  readonly item?: unknown;
  readonly wrapped?: unknown;
}

// Wrappers that leave the inner schema's shape: an optional field is still a list of objects.
const wrappers = new Set(['optional', 'exact_optional', 'undefinedable', 'nullable', 'nullish', 'non_optional', 'non_nullable', 'non_nullish']);

/** `schema` without its optional / nullable wrappers (pipes keep their schema's own parts). */
function unwrapped(schema: unknown): SchemaParts | undefined {
  let parts = schema as SchemaParts | undefined;
  while (typeof parts === 'object' && parts !== null && wrappers.has(String(parts.type)) && parts.wrapped !== undefined) parts = parts.wrapped as SchemaParts;
  return typeof parts === 'object' && parts !== null ? parts : undefined;
}

/** The entries of an object schema (object, loose, strict, with rest; piped or wrapped), or undefined. */
export function objectEntries(schema: unknown): Readonly<Record<string, v.GenericSchema>> | undefined {
  const entries = unwrapped(schema)?.entries;
  return typeof entries === 'object' && entries !== null ? (entries as Readonly<Record<string, v.GenericSchema>>) : undefined;
}

/** The item schema of an array schema (piped or wrapped), or undefined for anything else. */
export function arrayItem(schema: unknown): unknown {
  const parts = unwrapped(schema);
  return parts?.type === 'array' ? parts.item : undefined;
}
