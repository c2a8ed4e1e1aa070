// The generated API site (docs-site/, built by `typedoc` in `npm test` before vitest runs) as a new
// reader meets it: it opens on the introduction (README.md), its sidebar lists the guides in
// reading order before the modules, and createClient's page shows the client options.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { root } from './extract.js';

const site = join(root, 'docs-site');
const titles = [
  'Getting started',
  'Configuration',
  'The pipeline',
  'Writing a plugin',
  'Batches and failures',
  'Endpoints, kinds and effects',
  'Managing relationships',
  'Rate limits across processes',
  'Logging and observability',
  'Tracing and metrics (OpenTelemetry)',
  'Testing your tool with the emulator',
  'Using timfetch in a browser tool',
  'Error codes',
  'The command',
];

interface NavigationNode {
  text: string;
  path?: string;
  kind?: number;
  children?: NavigationNode[];
}

const read = (path: string) => readFileSync(join(site, path), 'utf8');
/** Visible text of a page's main column. */
const pageText = (path: string) =>
  (/<div class="col-content">([\s\S]*?)<div class="col-sidebar"/.exec(read(path))?.[1] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe.runIf(existsSync(join(site, 'index.html')))('the API site (docs-site/)', () => {
  it('opens on the introduction: what timfetch is, the two commands, an example', () => {
    const text = pageText('index.html');
    expect(text).toContain('TypeScript SDK');
    expect(text).toContain('npm install && npm start');
    expect(text).toContain('npm test');
    expect(text).toContain('createClient');
  });

  it('lists the guides first, in reading order', () => {
    const data = /window\.navigationData = "([^"]*)"/.exec(read('assets/navigation.js'))?.[1] ?? '';
    const navigation = JSON.parse(inflateSync(Buffer.from(data, 'base64')).toString('utf8')) as NavigationNode[];
    expect(navigation.slice(0, titles.length).map((node) => node.text)).toEqual(titles);
  });

  it("shows createClient's options on its page", () => {
    const text = pageText('functions/timfetch.createClient.html');
    for (const option of ['sdkAppId', 'identifier', 'region', 'baseUrl', 'timeout', 'rateLimit', 'plugins', 'secretKey', 'getUserSig']) {
      expect(text).toContain(option);
    }
  });
});

it('the API site is built (npm test runs typedoc before vitest)', () => {
  expect(existsSync(join(site, 'index.html')), 'docs-site/ is missing: run `npm run docs`').toBe(true);
});
