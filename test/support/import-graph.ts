// The project's own import graph, read from the source text (type-only imports included), for
// architecture tests: no cycles, and built-in plugins that use only the public entry points.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const root = resolve(dirname(new URL(import.meta.url).pathname), '../..');

// Static imports and re-exports (`import … from`, `import type … from`, `export … from`, bare
// `import '…'`); dynamic `import()` is left out on purpose: it is how code stays out of a bundle.
const importPattern = /^\s*(?:import|export)\s+(?:[^'"`;]*?\s+from\s+)?['"]([^'"]+)['"]/gm;

/** Every module specifier `file` imports statically. */
export function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(importPattern)].map((match) => match[1] as string);
}

/** The `.ts` file a relative specifier names (`./x.js` → `./x.ts`, `./dir/index.js`). */
export function resolveRelative(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier.replace(/\.js$/, ''));
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) if (existsSync(candidate)) return candidate;
  return undefined;
}

/** Every `.ts` file under the given folders of the repository. */
export function sourceFiles(...folders: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) files.push(path);
    }
  };
  for (const folder of folders) walk(join(root, folder));
  return files.sort();
}

/** The first import cycle among `files`, as a list of repository-relative paths, or undefined. */
export function findCycle(files: readonly string[]): string[] | undefined {
  const edges = new Map(files.map((file) => [file, importsOf(file).filter((s) => s.startsWith('.')).flatMap((s) => resolveRelative(file, s) ?? [])]));
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (file: string): string[] | undefined => {
    if (onPath.has(file)) return [...path.slice(path.indexOf(file)), file].map((f) => relative(root, f));
    if (done.has(file)) return undefined;
    path.push(file);
    onPath.add(file);
    for (const target of edges.get(file) ?? []) {
      const cycle = visit(target);
      if (cycle !== undefined) return cycle;
    }
    path.pop();
    onPath.delete(file);
    done.add(file);
    return undefined;
  };
  for (const file of files) {
    const cycle = visit(file);
    if (cycle !== undefined) return cycle;
  }
  return undefined;
}
