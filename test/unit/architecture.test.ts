// The house rules a reader can't see from one file: no import cycles, and built-in plugins that
// use only what an outside plugin author can import.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycle, importsOf, root, sourceFiles } from '../support/import-graph.js';

const publicEntries = ['../src/index.js', '../src/plugin-kit.js'];
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: object; peerDependencies: object };
// Runtime dependencies, and the optional peers a plugin is for (the Redis clients, OpenTelemetry's API).
const dependencies = [...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies)];

describe('architecture', () => {
  it('has no import cycle in src/ and plugins/, type-only imports included', () => {
    expect(findCycle(sourceFiles('src', 'plugins'))).toBeUndefined();
  });

  it('finds a cycle when there is one (the checker itself works)', () => {
    const cycle = findCycle([join(root, 'test/support/cycle-a.fixture.ts'), join(root, 'test/support/cycle-b.fixture.ts')]);
    expect(cycle).toEqual(['test/support/cycle-a.fixture.ts', 'test/support/cycle-b.fixture.ts', 'test/support/cycle-a.fixture.ts']);
  });

  it.each(sourceFiles('plugins').map((file) => [basename(file), file]))(
    'plugins/%s imports only the public entry points, runtime dependencies and optional peers',
    (_name, file) => {
      const imports = importsOf(file);
      expect(imports.length).toBeGreaterThan(0);
      const private_ = imports.filter((specifier) => !publicEntries.includes(specifier) && !dependencies.includes(specifier));
      expect(private_).toEqual([]);
    },
  );
});
