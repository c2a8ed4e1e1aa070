import { createReadStream } from 'node:fs';
import { UsageError } from './usage-error.js';

/** One line of a UTF-8 text, without its LF, and its number (from 1). */
export interface TextLine {
  readonly text: string;
  readonly line: number;
  /** Whether a LF ended it: a file's last line may lack one (a checkpoint's torn last record). */
  readonly ended: boolean;
}

const lineFeed = 0x0a;
// Far beyond any id, relation or record: a longer line means another kind of file (or
// /dev/zero), refused before it fills memory.
const maxLineBytes = 64 * 1024;
const utf16ByteOrderMarks = [
  { encoding: 'UTF-16LE', bytes: [0xff, 0xfe] },
  { encoding: 'UTF-16BE', bytes: [0xfe, 0xff] },
] as const;

/**
 * The lines of a byte stream of UTF-8 text, split on LF, one line held at a time whatever the
 * stream's length. A UTF-16 text (by its byte order mark), a line that is not valid UTF-8 (never
 * replaced by U+FFFD, which would merge distinct ids) and a line over 64 KiB are usage errors
 * naming `name` and the line; `kind` says in that message what the file should have been.
 */
export async function* utf8Lines(chunks: AsyncIterable<Uint8Array>, name: string, kind: string): AsyncGenerator<TextLine> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pieces: Uint8Array[] = []; // the line being read, when it spans chunks
  let pieceBytes = 0;
  let line = 1;
  const take = (piece: Uint8Array): void => {
    pieceBytes += piece.length;
    if (pieceBytes > maxLineBytes) throw new UsageError(`${name}:${line}: line over ${maxLineBytes} bytes (is it ${kind}?)`);
    pieces.push(piece);
  };
  const finish = (ended: boolean): TextLine => {
    const bytes = pieces.length === 1 ? (pieces[0] as Uint8Array) : Buffer.concat(pieces);
    if (line === 1) {
      const utf16 = utf16ByteOrderMarks.find((mark) => mark.bytes.every((byte, index) => bytes[index] === byte));
      if (utf16 !== undefined) throw new UsageError(`${name}: the file is UTF-16 (it starts with a ${utf16.encoding} byte order mark); save it as UTF-8`);
    }
    pieces = [];
    pieceBytes = 0;
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      throw new UsageError(`${name}:${line}: not valid UTF-8`);
    }
    return { text, line: line++, ended };
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let end = chunk.indexOf(lineFeed); end !== -1; end = chunk.indexOf(lineFeed, start)) {
      take(chunk.subarray(start, end));
      yield finish(true);
      start = end + 1;
    }
    if (start < chunk.length) take(chunk.subarray(start));
  }
  if (pieces.length > 0) yield finish(false);
}

/** A file's bytes as they are read; a read error (missing, a directory) is a usage error naming it. */
export async function* fileBytes(path: string, name = path): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) yield chunk;
  } catch (error) {
    throw new UsageError(`cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
