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
    expect(error.message).toBe('Invalid plugin "a": after: names an unknown plugin "ghost"');
  });

  it('rejects a constraint across phases', () => {
    const error = validationError(() => order([plugin('a', 'call'), plugin('b', 'attempt', { before: 'a' })]));
    expect(error.message).toBe('Invalid plugin "b": before: names "a" of phase call, not attempt');
  });

  it('rejects duplicate names', () => {
    const error = validationError(() => order([plugin('a', 'call'), plugin('a', 'attempt')]));
    expect(error.message).toBe('Invalid plugin "a": name: is already the name of another plugin (give `replaces` to replace it)');
  });

  it('rejects a cycle and names its members', () => {
    const error = validationError(() =>
      order([plugin('x', 'call'), plugin('a', 'call', { before: 'b' }), plugin('b', 'call', { before: 'a' })]),
    );
    expect(error.message).toMatch(/^Invalid plugin "[ab]": its before\/after constraints form a cycle$/);
  });

  it('rejects a plugin that must run before itself, alone in its phase', () => {
    const error = validationError(() => order([plugin('a', 'call'), plugin('self', 'attempt', { before: 'self' })]));
    expect(error.message).toBe('Invalid plugin "self": its before/after constraints form a cycle');
  });

  it.each([
    [null, 'Invalid plugins: plugins[1]: must be a plugin object { name, phase, run }'],
    [{ name: '', phase: 'call', run: pass }, 'Invalid plugins: plugins[1].name: must be a non-empty string'],
    [{ name: 'a', phase: 'send', run: pass }, 'Invalid plugin "a": phase: must be one of call, sub-call, attempt, transport'],
    [{ name: 'a', phase: 'call', run: 'no' }, 'Invalid plugin "a": run: must be a function'],
    [{ name: 'a', phase: 'call', run: pass, before: 3 }, 'Invalid plugin "a": before: must be a plugin name or a list of plugin names'],
    [{ name: 'a', phase: 'call', run: pass, priority: 'urgent' }, 'Invalid plugin "a": priority: must be one of high, normal, low'],
    [{ name: 'a', phase: 'call', run: pass, replaces: 7 }, 'Invalid plugin "a": replaces: must be a plugin name'],
  ])('rejects a malformed plugin, naming it %#', (bad, message) => {
    expect(validationError(() => order([plugin('ok', 'call'), bad])).message).toBe(message);
  });

  it('places plugins by priority inside a phase where no constraint decides', () => {
    const plugins = [
      plugin('fan-out', 'call', { priority: 'low' }),
      plugin('plain', 'call'),
      plugin('first', 'call', { priority: 'high' }),
      plugin('second', 'call', { priority: 'normal' }),
    ];
    expect(order(plugins)).toEqual(['first', 'plain', 'second', 'fan-out']);
  });

  it('lets constraints override priority', () => {
    const plugins = [plugin('fan-out', 'call', { priority: 'low' }), plugin('tail', 'call', { priority: 'high', after: 'fan-out' })];
    expect(order(plugins)).toEqual(['fan-out', 'tail']);
  });
});

describe('resolveOrder: replaces', () => {
  const defaults = [plugin('validation', 'call', { priority: 'high' }), plugin('nonce', 'attempt'), plugin('signing', 'attempt')];

  it('puts a replacement in the place of the plugin it names, under its own name', () => {
    expect(order([...defaults, plugin('seeded-nonce', 'attempt', { replaces: 'nonce' })])).toEqual(['validation', 'seeded-nonce', 'signing']);
  });

  it('accepts a replacement with the same name', () => {
    const replacement = plugin('nonce', 'attempt', { replaces: 'nonce' });
    const ordered = resolveOrder([...defaults, replacement]);
    expect(ordered.map((p) => p.name)).toEqual(['validation', 'nonce', 'signing']);
    expect(ordered[1]).toBe(replacement);
  });

  it('keeps the priority of the replaced plugin unless the replacement gives one', () => {
    expect(order([...defaults, plugin('audit', 'call'), plugin('checks', 'call', { replaces: 'validation' })])).toEqual([
      'checks', 'audit', 'nonce', 'signing',
    ]);
    expect(order([...defaults, plugin('audit', 'call'), plugin('checks', 'call', { replaces: 'validation', priority: 'low' })])).toEqual([
      'audit', 'checks', 'nonce', 'signing',
    ]);
  });

  it('points constraints naming the replaced plugin at the replacement', () => {
    const plugins = [...defaults, plugin('probe', 'attempt', { after: 'signing', before: [] }), plugin('early', 'attempt', { before: 'nonce' })];
    expect(order([...plugins, plugin('my-nonce', 'attempt', { replaces: 'nonce' })])).toEqual(['validation', 'early', 'my-nonce', 'signing', 'probe']);
  });

  it('refuses to replace nothing, or one plugin twice', () => {
    expect(validationError(() => order([...defaults, plugin('x', 'attempt', { replaces: 'ghost' })])).message).toBe(
      'Invalid plugin "x": replaces: names no plugin "ghost" to replace',
    );
    const twice = [plugin('a', 'attempt', { replaces: 'nonce' }), plugin('b', 'attempt', { replaces: 'nonce' })];
    expect(validationError(() => order([...defaults, ...twice])).message).toBe('Invalid plugin "b": replaces: "nonce" is already replaced by "a"');
  });
});
