/**
 * The {@link nonce} plugin: a fresh `random` query parameter on every HTTP attempt. The client
 * adds it to its default stack; import it to replace it, for example with a seeded source in tests.
 *
 * @module timfetch/plugins/nonce
 */
import { TimValidationError, type Plugin } from '../src/plugin-kit.js';

/**
 * Where the {@link nonce} plugin gets its numbers from, to make requests reproducible in tests.
 *
 * @example
 * ```ts
 * let counter = 0;
 * const options: NonceOptions = { random: () => counter++ }; // deterministic, for tests
 * const plugin = nonce(options);
 * ```
 */
export interface NonceOptions {
  /**
   * Source of 32-bit unsigned integers; inject one in tests. A value outside 0 … 4294967295 (or
   * not an integer) fails the attempt with {@link timfetch!TimValidationError}.
   * @defaultValue a value from `crypto.getRandomValues`
   */
  random?: () => number;
}

// A call to crypto.getRandomValues costs about the same for 1 value or 256 (2 µs in Node): draw
// them 256 at a time. A nonce is public (it is in the URL), so keeping a few in memory is fine.
const pool = new Uint32Array(256);
let drawn = pool.length;

function cryptoRandom(): number {
  if (drawn === pool.length) {
    crypto.getRandomValues(pool);
    drawn = 0;
  }
  return pool[drawn++] ?? 0;
}

/**
 * Gives every HTTP attempt (repeated attempts included) a fresh `random` query parameter, a
 * 32-bit unsigned integer, as the IM REST envelope requires. Part of the default stack; build
 * one yourself to replace it with a deterministic source in tests. The factory never throws.
 *
 * @param options - the number source; see {@link NonceOptions}.
 * @returns the `nonce` plugin (phase `attempt`). Its run fails the attempt with
 *   {@link timfetch!TimValidationError} when `random()` returns anything but an integer from 0 to 4294967295.
 *
 * @example
 * ```ts
 * import { nonce } from 'timfetch/plugins/nonce';
 *
 * let next = 0;
 * const tim = createClient({
 *   sdkAppId, identifier, secretKey,
 *   plugins: [{ ...nonce({ random: () => next++ }), replaces: 'nonce' }], // the default's place
 * });
 * ```
 */
export function nonce(options: NonceOptions = {}): Plugin {
  const random = options.random ?? cryptoRandom;
  return {
    name: 'nonce',
    phase: 'attempt',
    run(ctx, next) {
      const value = random();
      if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
        throw new TimValidationError('nonce', [{ path: 'random()', reason: 'must return an integer from 0 to 4294967295' }]);
      }
      return next({ ...ctx, query: { ...ctx.query, random: String(value) } });
    },
  };
}
