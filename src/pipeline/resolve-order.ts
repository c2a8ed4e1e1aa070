import { TimValidationError } from '../errors/tim-validation-error.js';
import { phases, priorities, type Plugin } from './plugin.js';

function names(list: string | readonly string[] | undefined): readonly string[] {
  if (list === undefined) return [];
  return typeof list === 'string' ? [list] : list;
}

/** Fails naming the plugin by its name (by its position only when it has no usable name). */
function fail(plugin: string | number, path: string, reason: string): never {
  if (typeof plugin === 'string') throw new TimValidationError(`plugin "${plugin}"`, [{ path, reason }]);
  throw new TimValidationError('plugins', [{ path: `plugins[${plugin}]${path === '' ? '' : `.${path}`}`, reason }]);
}

const isNameList = (value: unknown) =>
  value === undefined || typeof value === 'string' || (Array.isArray(value) && value.every((n) => typeof n === 'string'));

/**
 * Checks that `plugin` is a well-formed plugin, naming it by its name, or by `index` (its place in
 * the list the caller wrote) when it has no usable name.
 */
export function checkPluginShape(plugin: unknown, index: number): asserts plugin is Plugin {
  if (typeof plugin !== 'object' || plugin === null) fail(index, '', 'must be a plugin object { name, phase, run }');
  const { name, phase, run, before, after, priority, replaces } = plugin as Record<string, unknown>;
  if (typeof name !== 'string' || name === '') fail(index, 'name', 'must be a non-empty string');
  if (!phases.includes(phase as Plugin['phase'])) fail(name, 'phase', `must be one of ${phases.join(', ')}`);
  if (typeof run !== 'function') fail(name, 'run', 'must be a function');
  if (!isNameList(before)) fail(name, 'before', 'must be a plugin name or a list of plugin names');
  if (!isNameList(after)) fail(name, 'after', 'must be a plugin name or a list of plugin names');
  if (priority !== undefined && !priorities.includes(priority as Plugin['priority'] & string)) {
    fail(name, 'priority', `must be one of ${priorities.join(', ')}`);
  }
  if (replaces !== undefined && (typeof replaces !== 'string' || replaces === '')) fail(name, 'replaces', 'must be a plugin name');
}

/** A plugin with the position and priority it is ordered by. */
interface Placed {
  readonly plugin: Plugin;
  readonly index: number;
  readonly priority: number;
}

/**
 * Applies `replaces`: each replacement takes its target's place in the list (and its priority,
 * unless it gives its own). Returns the placed plugins and the renames that constraints follow.
 */
function applyReplacements(plugins: readonly Plugin[]): { placed: Placed[]; renamed: Map<string, string> } {
  const slots: (Placed | undefined)[] = plugins.map((plugin, index) => ({
    plugin,
    index,
    priority: priorities.indexOf(plugin.priority ?? 'normal'),
  }));
  const renamed = new Map<string, string>();
  plugins.forEach((plugin, index) => {
    const target = plugin.replaces;
    if (target === undefined) return;
    const at = plugins.findIndex((other, otherIndex) => other.name === target && otherIndex !== index && other.replaces === undefined);
    if (at === -1) fail(plugin.name, 'replaces', `names no plugin "${target}" to replace`);
    if (renamed.has(target)) fail(plugin.name, 'replaces', `"${target}" is already replaced by "${renamed.get(target)}"`);
    renamed.set(target, plugin.name);
    const priority = priorities.indexOf(plugin.priority ?? (plugins[at] as Plugin).priority ?? 'normal');
    slots[at] = { plugin, index: at, priority };
    slots[index] = undefined;
  });
  return { placed: slots.filter((slot) => slot !== undefined), renamed };
}

/**
 * Orders plugins by phase, then inside each phase by their `before` / `after` constraints, then
 * by priority, keeping the given order where nothing else decides. A plugin with `replaces`
 * takes the place of the plugin it names. Throws {@link TimValidationError}, naming the plugin,
 * for a malformed plugin, a duplicate name, a constraint naming an unknown plugin or one of
 * another phase, a replacement of nothing, and a cycle.
 */
export function resolveOrder(plugins: readonly unknown[]): Plugin[] {
  plugins.forEach(checkPluginShape);
  const { placed, renamed } = applyReplacements(plugins as readonly Plugin[]);
  const byName = new Map<string, Placed>();
  for (const entry of placed) {
    if (byName.has(entry.plugin.name)) fail(entry.plugin.name, 'name', 'is already the name of another plugin (give `replaces` to replace it)');
    byName.set(entry.plugin.name, entry);
  }

  // Edges "a runs before b", validated against names and phases.
  const mustPrecede = new Map<string, Set<string>>();
  const indegree = new Map<string, number>();
  for (const name of byName.keys()) {
    mustPrecede.set(name, new Set());
    indegree.set(name, 0);
  }
  const addEdge = (first: string, second: string) => {
    const targets = mustPrecede.get(first);
    if (targets === undefined || targets.has(second)) return;
    targets.add(second);
    indegree.set(second, (indegree.get(second) ?? 0) + 1);
  };
  for (const { plugin } of byName.values()) {
    for (const key of ['before', 'after'] as const) {
      for (const named of names(plugin[key])) {
        const other = renamed.get(named) ?? named;
        const target = byName.get(other);
        if (target === undefined) fail(plugin.name, key, `names an unknown plugin "${named}"`);
        if (target.plugin.phase !== plugin.phase) {
          fail(plugin.name, key, `names "${named}" of phase ${target.plugin.phase}, not ${plugin.phase}`);
        }
        if (key === 'before') addEdge(plugin.name, other);
        else addEdge(other, plugin.name);
      }
    }
  }

  // A plugin that must precede another moves up to that one's place: its rank is the earliest
  // (priority, position) among itself and everything it must precede.
  const rank = new Map<string, number>();
  const visiting = new Set<string>();
  const rankOf = (name: string): number => {
    const known = rank.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) fail(name, '', 'its before/after constraints form a cycle');
    visiting.add(name);
    const own = byName.get(name) as Placed;
    let best = own.priority * plugins.length + own.index;
    for (const next of mustPrecede.get(name) ?? []) best = Math.min(best, rankOf(next));
    visiting.delete(name);
    rank.set(name, best);
    return best;
  };

  // Kahn's algorithm, phase by phase, always taking the ready plugin of lowest rank (then position).
  const ordered: Plugin[] = [];
  for (const phase of phases) {
    // Ranking every plugin (not only those a sort happens to compare) also finds every cycle.
    const pending = [...byName.values()]
      .filter(({ plugin }) => plugin.phase === phase)
      .map(({ plugin, index }) => ({ plugin, index, rank: rankOf(plugin.name) }))
      .sort((a, b) => a.rank - b.rank || a.index - b.index);
    while (pending.length > 0) {
      const readyAt = pending.findIndex(({ plugin }) => indegree.get(plugin.name) === 0);
      const { plugin } = pending.splice(readyAt, 1)[0] as { plugin: Plugin };
      ordered.push(plugin);
      for (const next of mustPrecede.get(plugin.name) ?? []) indegree.set(next, (indegree.get(next) ?? 0) - 1);
    }
  }
  return ordered;
}
