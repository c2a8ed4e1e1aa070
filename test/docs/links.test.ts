// README.md and the guides in docs/ read the same on the API site and on GitHub (the scheme is
// written down at the top of typedoc.json): no `{@link}` in markdown, every relative link points to
// a file that exists (and a heading that exists, for `guide.md#anchor`), and the site lists every
// guide, in reading order, as the README does.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { headingAnchors, markdownFiles, markdownLinks, proseOnly, repoPath, root, withoutFences } from './extract.js';

/** The guides, in reading order. */
const readingOrder = [
  'docs/getting-started.md',
  'docs/configuration.md',
  'docs/pipeline.md',
  'docs/writing-a-plugin.md',
  'docs/batches-and-failures.md',
  'docs/endpoints.md',
  'docs/managing-relationships.md',
  'docs/rate-limits.md',
  'docs/logging.md',
  'docs/tracing.md',
  'docs/testing-with-the-emulator.md',
  'docs/using-timfetch-in-a-browser.md',
  'docs/error-codes.md',
  'docs/command.md',
];

const typedoc = ts.parseConfigFileTextToJson('typedoc.json', readFileSync(join(root, 'typedoc.json'), 'utf8'));
const config = typedoc.config as { readme?: string; projectDocuments?: string[] };
const files = markdownFiles();
/** Where a guide links a file the package does not ship (examples/, bench/, test/): the repository. */
const repository = 'https://github.com/timfetch/timfetch/blob/main/';
const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

describe('documentation links', () => {
  it('typedoc.json reads', () => {
    expect(typedoc.error).toBeUndefined();
  });

  it('the site opens on README.md and lists the guides in reading order', () => {
    expect(config.readme).toBe('README.md');
    expect(config.projectDocuments).toEqual(readingOrder);
  });

  it('every guide in the reading order exists, and every docs/*.md is in it', () => {
    const guides = files.map(repoPath).filter((file) => file.startsWith('docs/'));
    expect(readingOrder.filter((file) => !existsSync(join(root, file)))).toEqual([]);
    expect(guides.filter((file) => !readingOrder.includes(file))).toEqual([]);
  });

  it('README.md links to the guides in reading order', () => {
    const linked = markdownLinks(readFileSync(join(root, 'README.md'), 'utf8'))
      .map((link) => link.target.split('#')[0] ?? '')
      .filter((target) => readingOrder.includes(target));
    expect(linked).toEqual(readingOrder);
  });

  it.each(files.map(repoPath))('%s has no {@link} (GitHub shows it raw)', (file) => {
    const prose = proseOnly(readFileSync(join(root, file), 'utf8')).split('\n');
    const found = prose.flatMap((line, i) => (/\{@link(code|plain)?\s/.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
    expect(found).toEqual([]);
  });

  it.each(files.map(repoPath))('%s: every relative link points to an existing file and heading', (file) => {
    const broken: string[] = [];
    for (const link of markdownLinks(readFileSync(join(root, file), 'utf8'))) {
      if (isExternal(link.target)) continue;
      const [path = '', anchor] = link.target.split('#');
      const target = path === '' ? join(root, file) : resolve(dirname(join(root, file)), decodeURIComponent(path.split('?')[0] ?? ''));
      if (!existsSync(target)) {
        broken.push(`${file}:${link.line}: ${link.target} (no such file)`);
      } else if (anchor && target.endsWith('.md')) {
        const { github, typedoc } = headingAnchors(readFileSync(target, 'utf8'));
        if (!github.has(anchor)) broken.push(`${file}:${link.line}: ${link.target} (no heading #${anchor} in ${repoPath(target)} on GitHub)`);
        else if (!typedoc.has(anchor)) {
          broken.push(`${file}:${link.line}: ${link.target} (the site's anchor differs: TypeDoc drops code spans from heading anchors; link a heading without one)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  // The package holds dist/ only, and the site is read apart from the repository: a bare
  // `examples/plugin-metrics.ts` sends a reader to a file they do not have.
  it.each(files.map(repoPath))('%s links every repository file it names (examples/, bench/, test/) to the repository', (file) => {
    const text = withoutFences(readFileSync(join(root, file), 'utf8'));
    const bare: string[] = [];
    for (const match of text.matchAll(/`((?:examples|bench|test)\/[^`\s]*)`/g)) {
      const [span, path = ''] = match;
      const linked = text[match.index - 1] === '[' && text.startsWith(`](${repository}${path})`, match.index + span.length);
      if (!linked) bare.push(`${file}: ${path} (link it: [\`${path}\`](${repository}${path}))`);
      else if (!existsSync(join(root, path))) bare.push(`${file}: ${path} (no such file in the repository)`);
    }
    expect(bare).toEqual([]);
  });
});
