import { createReadStream } from 'node:fs';
import { maxUserIdBytes, utf8Length } from '../endpoints/user-id.js';
import { UsageError } from './usage-error.js';

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

const lineFeed = 0x0a;
// Far beyond any id or comment: a longer line means a binary file (or /dev/zero), refused before
// it fills memory.
const maxLineBytes = 64 * 1024;
const utf16ByteOrderMarks = [
  { encoding: 'UTF-16LE', bytes: [0xff, 0xfe] },
  { encoding: 'UTF-16BE', bytes: [0xfe, 0xff] },
] as const;

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((byte, index) => bytes[index] === byte);

/** A line of a byte stream, without its LF, and its number (from 1). */
interface NumberedLine {
  readonly bytes: Uint8Array;
  readonly line: number;
}

/** The lines of a byte stream, split on LF; a line over {@link maxLineBytes} is refused. */
async function* byteLines(chunks: AsyncIterable<Uint8Array>, name: string): AsyncGenerator<NumberedLine> {
  let pieces: Uint8Array[] = []; // the line being read, when it spans chunks
  let pieceBytes = 0;
  let line = 1;
  const take = (piece: Uint8Array): void => {
    pieceBytes += piece.length;
    if (pieceBytes > maxLineBytes) throw new UsageError(`${name}:${line}: line over ${maxLineBytes} bytes (is it an id file?)`);
    pieces.push(piece);
  };
  const finish = (): NumberedLine => {
    const bytes = pieces.length === 1 ? (pieces[0] as Uint8Array) : Buffer.concat(pieces);
    pieces = [];
    pieceBytes = 0;
    return { bytes, line: line++ };
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let end = chunk.indexOf(lineFeed); end !== -1; end = chunk.indexOf(lineFeed, start)) {
      take(chunk.subarray(start, end));
      yield finish();
      start = end + 1;
    }
    if (start < chunk.length) take(chunk.subarray(start));
  }
  if (pieces.length > 0) yield finish();
}

/** Refuses a UTF-16 file by the byte order mark its first line starts with, naming the file. */
function refuseUtf16(firstLine: Uint8Array, name: string): void {
  const utf16 = utf16ByteOrderMarks.find((mark) => startsWith(firstLine, mark.bytes));
  if (utf16 !== undefined) throw new UsageError(`${name}: the file is UTF-16 (it starts with a ${utf16.encoding} byte order mark); save it as UTF-8`);
}

/**
 * The ids of an id file's bytes, with their lines: UTF-8, one id per line, blank lines and `#`
 * comment lines skipped, a UTF-8 byte order mark at the start skipped. A UTF-16 file, a line
 * that is not UTF-8 and a bad id are usage errors naming `name` (and the line). Streams: ids
 * come as the bytes arrive, and only one line is held at a time.
 */
export async function* idsFromBytes(chunks: AsyncIterable<Uint8Array>, name: string): AsyncGenerator<NumberedId> {
  // fatal: a bad byte is refused, not turned into U+FFFD (which would merge distinct ids).
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const { bytes, line } of byteLines(chunks, name)) {
    if (line === 1) refuseUtf16(bytes, name);
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      throw new UsageError(`${name}:${line}: not valid UTF-8`);
    }
    // trim() also drops the CR of a CRLF line, and a UTF-8 byte order mark (U+FEFF is whitespace here).
    const id = text.trim();
    if (id === '' || id.startsWith('#')) continue;
    const problem = idProblem(id);
    if (problem !== undefined) throw new UsageError(`${name}:${line}: ${problem}`);
    yield { id, line };
  }
}

/** A file's bytes as they are read; a read error (missing, a directory) is a usage error naming it. */
async function* fileBytes(path: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) yield chunk;
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** The ids of an id file, streamed with their lines; see {@link idsFromBytes}. */
export function idsFromFile(path: string): AsyncGenerator<NumberedId> {
  return idsFromBytes(fileBytes(path), path);
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
      // One at a time: a file's ids spread as arguments of push() overflow the stack (about 130,000 on Node 20).
      for await (const { id } of idsFromFile(item.slice(1))) accounts.push(id);
      continue;
    }
    const problem = idProblem(item);
    if (problem !== undefined) throw new UsageError(`--to: ${JSON.stringify(item)}: ${problem}`);
    accounts.push(item);
  }
  if (accounts.length === 0) throw new UsageError(`--to ${value} holds no account`);
  return accounts;
}
