import * as v from 'valibot';
import { TimValidationError, type ValidationIssue } from '../errors/tim-validation-error.js';

/**
 * Message for valibot object schemas: valibot reports a missing key with the object's own
 * message, so tell "not an object" and "key missing" apart by the issue path.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 *
 * const optionsSchema = v.object({ limit: v.number('must be a number') }, objectMessage);
 * ```
 */
export function objectMessage(issue: v.BaseIssue<unknown>): string {
  return issue.path === undefined ? 'must be an object' : 'is required';
}

/**
 * Whether `value` is a plain object: made by `{}` or `Object.create(null)`, not an array or a
 * class instance.
 *
 * @example
 * ```ts
 * isPlainObject({ requestId: 'r-1' }); // true
 * isPlainObject(new Map()); // false
 * ```
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A valibot schema for a function option, refusing anything else with `must be a function`.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 *
 * const schema = optionsObject({ now: v.optional(functionSchema<() => number>()) }, 'a clock option');
 * ```
 */
export const functionSchema = <T>() => v.custom<T>((f) => typeof f === 'function', 'must be a function');

/** A picklist whose message names every allowed value: `must be 'a' or 'b'`. */
export const choiceSchema = <const TOptions extends readonly string[]>(options: TOptions) =>
  v.picklist(options, `must be ${options.map((option) => `'${option}'`).join(' or ')}`);

/**
 * A valibot schema for an options object: a plain object (not an array, not a class instance)
 * whose own keys are all among `entries`. Unlike `v.objectWithRest(entries, v.never())` alone, it
 * refuses arrays and keys valibot passes over (`constructor`, `__proto__`, `prototype`).
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 *
 * const schema = optionsObject({ limit: v.optional(v.number('must be a number')) }, 'a quota option');
 * parseOrThrow(schema, { limt: 5 }, 'quota options'); // Invalid quota options: limt: is not a quota option
 * ```
 */
export function optionsObject<const TEntries extends v.ObjectEntries>(entries: TEntries, what: string) {
  return v.pipe(
    v.unknown(),
    v.rawCheck(({ dataset, addIssue }) => {
      const input = dataset.value;
      if (typeof input !== 'object' || input === null) return; // the object schema says so
      if (!isPlainObject(input)) {
        addIssue({ message: 'must be a plain object' });
        return;
      }
      for (const key of Object.keys(input)) {
        if (Object.hasOwn(entries, key)) continue;
        const value: unknown = (input as Record<string, unknown>)[key];
        addIssue({ message: `is not ${what}`, path: [{ type: 'object', origin: 'value', input: input as Record<string, unknown>, key, value }] });
      }
    }),
    v.objectWithRest(entries, v.never(`is not ${what}`), objectMessage),
  );
}

/** `To_Account[3].Tag` from valibot's path items. */
function formatPath(issue: v.BaseIssue<unknown>): string {
  let path = '';
  for (const item of issue.path ?? []) {
    const key: unknown = item.key;
    if (typeof key === 'number') path += `[${key}]`;
    else path += path === '' ? String(key) : `.${String(key)}`;
  }
  return path;
}

/**
 * Converts valibot issues into the SDK's path + reason pairs.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 *
 * const schema = v.object({ limit: v.number('must be a number') }, objectMessage);
 * const result = v.safeParse(schema, { limit: 'five' });
 * if (!result.success) throw new TimValidationError('my plugin options', toValidationIssues(result.issues));
 * ```
 */
export function toValidationIssues(issues: readonly v.BaseIssue<unknown>[]): ValidationIssue[] {
  return issues.map((issue) => ({ path: formatPath(issue), reason: issue.message }));
}

/**
 * Validates a plugin's options (or any input) the way the built-in plugins do: parses `value`
 * with `schema` or throws {@link TimValidationError} naming `subject`
 * (for example `client options`) and the path of each problem. Give every check its own
 * message: valibot's defaults quote the received value, which may be a secret.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 *
 * const schema = v.object({ limit: v.pipe(v.number('must be a number'), v.minValue(1, 'must be at least 1')) }, objectMessage);
 * const { limit } = parseOrThrow(schema, { limit: 5 }, 'quota options'); // 5
 * parseOrThrow(schema, { limit: 0 }, 'quota options'); // throws TimValidationError: Invalid quota options: limit: must be at least 1
 * ```
 *
 * @throws {@link TimValidationError} when `value` fails `schema`, or reading it (a getter, a
 *   Proxy) or the schema itself throws; `endpoint`, when given, is set on the error.
 */
export function parseOrThrow<TSchema extends v.GenericSchema>(
  schema: TSchema,
  value: unknown,
  subject: string,
  endpoint?: string,
): v.InferOutput<TSchema> {
  let result: v.SafeParseResult<TSchema>;
  try {
    result = v.safeParse(schema, value);
  } catch {
    // A getter or a Proxy in the value threw while it was read, or the schema itself did. The
    // thrown message is not quoted: it may carry the value.
    throw new TimValidationError(subject, [{ path: '', reason: 'could not be read: a getter, a Proxy or the schema threw' }], endpoint);
  }
  if (result.success) return result.output;
  throw new TimValidationError(subject, toValidationIssues(result.issues), endpoint);
}
