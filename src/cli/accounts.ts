import { readFile } from 'node:fs/promises';
import { UsageError } from './usage-error.js';

/**
 * The accounts of a `--to` value: `a,b,c`, or `@path` to a file with accounts separated by
 * newlines, commas or spaces. Blank entries are skipped; everything else is checked by the SDK.
 */
export async function readAccounts(value: string): Promise<string[]> {
  let text = value;
  if (value.startsWith('@')) {
    const path = value.slice(1);
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  const accounts = text.split(/[\s,]+/).filter((account) => account !== '');
  if (accounts.length === 0) throw new UsageError(`--to ${value} holds no account`);
  return accounts;
}
