// Reading documentation sources: fenced blocks and links in markdown, `@example` blocks in TSDoc.
// Used by snippets.test.ts and links.test.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export const root = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');

/** A path relative to the repository root, with forward slashes. */
export const repoPath = (absolute: string): string => relative(root, absolute).split('\\').join('/');

/** The markdown files whose snippets and links are checked: README.md and docs/*.md. */
export function markdownFiles(): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => join(root, 'docs', name));
  return [join(root, 'README.md'), ...docs];
}

/** Every .ts file under src/ and plugins/. */
export function sourceFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : name.endsWith('.ts') ? [path] : [];
      });
  return [...walk(join(root, 'src')), ...walk(join(root, 'plugins'))];
}

/** A piece of TypeScript found in documentation. */
export interface Snippet {
  /** Repository-relative file it comes from. */
  file: string;
  /** The code, with the comment decoration (` * `) removed. */
  code: string;
  /** `lines[i]` is the 1-based line in `file` of the code's line i. */
  lines: number[];
  /** For a bare value `@example` on a property (`@example 'nonce'`): the property's type. */
  propertyValue?: { owner: string; property: string };
}

export interface Fence {
  lang: string;
  /** 1-based line of the opening fence. */
  line: number;
  body: string[];
}

const fenceOpen = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/;

/** Fenced code blocks of a markdown text (indented fences included, their indent removed). */
export function fences(text: string): Fence[] {
  const result: Fence[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = fenceOpen.exec(lines[i] ?? '');
    if (!open) continue;
    const [, indent = '', marker = '```', lang = ''] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j] ?? '';
      if (line.trim().startsWith(marker) && line.trim().replace(/[`~]/g, '') === '') break;
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart());
    }
    result.push({ lang: lang.toLowerCase(), line: i + 1, body });
    i = j;
  }
  return result;
}

const tsLangs = new Set(['ts', 'typescript', 'mts', 'cts', 'tsx']);

/** The ```ts blocks of a markdown file. */
export function markdownSnippets(path: string): Snippet[] {
  const file = repoPath(path);
  return fences(readFileSync(path, 'utf8'))
    .filter((fence) => tsLangs.has(fence.lang))
    .map((fence) => ({ file, code: fence.body.join('\n'), lines: fence.body.map((_, i) => fence.line + 1 + i) }));
}

/** A markdown text with its fenced blocks blanked (line numbers kept). */
export function withoutFences(text: string): string {
  const lines = text.split('\n');
  for (const fence of fences(text)) {
    for (let i = fence.line - 1; i <= fence.line + fence.body.length && i < lines.length; i++) lines[i] = '';
  }
  return lines.join('\n');
}

/** Markdown text with fenced blocks and code spans blanked (same length, same lines). */
export function proseOnly(text: string): string {
  return withoutFences(text).replace(/(`+)[\s\S]*?\1/g, (span) => span.replace(/[^\n]/g, ' '));
}

export interface MarkdownLink {
  target: string;
  line: number;
}

/** Inline links and images `[text](target)`, `<a href>`, and reference definitions `[id]: target`. */
export function markdownLinks(text: string): MarkdownLink[] {
  const prose = proseOnly(text);
  const lineOf = (index: number) => prose.slice(0, index).split('\n').length;
  const links: MarkdownLink[] = [];
  for (const m of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) links.push({ target: m[1]!, line: lineOf(m.index) });
  for (const m of prose.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) links.push({ target: m[1]!, line: lineOf(m.index) });
  for (const m of prose.matchAll(/\b(?:href|src)="([^"]+)"/g)) links.push({ target: m[1]!, line: lineOf(m.index) });
  return links;
}

/**
 * The heading anchors of a markdown file, as GitHub makes them and as TypeDoc makes them. They
 * differ for a heading with a code span: GitHub keeps its text (`#proxies-baseurl-and-contenttype`),
 * TypeDoc drops it (`#proxies-and`); a link that works in both places needs an anchor in both sets.
 */
export function headingAnchors(text: string): { github: Set<string>; typedoc: Set<string> } {
  const github = new Set<string>();
  const typedoc = new Set<string>();
  const seenGithub = new Map<string, number>();
  const seenTypedoc = new Map<string, number>();
  const add = (set: Set<string>, seen: Map<string, number>, slug: string) => {
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    set.add(count === 0 ? slug : `${slug}-${count}`);
  };
  const lines = text.split('\n');
  const blanked = new Set<number>();
  for (const fence of fences(text)) for (let i = fence.line - 1; i <= fence.line + fence.body.length; i++) blanked.add(i);
  lines.forEach((line, i) => {
    if (blanked.has(i)) return;
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) return;
    const raw = heading[1]!.replace(/<[^>]+>/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    add(github, seenGithub, raw.replace(/`/g, '').toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'));
    const withoutCode = raw.replace(/(`+)[\s\S]*?\1/g, '').trim();
    const slug = withoutCode
      .replace(/[\u2000-\u206F\u2E00-\u2E7F\\'!"#$%&()*+,./:;<=>?@[\]^`{|}~]/g, '')
      .replace(/\s/g, '-')
      .replace(/--+/, '-');
    add(typedoc, seenTypedoc, (slug || '_').toLocaleLowerCase());
  });
  return { github, typedoc };
}

/**
 * The `@example` blocks of a TypeScript file's doc comments. An example with a fenced block
 * contributes its ```ts blocks; one without (TypeDoc then shows the whole tag as code, e.g.
 * `@example 'nonce'` on a property) contributes its text, checked as a value of the property's type.
 */
export function exampleSnippets(path: string): Snippet[] {
  const file = repoPath(path);
  const text = readFileSync(path, 'utf8');
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const owners = new Map<number, ts.Node>();
  const visit = (node: ts.Node) => {
    for (const range of ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []) {
      if (text.startsWith('/**', range.pos) && !owners.has(range.pos)) owners.set(range.pos, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const snippets: Snippet[] = [];
  for (const [pos, owner] of owners) {
    const end = text.indexOf('*/', pos) + 2;
    const firstLine = source.getLineAndCharacterOfPosition(pos).line + 1;
    const comment = text
      .slice(pos, end)
      .split('\n')
      .map((line) => line.replace(/^\s*(\/\*\*|\*\/|\*(?!\/))? ?/, '').replace(/\s*\*\/$/, ''));
    for (let i = 0; i < comment.length; i++) {
      const tag = /^@example\b\s*(.*)$/.exec(comment[i] ?? '');
      if (!tag) continue;
      // The tag runs to the next block tag outside a fence.
      const content: { text: string; line: number }[] = [{ text: tag[1] ?? '', line: firstLine + i }];
      let inFence = false;
      for (let j = i + 1; j < comment.length; j++) {
        const line = comment[j] ?? '';
        if (/^\s*(`{3,}|~{3,})/.test(line)) inFence = !inFence;
        if (!inFence && /^@\w+/.test(line)) break;
        content.push({ text: line, line: firstLine + j });
      }
      const asMarkdown = content.map((c) => c.text).join('\n');
      const blocks = fences(asMarkdown);
      if (blocks.length > 0) {
        for (const block of blocks.filter((b) => tsLangs.has(b.lang))) {
          const startIndex = block.line; // index in content of the block's first code line
          snippets.push({
            file,
            code: block.body.join('\n'),
            lines: block.body.map((_, k) => content[startIndex + k]?.line ?? firstLine),
          });
        }
      } else {
        const body = content.filter((c) => c.text.trim() !== '');
        const snippet: Snippet = { file, code: body.map((c) => c.text).join('\n'), lines: body.map((c) => c.line) };
        const property = ownerProperty(owner);
        if (property) snippet.propertyValue = property;
        snippets.push(snippet);
      }
    }
  }
  return snippets.sort((a, b) => (a.lines[0] ?? 0) - (b.lines[0] ?? 0));
}

/** `{ owner: 'BaseClientOptions', property: 'plugins' }` for a property of a named interface, type or class. */
function ownerProperty(node: ts.Node): Snippet['propertyValue'] {
  if (!(ts.isPropertySignature(node) || ts.isPropertyDeclaration(node)) || !ts.isIdentifier(node.name)) return undefined;
  let container: ts.Node = node.parent;
  while (ts.isTypeLiteralNode(container) || ts.isIntersectionTypeNode(container) || ts.isUnionTypeNode(container) || ts.isParenthesizedTypeNode(container)) {
    container = container.parent;
  }
  if ((ts.isInterfaceDeclaration(container) || ts.isTypeAliasDeclaration(container) || ts.isClassDeclaration(container)) && container.name) {
    return { owner: container.name.text, property: node.name.text };
  }
  return undefined;
}
