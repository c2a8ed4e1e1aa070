// npm version ranges as `engines.node` writes them, read without a semver dependency: whether a
// Node version satisfies one (the runtime matrix) and whether one admits every release from a
// minimum on (package hygiene). One reader, so both agree on what a range means.

export type Version = readonly [number, number, number];
/** Versions from `from` (inclusive) up to `to` (exclusive; none: no upper bound). */
interface Interval {
  from: Version;
  to: Version | undefined;
}

const compare = (a: Version, b: Version): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
export const fill = (parts: readonly number[]): Version => [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
/** The first version past `parts` at `level`: (20, 19) at 0 → 21.0.0, at 1 → 20.20.0. */
const next = (parts: readonly number[], level: number): Version =>
  fill([...parts.slice(0, level), (parts[level] ?? 0) + 1]);

/** "20", "20.19", "20.x", "20.19.1" → [20] / [20, 19] / [20] / [20, 19, 1]; a wildcard ends it. */
function parts(version: string, range: string): number[] {
  if (!/^\d+(\.(\d+|x|X|\*)){0,2}$/.test(version)) throw new Error(`engines range "${range}": cannot read "${version}"`);
  const numbers: number[] = [];
  for (const part of version.split('.')) {
    if (!/^\d+$/.test(part)) break;
    numbers.push(Number(part));
  }
  return numbers;
}

/**
 * A node-semver range as intervals, release versions only: enough for `engines.node` (>=, >, <,
 * <=, =, ^, ~, x-ranges, hyphens, ||). Anything else throws, so a new form is seen, not misread.
 */
function intervals(range: string): Interval[] {
  return range.split('||').map((alternative) => {
    let interval: Interval = { from: [0, 0, 0], to: undefined };
    const narrow = (from: Version, to: Version | undefined): void => {
      interval = {
        from: compare(from, interval.from) > 0 ? from : interval.from,
        to: to === undefined || (interval.to !== undefined && compare(interval.to, to) <= 0) ? interval.to : to,
      };
    };
    const hyphen = /^\s*(\S+)\s+-\s+(\S+)\s*$/.exec(alternative);
    if (hyphen?.[1] !== undefined && hyphen[2] !== undefined) {
      const to = parts(hyphen[2], range);
      narrow(fill(parts(hyphen[1], range)), to.length === 0 ? undefined : next(to, to.length - 1));
      return interval;
    }
    // ">= 20.0.0" (a space after the operator, as redis writes it) is one comparator.
    for (const comparator of alternative.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/)) {
      const [, operator = '', version = ''] = /^(>=|<=|>|<|=|\^|~)?(.*)$/.exec(comparator) ?? [];
      if (version === '' || version === '*' || version === 'x' || version === 'X') continue;
      const v = parts(version, range);
      const last = Math.max(v.length - 1, 0);
      if (v.length === 0) continue;
      if (operator === '>=') narrow(fill(v), undefined);
      else if (operator === '>') narrow(next(v, last), undefined);
      else if (operator === '<') narrow([0, 0, 0], fill(v));
      else if (operator === '<=') narrow([0, 0, 0], next(v, last));
      else if (operator === '~') narrow(fill(v), next(v, Math.min(last, 1)));
      else if (operator === '^') {
        const firstNonZero = v.findIndex((n) => n !== 0);
        narrow(fill(v), next(v, firstNonZero === -1 ? last : firstNonZero));
      } else narrow(fill(v), next(v, last));
    }
    return interval;
  });
}

/** Whether `range` admits every release from `minimum` on (the union of its alternatives may do it together). */
export function coversFrom(range: string, minimum: Version): boolean {
  const spans = intervals(range);
  let at = minimum;
  for (;;) {
    const span = spans.find(({ from, to }) => compare(from, at) <= 0 && (to === undefined || compare(at, to) < 0));
    if (span === undefined) return false;
    if (span.to === undefined) return true;
    at = span.to;
  }
}

/**
 * Whether `version` (such as `v22.12.0` or `1.4.4`) satisfies `range`; a form the reader does not
 * know throws, so that an engines field it cannot read fails loudly instead of skipping.
 */
export function satisfies(version: string, range: string): boolean {
  const [major = 0, minor = 0, patch = 0] = version.replace(/^v/, '').split(/[.+-]/).map(Number);
  const have: Version = [major, minor, patch];
  return intervals(range).some(({ from, to }) => compare(from, have) <= 0 && (to === undefined || compare(have, to) < 0));
}
