// Every ```ts block in README.md and docs/*.md, and every `@example` in src/ and plugins/, compiles
// against the BUILT package: `timfetch`, `timfetch/plugin-kit`, `timfetch/emulator` and
// `timfetch/plugins/*` resolve through package.json `exports` to dist/*.d.ts (the package importing
// itself by name), as a user's code would. `npm test` builds dist/ before vitest runs.
//
// Each snippet is its own module (top-level await allowed), all in one TypeScript program.
// Names a snippet uses without defining them:
// - test/docs/prelude.ts (`tim`, `secretKey`, …) — imported for every snippet;
// - for `@example` blocks only: the package's public exports (the example sits on the API page
//   of the thing it shows, so its imports would be noise); a guide or README block imports what
//   it uses, since a reader copies it whole.
// A bare value `@example` on a property (`@example 'nonce'`) is checked as a value of that
// property's type. Failures are reported as `file:line: TSnnnn message`, line in the original file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleSnippets, markdownFiles, markdownSnippets, repoPath, root, sourceFiles, type Snippet } from './extract.js';

const prelude = join(root, 'test/docs/prelude.ts');
const snippetDir = join(root, 'test/docs');

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: ['node'],
  typeRoots: [join(root, 'node_modules/@types')],
  strict: true,
  skipLibCheck: true,
  noEmit: true,
};

interface Manifest {
  name: string;
  exports: Record<string, string | { import?: { types?: string } }>;
}

/** Public entry points: specifier → dist/*.d.ts, from package.json `exports`. */
function entryPoints(): Map<string, string> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
  const entries = new Map<string, string>();
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string' || !target.import?.types) continue;
    entries.set(subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`, join(root, target.import.types));
  }
  return entries;
}

/** Names exported by each entry point's built declarations. */
function exportedNames(entries: Map<string, string>): Map<string, Set<string>> {
  const program = ts.createProgram([...entries.values()], options);
  const checker = program.getTypeChecker();
  const names = new Map<string, Set<string>>();
  for (const [specifier, file] of entries) {
    const source = program.getSourceFile(file);
    const symbol = source && checker.getSymbolAtLocation(source);
    names.set(specifier, new Set(symbol ? checker.getExportsOfModule(symbol).map((s) => s.name) : []));
  }
  return names;
}

/** For an example in `file`: entry points in the order their names are preferred. */
function entryPriority(file: string, specifiers: string[]): string[] {
  const first: string[] = [];
  const plugin = /^plugins\/([\w-]+)\.ts$/.exec(file);
  if (plugin) first.push(`timfetch/plugins/${plugin[1]}`, 'timfetch/plugin-kit');
  if (file.startsWith('src/emulator/')) first.push('timfetch/emulator');
  if (file === 'src/plugin-kit.ts') first.push('timfetch/plugin-kit');
  const rest = ['timfetch', 'timfetch/plugin-kit', 'timfetch/emulator', ...specifiers.sort()];
  return [...new Set([...first, ...rest])].filter((s) => specifiers.includes(s));
}

/** Top-level names a snippet declares (imports, variables, functions, classes, types) and every identifier it uses. */
function names(code: string): { declared: Set<string>; used: Set<string> } {
  const source = ts.createSourceFile('snippet.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const declared = new Set<string>();
  const bind = (name: ts.BindingName) => {
    if (ts.isIdentifier(name)) declared.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      if (clause.name) declared.add(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) declared.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) declared.add(element.name.text);
    } else if (ts.isImportEqualsDeclaration(statement)) {
      declared.add(statement.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) bind(declaration.name);
    } else if (
      (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) &&
      statement.name && ts.isIdentifier(statement.name)
    ) {
      declared.add(statement.name.text);
    }
  }
  const used = new Set<string>();
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node)) used.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { declared, used };
}

interface Unit {
  snippet: Snippet;
  /** Virtual file name of the snippet's module. */
  fileName: string;
  text: string;
}

/** The snippet as a module: one line of imports (and the value wrapper), the code, `export {}`. */
function toModule(snippet: Snippet, index: number, apiNames: Map<string, Set<string>> | undefined, preludeNames: Set<string>): Unit {
  const { declared, used } = names(snippet.code);
  const imports = new Map<string, string[]>();
  const take = (specifier: string, name: string) => {
    if (declared.has(name)) return;
    declared.add(name);
    imports.set(specifier, [...(imports.get(specifier) ?? []), name]);
  };
  for (const name of preludeNames) if (used.has(name)) take('./prelude.js', name);
  if (apiNames) {
    const wanted = new Set(used);
    if (snippet.propertyValue) wanted.add(snippet.propertyValue.owner);
    for (const specifier of entryPriority(snippet.file, [...apiNames.keys()])) {
      for (const name of apiNames.get(specifier) ?? []) if (wanted.has(name)) take(specifier, name);
    }
  }
  let head = [...imports].map(([specifier, list]) => `import { ${list.join(', ')} } from '${specifier}';`).join(' ');
  let tail = 'export {};';
  if (snippet.propertyValue) {
    head += ` const __example: ${snippet.propertyValue.owner}[${JSON.stringify(snippet.propertyValue.property)}] = (`;
    tail = `); ${tail}`;
  }
  const slug = snippet.file.replace(/[^\w]+/g, '_');
  return {
    snippet,
    fileName: join(snippetDir, `__snippet_${slug}_${snippet.lines[0] ?? 0}_${index}.ts`),
    text: `${head}\n${snippet.code}\n${tail}\n`,
  };
}

const markdown = markdownFiles().map((path) => ({ file: repoPath(path), snippets: markdownSnippets(path) }));
const examples = sourceFiles()
  .map((path) => ({ file: repoPath(path), snippets: exampleSnippets(path) }))
  .filter((entry) => entry.snippets.length > 0);
const groups = [...markdown, ...examples];

/** file → its failures, `file:line: TSnnnn message`. */
const failures = new Map<string, string[]>();
const general: string[] = [];

function check(): void {
  const entries = entryPoints();
  const missing = [...entries.values()].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    general.push(`dist/ is not built (missing ${missing.map(repoPath).join(', ')}): run \`npm run build\` first`);
    return;
  }
  const apiNames = exportedNames(entries);
  const preludeSource = ts.createSourceFile(prelude, readFileSync(prelude, 'utf8'), ts.ScriptTarget.Latest, true);
  const preludeNames = new Set(
    preludeSource.statements.filter(ts.isVariableStatement).flatMap((s) => s.declarationList.declarations.map((d) => d.name.getText())),
  );
  const units = new Map<string, Unit>();
  let index = 0;
  for (const group of markdown) for (const s of group.snippets) { const u = toModule(s, index++, undefined, preludeNames); units.set(u.fileName, u); }
  for (const group of examples) for (const s of group.snippets) { const u = toModule(s, index++, apiNames, preludeNames); units.set(u.fileName, u); }

  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (fileName) => units.has(fileName) || fileExists.call(host, fileName);
  host.readFile = (fileName) => units.get(fileName)?.text ?? readFile.call(host, fileName);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const unit = units.get(fileName);
    return unit ? ts.createSourceFile(fileName, unit.text, languageVersion, true, ts.ScriptKind.TS) : getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate);
  };
  if (process.env.SNIPPETS_DUMP) for (const u of units.values()) console.log(u.fileName + "\n" + u.text);
  const program = ts.createProgram([...units.keys()], options, host);

  for (const diagnostic of [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()]) {
    general.push(ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '));
  }
  for (const unit of units.values()) {
    const source = program.getSourceFile(unit.fileName);
    if (!source) continue;
    for (const diagnostic of [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]) {
      const virtualLine = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line; // 0: the import line
      const { lines, file } = unit.snippet;
      const line = lines[Math.min(Math.max(virtualLine - 1, 0), lines.length - 1)] ?? 0;
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
      const list = failures.get(file) ?? [];
      list.push(`${file}:${line}: TS${diagnostic.code} ${message}`);
      failures.set(file, list);
    }
  }
}

describe('documentation snippets compile against the built package', () => {
  beforeAll(check, 120_000);

  it('the package is built and the snippet program has no global errors', () => {
    expect(general).toEqual([]);
  });

  it('finds the snippets', () => {
    expect(markdown.find((m) => m.file === 'README.md')?.snippets.length).toBeGreaterThan(0);
    expect(examples.reduce((sum, e) => sum + e.snippets.length, 0)).toBeGreaterThan(100);
  });

  it.each(groups.map((g) => [g.file, g.snippets.length] as const))('%s (%i snippets)', (file) => {
    expect(failures.get(file) ?? []).toEqual([]);
  });
});

// The program above resolves as a bundler does, where `import Redis from 'ioredis'` compiles; in
// an ESM app on Node (TypeScript NodeNext) ioredis 6's default import is the module object, not
// the class (TS2351), so the documentation imports it by name.
describe('snippets import ioredis as an ESM app on Node can', () => {
  const ioredisImports = groups.flatMap(({ file, snippets }) =>
    snippets.flatMap((snippet) => [...snippet.code.matchAll(/^import\s+(.+?)\s+from\s+['"]ioredis['"]/gm)].map(([, clause = '']) => ({ file, clause }))),
  );

  it('finds the ioredis snippets', () => {
    expect(ioredisImports.length).toBeGreaterThan(0);
  });

  it('imports { Redis } by name, never the default export', () => {
    expect(ioredisImports.filter(({ clause }) => !/^\{[^}]*\bRedis\b[^}]*\}$/.test(clause))).toEqual([]);
  });
});
