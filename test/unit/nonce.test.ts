import { describe, expect, it } from 'vitest';
import { nonce } from '../../plugins/nonce.js';
import { TimValidationError } from '../../src/index.js';
import { runPlugin } from '../support/plugin-harness.js';

describe('nonce plugin', () => {
  it('sets a fresh uint32 random on every attempt', async () => {
    const plugin = nonce();
    const values = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const { seen } = await runPlugin(plugin);
      const random = seen[0]?.query.random ?? '';
      expect(random).toMatch(/^\d{1,10}$/);
      expect(Number(random)).toBeLessThanOrEqual(0xffff_ffff);
      values.add(random);
    }
    // 50 draws from 2^32 values: a repeat would mean the value is not fresh.
    expect(values.size).toBe(50);
  });

  it('uses an injected source and keeps the rest of the query', async () => {
    let n = 41;
    const { seen } = await runPlugin(nonce({ random: () => ++n }));
    expect(seen[0]?.query).toEqual({ sdkappid: '1400000000', identifier: 'administrator', contenttype: 'json', random: '42' });
  });

  it.each([-1, 2 ** 32, 1.5, Number.NaN])('refuses an injected value out of range (%s)', async (value) => {
    await expect(runPlugin(nonce({ random: () => value }))).rejects.toThrow(TimValidationError);
  });
});
