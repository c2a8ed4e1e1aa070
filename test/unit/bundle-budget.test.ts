// The browser bundles' size budgets (issue 11; issue 18's core-client tool), checked on every `npm test` after `rollup -c`.
// Budgets and how they are measured: bench/bundle-size.mjs (`npm run size` prints the table).
import { beforeAll, describe, expect, it } from 'vitest';
import { KB, measureBundle } from '../../bench/bundle-size.mjs';

let measured: Awaited<ReturnType<typeof measureBundle>>;

beforeAll(async () => {
  measured = await measureBundle();
}, 60_000);

describe('browser bundle (dist/timfetch.browser.js)', () => {
  it('holds every browser plugin, both endpoints, ky and valibot', () => {
    expect(measured.missing, 'sources missing from the browser bundle').toEqual([]);
  });

  it.each(['total', 'own', 'core'] as const)('%s min+gzip is within its budget', (name) => {
    const { gzip, budget } = measured.figures[name];
    expect(gzip, `${name} is ${gzip} B min+gzip, over its budget of ${budget} B (${budget / KB} KB)`).toBeLessThanOrEqual(budget);
  });
});
