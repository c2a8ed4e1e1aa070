import * as v from 'valibot';
import type { AnyEndpoint } from '../endpoints/define-endpoint.js';
import { arrayItem, objectEntries } from '../endpoints/schema-shape.js';
import { UsageError } from './usage-error.js';
import { parseWholeNumber } from './whole-number.js';
import { isStreamedList } from '../endpoints/streamed-list.js';

/** `items`, each mapped as it is read. */
async function* mapStream<T, U>(items: AsyncIterable<T>, map: (item: T) => U): AsyncGenerator<U> {
  for await (const item of items) yield map(item);
}

/**
 * A request field the command line fills: its flag, how the flag's text becomes the field's value,
 * and how help shows it.
 */
export interface FieldFlag {
  /** The request field, for example `AddType`. */
  readonly field: string;
  /** The flag without its dashes, for example `add-type`. */
  readonly flag: string;
  /** What help shows after the flag: `single|both`, `TEXT`, `N`, `T1,T2`, `JSON`. */
  readonly value: string;
  /** Without the flag (and without a `fallback`), the command says it is missing. */
  readonly required: boolean;
  /** The field's value when the flag is not given: its schema's `flagDefault`. */
  readonly fallback: unknown;
  /** Help's words after the field name: `Add_Type_Single or Add_Type_Both`. */
  readonly meaning: string;
  /** The field's value from the flag's text; a usage error names the flag. */
  readonly parse: (text: string) => unknown;
}

/** `friendGetList` → `friend-get-list`, `AddSource` → `add-source`: the command line's spelling of a name. */
export function kebabCase(name: string): string {
  return name
    .split('_')
    .flatMap((word) => word.split(/(?<=[a-z0-9])(?=[A-Z])/))
    .filter((word) => word !== '')
    .join('-')
    .toLowerCase();
}

// A request's From_Account is --from, as every command had it before flags were derived.
const from = { field: 'From_Account', flag: 'from', value: 'A' } as const;

// Wrappers that make a field optional; its flag may then be left out.
const optionalTypes = new Set(['optional', 'exact_optional', 'undefinedable', 'nullish']);

/** What the flags read of a valibot schema (piped schemas keep their root's parts). */
interface SchemaParts {
  readonly type?: unknown;
  readonly wrapped?: unknown;
  readonly options?: unknown;
}

/** The naming data a field's schema may carry: `v.metadata({ flag, flagDefault })`. */
interface FlagMetadata {
  readonly flag?: unknown;
  readonly flagDefault?: unknown;
}

/** Whether a schema is a list of strings (piped or wrapped): a comma list on the command line. */
export const isStringList = (schema: unknown): boolean => (arrayItem(schema) as SchemaParts | undefined)?.type === 'string';

/** `a, b or c`. */
const alternatives = (words: readonly string[]) => (words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1) ?? ''}`);

/**
 * A picklist's values on the command line: without their common prefix (cut after an `_`),
 * lower-cased (`CheckResult_Type_Both` → `both`). Throws when two would read the same.
 */
function shortForms(values: readonly (string | number)[], field: string): string[] {
  const texts = values.map(String);
  const first = texts[0] ?? '';
  let common = first.length;
  for (const text of texts) while (text.slice(0, common) !== first.slice(0, common)) common--;
  const prefix = first.slice(0, first.lastIndexOf('_', common - 1) + 1);
  const forms = texts.map((text) => text.slice(prefix.length).toLowerCase());
  if (forms.includes('') || new Set(forms).size !== forms.length) throw new Error(`${field}: its values ${texts.join(', ')} have no distinct short forms`);
  return forms;
}

/** How a picklist field's flag reads and shows its short forms, the default (if any) first. */
function picklistFlag(field: string, flag: string, values: readonly (string | number)[], fallback: unknown): Pick<FieldFlag, 'value' | 'meaning' | 'parse'> {
  const forms = shortForms(values, field);
  const byForm = new Map(forms.map((form, index) => [form, values[index]]));
  if (fallback !== undefined && !values.includes(fallback as string | number)) throw new Error(`${field}: flagDefault ${String(fallback)} is not one of its values`);
  // The default first: `--type both|single`.
  const order = [...forms.keys()].sort((a, b) => Number(values[b] === fallback) - Number(values[a] === fallback));
  const shown = order.map((index) => forms[index] ?? '');
  return {
    value: shown.join('|'),
    meaning: alternatives(order.map((index) => `${String(values[index])}${values[index] === fallback ? ' (the default)' : ''}`)),
    parse: (text) => {
      if (!byForm.has(text)) throw new UsageError(`--${flag} must be ${alternatives(shown)}`);
      return byForm.get(text);
    },
  };
}

/** The field names of an object schema, or of the objects a variant or union allows (friend_update's `SnsItem`). */
function fieldsOf(schema: unknown): string[] {
  const entries = objectEntries(schema);
  if (entries !== undefined) return Object.keys(entries);
  const { options } = (schema ?? {}) as SchemaParts;
  return Array.isArray(options) ? [...new Set(options.flatMap(fieldsOf))] : [];
}

/** `{ Tag, Value }`: what help shows of the JSON to give, or undefined when the schema has no object. */
function keysHint(schema: unknown): string | undefined {
  const fields = fieldsOf(schema);
  return fields.length === 0 ? undefined : `{ ${fields.join(', ')} }`;
}

/**
 * How a field of any other shape (an object, a list of objects …) is given: as JSON text, parsed
 * here; the SDK's validation of the request then checks its shape and names the field.
 */
function jsonFlag(flag: string, schema: unknown): Pick<FieldFlag, 'value' | 'meaning' | 'parse'> {
  const item = keysHint(arrayItem(schema));
  const shape = item !== undefined ? `a list of ${item}` : keysHint(schema);
  return {
    value: 'JSON',
    meaning: shape === undefined ? 'JSON text' : `JSON text, ${shape}`,
    parse: (text) => {
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        throw new UsageError(`--${flag} must be JSON text: ${(error as Error).message}`);
      }
    },
  };
}

/**
 * The flag of one request field, named by its `flag` metadata or else the kebab-case of its
 * name: a picklist by its short forms, a string as it is, a number, a comma list of strings, and
 * any other shape as JSON text.
 */
function fieldFlag(field: string, schema: unknown): FieldFlag {
  const outer = schema as SchemaParts & v.GenericSchema;
  const required = !optionalTypes.has(String(outer.type));
  const inner = (required ? outer : outer.wrapped) as SchemaParts & v.GenericSchema;
  const metadata: FlagMetadata = { ...v.getMetadata(inner), ...v.getMetadata(outer) };
  const flag = typeof metadata.flag === 'string' ? metadata.flag : field === from.field ? from.flag : kebabCase(field);
  const fallback = metadata.flagDefault;
  const base = { field, flag, required: required && fallback === undefined, fallback };
  if (inner.type === 'picklist' && Array.isArray(inner.options)) return { ...base, ...picklistFlag(field, flag, inner.options as (string | number)[], fallback) };
  if (inner.type === 'string') return { ...base, value: field === from.field ? from.value : 'TEXT', meaning: '', parse: (text) => text };
  if (inner.type === 'number') return { ...base, value: 'N', meaning: 'a whole number', parse: (text) => parseWholeNumber(text, `--${flag}`) };
  if (isStringList(inner)) {
    const initial = flag.charAt(0).toUpperCase();
    return { ...base, value: `${initial}1,${initial}2`, meaning: 'comma-separated', parse: (text) => text.split(',').filter((item) => item !== '') };
  }
  return { ...base, ...jsonFlag(flag, inner) };
}

/** The flags of an object schema's entries, but `skip`. */
function entryFlags(entries: Readonly<Record<string, unknown>> | undefined, skip: ReadonlySet<string>): FieldFlag[] {
  return Object.entries(entries ?? {}).flatMap(([field, schema]) => (skip.has(field) ? [] : [fieldFlag(field, schema)]));
}

/**
 * An endpoint's request on the command line: `--from` fills `From_Account`; a batch endpoint's
 * list comes from `--to` (ids, or for a list of objects one entry per id carrying the entry
 * flags' fields); every other field is a flag of its own, but those a paged walk owns (its
 * cursor and `set` fields).
 */
export interface RequestFlags {
  /** The flags of the request's own fields, in its schema's order. */
  readonly fields: readonly FieldFlag[];
  /** For a list of objects: the flags of each entry's fields, but its account. */
  readonly entry: readonly FieldFlag[];
  /** The field values the flags give, and their defaults; a missing required flag is a usage error. */
  readonly values: (given: (flag: string) => string | undefined) => RequestValues;
  /** The request body: the field values, and the list of `accounts` for a batch endpoint. */
  readonly body: (values: RequestValues, accounts: readonly string[] | AsyncIterable<string> | undefined) => Record<string, unknown>;
}

/** The values of a command line's field flags, for the request and for each list entry. */
export interface RequestValues {
  readonly fields: Readonly<Record<string, unknown>>;
  readonly entry: Readonly<Record<string, unknown>>;
}

/** The value of each flag given, or its default. */
function valuesOf(flags: readonly FieldFlag[], given: (flag: string) => string | undefined): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const flag of flags) {
    const text = given(flag.flag);
    // An empty value is no value: `--from ''` is as missing as no --from.
    if (text === undefined || (text === '' && flag.required)) {
      if (flag.required) throw new UsageError(`missing --${flag.flag}`);
      if (flag.fallback !== undefined) values[flag.field] = flag.fallback;
      continue;
    }
    values[flag.field] = flag.parse(text);
  }
  return values;
}

/**
 * The flags of `endpoint`'s request, derived from its schema. Throws when two fields would take
 * one flag, or a field one the command keeps for itself (`reserved`): a declaration to fix.
 */
export function requestFlags(endpoint: AnyEndpoint, reserved: ReadonlySet<string>): RequestFlags {
  const { batch, paged } = endpoint;
  const request = objectEntries(endpoint.request);
  const owned = new Set([...(batch === undefined ? [] : [batch.list]), ...(paged === undefined ? [] : [paged.cursor, ...Object.keys(paged.set ?? {})])]);
  const fields = entryFlags(request, owned);
  const entry = batch?.account === undefined ? [] : entryFlags(objectEntries(arrayItem(request?.[batch.list])), new Set([batch.account]));
  const taken = new Map<string, string>();
  for (const { flag, field } of [...fields, ...entry]) {
    const other = reserved.has(flag) ? 'the command' : taken.get(flag);
    if (other !== undefined) throw new Error(`${endpoint.name}: ${field} and ${other} both want --${flag}; name one with v.metadata({ flag })`);
    taken.set(flag, field);
  }
  return {
    fields,
    entry,
    values: (given) => ({ fields: valuesOf(fields, given), entry: valuesOf(entry, given) }),
    body: (values, accounts) => {
      if (batch === undefined || accounts === undefined) return { ...values.fields };
      const { account } = batch;
      if (account === undefined) return { ...values.fields, [batch.list]: accounts };
      const entry = (id: string) => ({ [account]: id, ...values.entry });
      return { ...values.fields, [batch.list]: isStreamedList(accounts) ? mapStream(accounts, entry) : accounts.map(entry) };
    },
  };
}
