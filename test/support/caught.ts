// What a call that must fail failed with, so tests can assert on the error itself.
import { TimValidationError } from '../../src/errors/tim-validation-error.js';

/** The error `promise` rejects with; throws when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** The error `action` throws; throws when it returns. */
export function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

/** `error` as a TimValidationError; anything else is rethrown so the test fails on it. */
export function asValidationError(error: unknown): TimValidationError {
  if (error instanceof TimValidationError) return error;
  throw error;
}
