// Emulator options: defaults and validation (TimValidationError naming the option, never the key).
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { TimValidationError } from '../../src/index.js';
import { createEmulator, type EmulatorOptions } from '../../src/emulator/index.js';
import { app, validationError } from './helpers.js';

function rejected(options: Record<string, unknown>): TimValidationError {
  return validationError(() => createEmulator({ ...app, ...options } as EmulatorOptions));
}

describe('emulator options', () => {
  it('needs only sdkAppId and secretKey', () => {
    const emu = createEmulator(app);
    expect(typeof emu.fetch).toBe('function');
    expect(emu.stats.requests).toBe(0);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['a missing sdkAppId', { sdkAppId: undefined }, 'sdkAppId', 'must be a positive integer'],
    ['a zero sdkAppId', { sdkAppId: 0 }, 'sdkAppId', 'must be a positive integer'],
    ['an empty secretKey', { secretKey: '' }, 'secretKey', 'must not be empty'],
    ['a secretKey of the wrong type', { secretKey: 42 }, 'secretKey', 'must be a string'],
    ['empty admins', { admins: [] }, 'admins', 'must not be empty'],
    ['an admin over 32 bytes', { admins: ['a'.repeat(33)] }, 'admins[0]', 'must be at most 32 bytes in UTF-8'],
    ['a negative port', { port: -1 }, 'port', 'must be a port from 0 to 65535'],
    ['an empty host', { host: '' }, 'host', 'must not be empty'],
    ['a fractional seed', { seed: 1.5 }, 'seed', 'must be an integer'],
    ['a probability above 1', { faults: { drop: 1.5 } }, 'faults.drop', 'must be a probability from 0 to 1'],
    ['a negative probability', { faults: { itemError: -0.1 } }, 'faults.itemError', 'must be a probability from 0 to 1'],
    ['an unknown fault kind', { faults: { explode: 0.1 } }, 'faults.explode', 'is not a fault kind'],
    ['a latency range upside down', { faults: { latency: [50, 10] } }, 'faults.latency', 'must be [minMs, maxMs] with minMs <= maxMs'],
    ['a latency that is not a pair', { faults: { latency: 10 } }, 'faults.latency', 'must be [minMs, maxMs]'],
    ['a zero stallMs', { faults: { stallMs: 0 } }, 'faults.stallMs', 'must be at least 1 ms'],
    ['rateLimit true', { rateLimit: true }, 'rateLimit', 'must be false or { limit, interval }'],
    ['a zero rate limit', { rateLimit: { limit: 0, interval: 1000 } }, 'rateLimit.limit', 'must be a positive integer'],
    ['a now that is not a function', { now: 5 }, 'now', 'must be a function'],
    ['an onRequest that is not a function', { onRequest: [] }, 'onRequest', 'must be a function'],
    ['an unknown CORS mode', { cors: 'strict' }, 'cors', "must be 'permissive' or 'documented'"],
    ['a CORS mode of the wrong type', { cors: true }, 'cors', "must be 'permissive' or 'documented'"],
    ['a zero friendListLimit', { friendListLimit: 0 }, 'friendListLimit', 'must be a positive integer'],
    ['a fractional friendListLimit', { friendListLimit: 2.5 }, 'friendListLimit', 'must be a positive integer'],
    ['a zero blockListLimit', { blockListLimit: 0 }, 'blockListLimit', 'must be a positive integer'],
    ['a blockListLimit of the wrong type', { blockListLimit: '1000' }, 'blockListLimit', 'must be a positive integer'],
    ['a friendGetPageSize of the wrong type', { friendGetPageSize: '100' }, 'friendGetPageSize', 'must be a positive integer'],
    ['a negative friendGetPageSize', { friendGetPageSize: -1 }, 'friendGetPageSize', 'must be a positive integer'],
    ['an unknown option', { faultz: {} }, 'faultz', 'is not an emulator option'],
  ])('rejects %s', (_, options, path, reason) => {
    const error = rejected(options);
    expect(error.path).toBe(path);
    expect(error.reason).toBe(reason);
    expect(error.message).toMatch(/^Invalid emulator options: /);
  });

  it('never quotes the secret key', () => {
    const secretKey = 'very-secret-key-0123456789abcdef';
    const errors = [rejected({ secretKey, sdkAppId: -1 }), rejected({ secretKey, extra: secretKey }), rejected({ secretKey: [secretKey] })];
    for (const error of errors) {
      for (const text of [String(error), inspect(error, { depth: 5 }), JSON.stringify(error)]) expect(text).not.toContain(secretKey);
    }
  });

  it('accepts every option at once', () => {
    const emu = createEmulator({
      ...app,
      admins: ['administrator', 'ops'],
      port: 0,
      host: 'localhost',
      seed: -7,
      faults: { requestError: 0, itemError: 0.1, httpError: 0, drop: 0, stall: 0, stallMs: 10, malformed: 0, latency: [0, 0] },
      rateLimit: { limit: 10, interval: 100 },
      now: () => 0,
      onRequest: () => undefined,
      friendListLimit: 10,
      blockListLimit: 10,
      friendGetPageSize: 5,
    });
    expect(emu.store.hasAccount('x')).toBe(false);
  });
});
