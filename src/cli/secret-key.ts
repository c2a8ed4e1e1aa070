import { readFile } from 'node:fs/promises';
import { UsageError } from './usage-error.js';

/** The flags that give a secret key: a file to read it from, or (discouraged) the key itself. */
export const secretKeyFlags = { 'secret-key': { type: 'string' }, 'secret-key-file': { type: 'string' } } as const;

/** The secret key flags as `parseArgs` returns them. */
export type SecretKeyValues = { [K in keyof typeof secretKeyFlags]?: string | undefined };

/** A secret key and whether it was given on the command line. */
export interface SecretKey {
  readonly key: string;
  /** True for `--secret-key`: then every user of the machine can read it in `ps`. */
  readonly onCommandLine: boolean;
}

/** The one-line warning for a secret given as a flag; names the flag, never the value. */
export function visibleSecretWarning(flag: string, instead: string): string {
  return `warning: ${flag} is visible to other users of this machine (ps); use ${instead}`;
}

/** The warning for `--secret-key`. */
export const secretKeyWarning = visibleSecretWarning('--secret-key', 'TIM_SECRET_KEY or --secret-key-file');

// Errors name the file, never its content.
async function readKeyFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const key = text.trim();
  if (key === '') throw new UsageError(`${path} holds no secret key`);
  return key;
}

/**
 * The secret key from `--secret-key-file` (its content trimmed), `--secret-key` or
 * TIM_SECRET_KEY, or undefined when none is given.
 */
export async function readSecretKey(values: SecretKeyValues, env: NodeJS.ProcessEnv): Promise<SecretKey | undefined> {
  const { 'secret-key': onArgv, 'secret-key-file': file } = values;
  if (onArgv !== undefined && file !== undefined) throw new UsageError('give --secret-key or --secret-key-file, not both');
  if (file !== undefined) return { key: await readKeyFile(file), onCommandLine: false };
  if (onArgv !== undefined) return { key: onArgv, onCommandLine: true };
  const key = env.TIM_SECRET_KEY;
  return key === undefined ? undefined : { key, onCommandLine: false };
}
