import { isPlainObject } from '../util/validate.js';

/**
 * Helpers for an endpoint's quick checks ({@link EndpointQuickCheck}): hand-written predicates
 * that accept exactly what a valibot schema accepts, without building a copy or issues.
 */

/** One check per known field of a JSON object; see {@link fieldsPass}. */
export type FieldChecks = Readonly<Record<string, (value: unknown) => boolean>>;

// valibot's object schemas leave these keys out of their output: a value holding one is not passed on as it is.
const droppedKeys = ['__proto__', 'constructor', 'prototype'] as const;
const refuse = () => false;

/**
 * `checks` with no prototype (so that a field named `toString` finds no check of
 * Object.prototype's) and refusing the keys valibot drops.
 */
export function fieldChecks(checks: Record<string, (value: unknown) => boolean>): FieldChecks {
  const all = Object.create(null) as Record<string, (value: unknown) => boolean>;
  for (const key of droppedKeys) all[key] = refuse;
  return Object.assign(all, checks);
}

/** A plain object without a key valibot's object schemas drop: a request body passed on as it is. */
export function isRequestRecord(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && !droppedKeys.some((key) => Object.hasOwn(value, key));
}

/**
 * Whether a value the schema does not look at may be passed on as JSON.parse read it: a string,
 * a boolean, null or an exact number. An integer past 2^53 may have been rounded, and an object
 * or array may hold one: those take the exact (slow) path.
 */
export function isOpaqueValue(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isSafeInteger(value) || !Number.isInteger(value);
    default:
      return value === null;
  }
}

/** Whether every field of `record` passes its check in `checks`, or is an opaque value if it has none. */
export function fieldsPass(record: Record<string, unknown>, checks: FieldChecks): boolean {
  for (const key in record) {
    const check = checks[key];
    if (!(check === undefined ? isOpaqueValue(record[key]) : check(record[key]))) return false;
  }
  return true;
}

export const isString = (value: unknown): boolean => typeof value === 'string';

/**
 * A safe integer: what the schemas' integer fields accept (`integerSchema`), whatever its JSON
 * notation, and an integer JSON.parse read exactly.
 */
export const isExactInteger = (value: unknown): boolean => Number.isSafeInteger(value);

/** An object of a parsed answer (JSON.parse makes only plain ones), not an array. */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether `value` is an array whose every item passes `check` (a loop: this runs per account). */
export function isArrayOf(value: unknown, check: (item: unknown) => boolean): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!check(value[i])) return false;
  return true;
}

export const isStringArray = (value: unknown): boolean => isArrayOf(value, isString);

/**
 * Runs a quick check, counting a throw (a getter, a Proxy) as "not sure": the schema then
 * decides and reports the failure as it always has.
 */
export function passesQuickly(check: ((value: unknown) => boolean) | undefined, value: unknown): boolean {
  if (check === undefined) return false;
  try {
    return check(value) === true;
  } catch {
    return false;
  }
}
