import { maxUserIdBytes, utf8Length } from '../endpoints/user-id.js';
import { UsageError } from './usage-error.js';
import { fileBytes, utf8Lines } from './utf8-lines.js';

/** An account id read from an id file, with its line (counted from 1) to name it in messages. */
export interface NumberedId {
  readonly id: string;
  readonly line: number;
}

// C0 controls, DEL and C1 controls: invisible on a terminal, and a NUL ends a C string.
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/;

const codePointName = (character: string) => `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * What is wrong with an account id, or undefined: the one check for ids on the command line and
 * in files, made here so that a bad id is named by its place.
 */
function idProblem(id: string): string | undefined {
  if (/[\s,]/.test(id)) return 'account id contains a comma or whitespace';
  const control = controlCharacter.exec(id)?.[0];
  if (control !== undefined) return `account id contains a control character (${codePointName(control)})`;
  // Node decodes invalid UTF-8 in argv to U+FFFD: the only trace of it, and distinct ids would merge.
  if (id.includes('\uFFFD')) return 'account id contains U+FFFD, the mark of text that was not valid UTF-8';
  if (utf8Length(id) > maxUserIdBytes) return `account id over ${maxUserIdBytes} bytes`;
  return undefined;
}

/**
 * The ids of an id file's bytes, with their lines: UTF-8, one id per line, blank lines and `#`
 * comment lines skipped, a UTF-8 byte order mark at the start skipped. A UTF-16 file, a line
 * that is not UTF-8 and a bad id are usage errors naming `name` (and the line). Streams: ids
 * come as the bytes arrive, and only one line is held at a time.
 */
export async function* idsFromBytes(chunks: AsyncIterable<Uint8Array>, name: string): AsyncGenerator<NumberedId> {
  for await (const { text, line } of utf8Lines(chunks, name, 'an id file')) {
    // trim() also drops the CR of a CRLF line, and a UTF-8 byte order mark (U+FEFF is whitespace here).
    const id = text.trim();
    if (id === '' || id.startsWith('#')) continue;
    const problem = idProblem(id);
    if (problem !== undefined) throw new UsageError(`${name}:${line}: ${problem}`);
    yield { id, line };
  }
}

/** The ids of an id file, streamed with their lines; see {@link idsFromBytes}. */
export function idsFromFile(path: string): AsyncGenerator<NumberedId> {
  return idsFromBytes(fileBytes(path), path);
}

/**
 * The accounts of a `--to` value, in order, as they are read: comma-separated ids, `@file`s and
 * `@-` (the ids on standard input), mixed as needed (`bob,@more-ids.txt`). Duplicates are kept:
 * the SDK collapses them (or, streamed, answers each), the caller counts them. A value that
 * holds no account is a usage error, once it has been read to its end.
 */
export async function* streamAccounts(value: string, stdin: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  let any = false;
  for (const item of value.split(',').map((part) => part.trim())) {
    if (item === '') continue;
    if (item.startsWith('@')) {
      if (item === '@') throw new UsageError('--to: @ needs a file name (or @- for standard input)');
      const ids = item === '@-' ? idsFromBytes(stdin, 'standard input') : idsFromFile(item.slice(1));
      for await (const { id } of ids) {
        any = true;
        yield id;
      }
      continue;
    }
    const problem = idProblem(item);
    if (problem !== undefined) throw new UsageError(`--to: ${JSON.stringify(item)}: ${problem}`);
    any = true;
    yield item;
  }
  if (!any) throw new UsageError(`--to ${value} holds no account`);
}

/** The accounts of a `--to` value, all of them (see {@link streamAccounts}). */
export async function readAccounts(value: string, stdin: AsyncIterable<Uint8Array>): Promise<string[]> {
  const accounts: string[] = [];
  // One at a time: a file's ids spread as arguments of push() overflow the stack (about 130,000 on Node 20).
  for await (const id of streamAccounts(value, stdin)) accounts.push(id);
  return accounts;
}
