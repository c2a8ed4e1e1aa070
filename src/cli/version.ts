import { readFileSync } from 'node:fs';

/**
 * The `version` of the package.json at `url`. Read when asked, not bundled: the built command
 * then always tells the version of the package it ships in.
 */
export function packageVersion(url: URL): string {
  const { version } = JSON.parse(readFileSync(url, 'utf8')) as { version?: unknown };
  if (typeof version !== 'string') throw new Error(`${url.pathname} has no version`);
  return version;
}
