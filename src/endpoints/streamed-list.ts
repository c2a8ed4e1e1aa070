import * as v from 'valibot';
import { TimValidationError } from '../errors/tim-validation-error.js';
import { parseOrThrow } from '../util/validate.js';
import { passesQuickly } from './quick-check.js';
import { batchShape } from './batch.js';
import type { AnyEndpoint, EndpointRequest } from './define-endpoint.js';
import { arrayItem, objectEntries } from './schema-shape.js';
import { entryReader, withRunReader, type EntryReader } from './entry-reader.js';

/**
 * Whether a batch list is streamed: an `AsyncIterable` of ids (or entries) that `tim.stream`
 * reads chunk by chunk, instead of an array. A plugin that reads the list must expect one (see
 * {@link requestedAccounts}, which gives no accounts for it).
 *
 * @param list - the value of the body's batch list, `ctx.body[batchShape(ctx.endpoint).list]`.
 * @returns true for an `AsyncIterable` that is not an array.
 *
 * @example
 * ```ts
 * async function* ids() {
 *   yield 'bob';
 *   yield 'carol';
 * }
 * isStreamedList(ids()); // true
 * isStreamedList(['bob', 'carol']); // false
 * ```
 */
export function isStreamedList(list: unknown): list is AsyncIterable<unknown> {
  try {
    return typeof list === 'object' && list !== null && !Array.isArray(list) && typeof (list as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function';
  } catch {
    return false; // a Proxy that throws: the schema's refusal says what is wrong
  }
}

/** What validating a streamed body needs of its endpoint, built once per endpoint. */
interface StreamedSchemas {
  /** The request schema without the list, for the rest of the body. */
  readonly rest: v.GenericSchema;
  /** The schema of one entry of the list. */
  readonly entry: v.GenericSchema;
}

const schemasByEndpoint = new WeakMap<AnyEndpoint, StreamedSchemas | undefined>();

function streamedSchemas(endpoint: AnyEndpoint, list: string): StreamedSchemas | undefined {
  if (schemasByEndpoint.has(endpoint)) return schemasByEndpoint.get(endpoint);
  const entries = objectEntries(endpoint.request);
  const listSchema = entries?.[list];
  const entry = arrayItem(listSchema) as v.GenericSchema | undefined;
  let schemas: StreamedSchemas | undefined;
  if (entries !== undefined && entry !== undefined) {
    const { [list]: _list, ...rest } = entries;
    schemas = { rest: v.looseObject(rest), entry };
  }
  schemasByEndpoint.set(endpoint, schemas);
  return schemas;
}

/** Throws {@link TimValidationError} unless `value`, entry `index` of the list `field`, passes `entry`. */
function checkedEntry(entry: v.GenericSchema, value: unknown, index: number, field: string, subject: string, endpoint: string): unknown {
  const result = v.safeParse(entry, value);
  if (result.success) return result.output;
  const issues = result.issues.map((issue) => {
    const inner = v.getDotPath(issue);
    return { path: `${field}[${index}]${inner === null ? '' : `.${inner}`}`, reason: issue.message };
  });
  throw new TimValidationError(subject, issues, endpoint);
}

/**
 * The entries of a streamed list, checked as they are read, a run at a time (a chunk's worth, as
 * the reader asks): by the endpoint's quick check (with the rest of the body), else, or to say
 * what is wrong, each by the entry schema. A bad entry throws before its run is handed on. Runs
 * go to `entryReader` whole; iterated, the list yields its entries one by one.
 */
function checkedEntries(list: AsyncIterable<unknown>, body: Readonly<Record<string, unknown>>, endpoint: AnyEndpoint, entry: v.GenericSchema, field: string): AsyncIterable<unknown> {
  const subject = `${endpoint.name} request`;
  const quick = endpoint.quickCheck?.request;
  const reader = (): EntryReader => {
    const source = entryReader(list);
    let first = 0; // the index of the run's first entry
    return {
      async read(max) {
        const values = await source.read(max);
        const checked = passesQuickly(quick, { ...body, [field]: values }) ? values : values.map((value, i) => checkedEntry(entry, value, first + i, field, subject, endpoint.name));
        first += values.length;
        return checked;
      },
      close: () => source.close(),
    };
  };
  const checked: AsyncIterable<unknown> = {
    async *[Symbol.asyncIterator]() {
      const own = reader();
      try {
        for (let run = await own.read(1000); run.length > 0; run = await own.read(1000)) yield* run;
      } finally {
        await own.close();
      }
    },
  };
  return withRunReader(checked, reader);
}

/**
 * A body whose batch list is streamed, validated: the rest of the body at once, and each entry
 * of the list as it is read (a bad one stops the stream with {@link TimValidationError} naming
 * its index, before its chunk is sent). Throws at once when the endpoint has no list of
 * entries that could stream, or sends its list whole (group_add's friends go in one request:
 * they must be an array).
 */
export function validatedStreamedBody(endpoint: AnyEndpoint, body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const shape = batchShape(endpoint);
  const subject = `${endpoint.name} request`;
  const schemas = shape === undefined ? undefined : streamedSchemas(endpoint, shape.list);
  if (shape === undefined || schemas === undefined || shape.whole) {
    const where = shape === undefined ? '' : shape.list;
    const reason = shape === undefined ? `${endpoint.name} has no batch list to stream` : `${endpoint.name} sends ${shape.list} in one request: it must be an array`;
    throw new TimValidationError(subject, [{ path: where, reason }], endpoint.name);
  }
  const { [shape.list]: list, ...rest } = body;
  const checkedRest = parseOrThrow(schemas.rest, rest, subject, endpoint.name) as Record<string, unknown>;
  return { ...checkedRest, [shape.list]: checkedEntries(list as AsyncIterable<unknown>, checkedRest, endpoint, schemas.entry, shape.list) };
}

/**
 * The body `tim.stream` takes: the endpoint's request, whose lists may also be `AsyncIterable`s
 * of their entries (only the batch list is read so; any other must stay an array).
 *
 * @typeParam E - the endpoint, usually `typeof someEndpoint`.
 *
 * @example
 * ```ts
 * async function* everyone() {
 *   for (let i = 0; i < 1_000_000; i++) yield `user${i}`;
 * }
 * const body: StreamRequest<typeof friendCheck> = { From_Account: 'alice', To_Account: everyone(), CheckType: 'CheckResult_Type_Both' };
 * for await (const part of tim.stream(friendCheck, body)) console.log(part.InfoItem.length);
 * ```
 */
export type StreamRequest<E extends AnyEndpoint> = {
  [K in keyof EndpointRequest<E>]: EndpointRequest<E>[K] extends readonly (infer Entry)[] | undefined ? EndpointRequest<E>[K] | AsyncIterable<Entry> : EndpointRequest<E>[K];
};

/** Lists longer than this are validated in slices, with pauses between them. */
export const longList = 10_000;

/**
 * A body whose batch list is a long array (over {@link longList} entries), validated in slices
 * with `pause` between them, so that a million ids do not hold the event loop: by the
 * endpoint's quick check slice by slice when it has one, else (or when a slice fails it, to say
 * why) the rest of the body and each entry by their schemas. Undefined when the endpoint's list
 * cannot be checked entry by entry (the whole schema decides then).
 */
export async function validatedLongList(endpoint: AnyEndpoint, body: Readonly<Record<string, unknown>>, pause: () => Promise<void>): Promise<Record<string, unknown> | undefined> {
  const shape = batchShape(endpoint);
  const schemas = shape === undefined ? undefined : streamedSchemas(endpoint, shape.list);
  if (shape === undefined || schemas === undefined || shape.whole) return undefined;
  const entries = body[shape.list] as readonly unknown[];
  const quick = endpoint.quickCheck?.request;
  if (quick !== undefined) {
    let passed = true;
    for (let start = 0; passed && start < entries.length; start += longList) {
      passed = passesQuickly(quick, { ...body, [shape.list]: entries.slice(start, start + longList) });
      await pause();
    }
    if (passed) return { ...body };
  }
  const subject = `${endpoint.name} request`;
  const { [shape.list]: _list, ...rest } = body;
  const checkedRest = parseOrThrow(schemas.rest, rest, subject, endpoint.name) as Record<string, unknown>;
  const checked: unknown[] = [];
  for (let start = 0; start < entries.length; start += longList) {
    for (let index = start; index < Math.min(entries.length, start + longList); index++) checked.push(checkedEntry(schemas.entry, entries[index], index, shape.list, subject, endpoint.name));
    await pause();
  }
  return { ...checkedRest, [shape.list]: checked };
}
