// Errors are recognised by brand, so errors from another build of timfetch (ESM vs CJS) count too;
// the built-package test proves the cross-build case with the real builds.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as timfetch from '../../src/index.js';
import {
  TimApiError,
  TimBatchError,
  TimError,
  TimHttpError,
  TimNetworkError,
  TimRateLimitError,
  TimResponseError,
  TimTimeoutError,
  TimValidationError,
} from '../../src/index.js';

const samples = {
  TimError: new TimError('plugin failed', -100),
  TimApiError: new TimApiError({ ErrorCode: 30006 }),
  TimBatchError: new TimBatchError(new TimNetworkError('down'), {}),
  TimHttpError: new TimHttpError(502, 'Bad Gateway'),
  TimNetworkError: new TimNetworkError('down'),
  TimRateLimitError: new TimRateLimitError('store', 'Rate limiter store "redis" failed', { store: 'redis' }),
  TimResponseError: new TimResponseError('must be an object'),
  TimTimeoutError: new TimTimeoutError(100),
  TimValidationError: new TimValidationError('x', [{ path: 'a', reason: 'b' }]),
};
type Kind = keyof typeof samples;
const guard = (kind: Kind) => (timfetch as unknown as Record<string, (value: unknown) => boolean>)[`is${kind}`] as (value: unknown) => boolean;

describe('error brand guards', () => {
  it.each(Object.keys(samples) as Kind[])('is%s recognises exactly its own class', (kind) => {
    for (const [other, error] of Object.entries(samples)) {
      expect(guard(kind)(error), `is${kind}(${other})`).toBe(other === kind || kind === 'TimError');
    }
  });

  it('recognises user subclasses as their parent kind', () => {
    class AuditError extends TimApiError {}
    expect(timfetch.isTimApiError(new AuditError({ ErrorCode: 30003 }))).toBe(true);
    expect(timfetch.isTimError(new AuditError({ ErrorCode: 30003 }))).toBe(true);
  });

  it('does not take look-alikes for errors', () => {
    for (const value of [new Error('x'), { name: 'TimApiError', code: 30006, retryable: true }, null, undefined, 'TimError', 42]) {
      expect(timfetch.isTimError(value)).toBe(false);
      expect(timfetch.isTimApiError(value)).toBe(false);
    }
  });

  it('recognises an error branded by another copy of the classes (the registered symbol)', () => {
    class ForeignApiError extends Error {}
    Object.defineProperty(ForeignApiError.prototype, Symbol.for('timfetch.error'), { value: 'TimApiError' });
    const foreign = new ForeignApiError('IM error 30006');
    expect(foreign instanceof TimApiError).toBe(false);
    expect(timfetch.isTimApiError(foreign)).toBe(true);
    expect(timfetch.isTimHttpError(foreign)).toBe(false);
  });

  it('keeps the brand off the instances, out of inspection', () => {
    const error = samples.TimApiError;
    expect(Object.getOwnPropertySymbols(error)).toEqual([]);
    expect(inspect(error)).not.toContain('timfetch.error');
    expect(error).toBeInstanceOf(TimApiError);
  });
});
