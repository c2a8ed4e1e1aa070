// The built `timfetch` command runs on the library's own dist/ modules instead of carrying a second
// copy of it (dist/cli.js was a 287 kB bundle of the library and the command). Run `rollup -c` first.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf } from '../support/import-graph.js';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const cli = join(dist, 'cli.js');

/** Every ESM file of dist/ that a Node import can load (the minified browser bundle aside). */
function esmFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return esmFiles(path);
    return name.endsWith('.js') && name !== 'timfetch.browser.js' ? [path] : [];
  });
}

/** The dist/ files `entry` loads, itself included, following its relative static imports. */
function moduleGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of importsOf(file)) if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
  };
  visit(entry);
  return seen;
}

describe('dist/cli.js', () => {
  it('is a small executable entry, not a bundle', () => {
    const source = readFileSync(cli, 'utf8');
    expect(source.startsWith('#!/usr/bin/env node\n')).toBe(true);
    // 3.3 kB when this landed: main.ts alone.
    expect(source.length).toBeLessThan(8 * 1024);
    expect(importsOf(cli)).toEqual(expect.arrayContaining(['./modules/src/cli/commands.js']));
  });

  it('shares the library modules the package entry loads: one createClient in dist/, reached from both', () => {
    const definitions = esmFiles(dist).filter((file) => /\bfunction createClient\(/.test(readFileSync(file, 'utf8')));
    expect(definitions.map((file) => relative(dist, file))).toEqual(['modules/src/client/create-client.js']);
    const [createClient = ''] = definitions;
    expect(moduleGraph(join(dist, 'index.js')).has(createClient)).toBe(true);
    expect(moduleGraph(cli).has(createClient)).toBe(true);
  });
});
