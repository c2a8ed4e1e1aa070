import { describe, expect, it } from 'vitest';
import type { Plugin } from '../../src/index.js';
import { resolveOrder } from '../../src/pipeline/resolve-order.js';
import { asValidationError, thrown } from '../support/caught.js';

const pass: Plugin['run'] = (ctx, next) => next(ctx);
const plugin = (name: string, phase: Plugin['phase'], extra: Partial<Plugin> = {}): Plugin => ({ name, phase, run: pass, ...extra });
const order = (plugins: unknown[]) => resolveOrder(plugins).map((p) => p.name);

const validationError = (fn: () => unknown) => asValidationError(thrown(fn));

describe('resolveOrder', () => {
  it('orders by phase, keeping the given order inside a phase', () => {
    expect(
      order([plugin('t', 'transport'), plugin('a1', 'attempt'), plugin('c', 'call'), plugin('s', 'sub-call'), plugin('a2', 'attempt')]),
    ).toEqual(['c', 's', 'a1', 'a2', 't']);
  });

  it('honours before and after inside a phase', () => {
    const plugins = [
      plugin('nonce', 'attempt'),
      plugin('signing', 'attempt'),
      plugin('slot', 'attempt', { before: 'nonce' }),
      plugin('log', 'attempt', { after: ['signing'], before: [] }),
      plugin('early', 'attempt', { before: ['signing', 'nonce'], after: 'slot' }),
    ];
    expect(order(plugins)).toEqual(['slot', 'early', 'nonce', 'signing', 'log']);
  });

  it('rejects an unknown name in before/after', () => {
    const error = validationError(() => order([plugin('a', 'call', { after: 'ghost' })]));
    expect(error.path).toBe('plugins[0].after');
    expect(error.reason).toContain('"ghost"');
  });

  it('rejects a constraint across phases', () => {
    const error = validationError(() => order([plugin('a', 'call'), plugin('b', 'attempt', { before: 'a' })]));
    expect(error.path).toBe('plugins[1].before');
    expect(error.reason).toContain('phase call');
  });

  it('rejects duplicate names', () => {
    const error = validationError(() => order([plugin('a', 'call'), plugin('a', 'attempt')]));
    expect(error.path).toBe('plugins[1].name');
  });

  it('rejects a cycle and names its members', () => {
    const error = validationError(() =>
      order([plugin('x', 'call'), plugin('a', 'call', { before: 'b' }), plugin('b', 'call', { before: 'a' })]),
    );
    expect(error.reason).toMatch(/cycle through "[ab]"/);
  });

  it('rejects a plugin that must run before itself, alone in its phase', () => {
    const error = validationError(() => order([plugin('a', 'call'), plugin('self', 'attempt', { before: 'self' })]));
    expect(error.reason).toBe('before/after constraints form a cycle through "self"');
  });

  it.each([
    [null, 'plugins[0]'],
    [{ name: '', phase: 'call', run: pass }, 'plugins[0].name'],
    [{ name: 'a', phase: 'send', run: pass }, 'plugins[0].phase'],
    [{ name: 'a', phase: 'call', run: 'no' }, 'plugins[0].run'],
    [{ name: 'a', phase: 'call', run: pass, before: 3 }, 'plugins[0].before'],
  ])('rejects a malformed plugin %#', (bad, path) => {
    expect(validationError(() => order([bad])).path).toBe(path);
  });
});
