import { TimValidationError } from '../errors/tim-validation-error.js';
import { phases, type Plugin } from './plugin.js';

const subject = 'plugins';

function names(list: string | readonly string[] | undefined): readonly string[] {
  if (list === undefined) return [];
  return typeof list === 'string' ? [list] : list;
}

function fail(path: string, reason: string): never {
  throw new TimValidationError(subject, [{ path, reason }]);
}

function checkShape(plugin: unknown, index: number): asserts plugin is Plugin {
  const at = `plugins[${index}]`;
  if (typeof plugin !== 'object' || plugin === null) fail(at, 'must be a plugin object { name, phase, run }');
  const { name, phase, run, before, after } = plugin as Record<string, unknown>;
  if (typeof name !== 'string' || name === '') fail(`${at}.name`, 'must be a non-empty string');
  if (!phases.includes(phase as Plugin['phase'])) fail(`${at}.phase`, `must be one of ${phases.join(', ')}`);
  if (typeof run !== 'function') fail(`${at}.run`, 'must be a function');
  for (const [key, value] of [['before', before], ['after', after]] as const) {
    const valid = value === undefined || typeof value === 'string' || (Array.isArray(value) && value.every((n) => typeof n === 'string'));
    if (!valid) fail(`${at}.${key}`, 'must be a plugin name or a list of plugin names');
  }
}

/**
 * Orders plugins by phase, then inside each phase by their `before` / `after` constraints,
 * keeping the given order where no constraint decides. Throws {@link TimValidationError} for a
 * malformed plugin, a duplicate name, a constraint naming an unknown plugin or one of another
 * phase, and a cycle.
 */
export function resolveOrder(plugins: readonly unknown[]): Plugin[] {
  const byName = new Map<string, { plugin: Plugin; index: number }>();
  plugins.forEach((plugin, index) => {
    checkShape(plugin, index);
    if (byName.has(plugin.name)) fail(`plugins[${index}].name`, `duplicates the name "${plugin.name}"`);
    byName.set(plugin.name, { plugin, index });
  });

  // Edges "a runs before b", validated against names and phases.
  const mustPrecede = new Map<string, Set<string>>();
  const indegree = new Map<string, number>();
  for (const { plugin } of byName.values()) {
    mustPrecede.set(plugin.name, new Set());
    indegree.set(plugin.name, 0);
  }
  const addEdge = (first: string, second: string) => {
    const targets = mustPrecede.get(first);
    if (targets === undefined || targets.has(second)) return;
    targets.add(second);
    indegree.set(second, (indegree.get(second) ?? 0) + 1);
  };
  for (const { plugin, index } of byName.values()) {
    for (const key of ['before', 'after'] as const) {
      for (const other of names(plugin[key])) {
        const target = byName.get(other);
        if (target === undefined) fail(`plugins[${index}].${key}`, `names an unknown plugin "${other}"`);
        if (target.plugin.phase !== plugin.phase) {
          fail(`plugins[${index}].${key}`, `names "${other}" of phase ${target.plugin.phase}, not ${plugin.phase}`);
        }
        if (key === 'before') addEdge(plugin.name, other);
        else addEdge(other, plugin.name);
      }
    }
  }

  // A plugin that must precede another moves up to that one's place: its rank is the earliest
  // given position among itself and everything it must precede.
  const rank = new Map<string, number>();
  const visiting = new Set<string>();
  const rankOf = (name: string): number => {
    const known = rank.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) fail('plugins', `before/after constraints form a cycle through "${name}"`);
    visiting.add(name);
    let best = byName.get(name)?.index ?? 0;
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
