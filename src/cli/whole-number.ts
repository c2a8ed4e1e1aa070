import { UsageError } from './usage-error.js';

/** A flag's text as a whole number, or a usage error naming the flag. */
export function parseWholeNumber(text: string, flag: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} must be a whole number, 0 or more (got ${JSON.stringify(text)})`);
  return Number(text);
}

/** A flag's value as a whole number, or `fallback` when the flag was not given. */
export function wholeNumber(value: string | undefined, flag: string, fallback: number): number {
  return value === undefined ? fallback : parseWholeNumber(value, flag);
}
