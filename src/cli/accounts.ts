import { readFile } from 'node:fs/promises';
import { maxUserIdBytes, utf8Length } from '../user-id.js';
import { UsageError } from './usage-error.js';

/** What is wrong with an account id, or undefined. Checked here so a bad one is named by its place. */
function idProblem(id: string): string | undefined {
  if (/[\s,]/.test(id)) return 'account id contains a comma or whitespace';
  if (utf8Length(id) > maxUserIdBytes) return `account id over ${maxUserIdBytes} bytes`;
  return undefined;
}

/** The ids of a file: one per line, blank lines and `#` comment lines skipped. */
async function readIdFile(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const ids: string[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    const id = line.trim();
    if (id === '' || id.startsWith('#')) continue;
    const problem = idProblem(id);
    if (problem !== undefined) throw new UsageError(`${path}:${index + 1}: ${problem}`);
    ids.push(id);
  }
  return ids;
}

/**
 * The accounts of a `--to` value, in order: comma-separated ids and `@file`s, mixed as needed
 * (`bob,@more-ids.txt`). Duplicates are kept: the SDK collapses them, the caller counts them.
 */
export async function readAccounts(value: string): Promise<string[]> {
  const accounts: string[] = [];
  for (const item of value.split(',').map((part) => part.trim())) {
    if (item === '') continue;
    if (item.startsWith('@')) {
      if (item === '@') throw new UsageError('--to: @ needs a file name');
      accounts.push(...(await readIdFile(item.slice(1))));
      continue;
    }
    const problem = idProblem(item);
    if (problem !== undefined) throw new UsageError(`--to: ${JSON.stringify(item)}: ${problem}`);
    accounts.push(item);
  }
  if (accounts.length === 0) throw new UsageError(`--to ${value} holds no account`);
  return accounts;
}
