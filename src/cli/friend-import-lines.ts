import { createHash } from 'node:crypto';
import { fileBytes, utf8Lines, type TextLine } from './utf8-lines.js';

export type { TextLine } from './utf8-lines.js';

/** A file's identity: its size and the SHA-256 of all its bytes, known once it was read to the end. */
export interface FileDigest {
  readonly size: number;
  readonly sha256: string;
}

/** `chunks` as they are, hashed on the way; `digest` hears the size and SHA-256 at the end. */
async function* hashed(chunks: AsyncIterable<Uint8Array>, digest: (digest: FileDigest) => void): AsyncGenerator<Uint8Array> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of chunks) {
    hash.update(chunk);
    size += chunk.length;
    yield chunk;
  }
  digest({ size, sha256: hash.digest('hex') });
}

/**
 * The lines of a UTF-8 text file, streamed (see utf8Lines for what is refused, naming `name`
 * and the line, and `kind` as what the file should be; a file that cannot be read is a usage
 * error too). When the file has been read to its end, `digest` hears its size and SHA-256.
 */
export function textLines(path: string, name: string, kind: string, digest?: (digest: FileDigest) => void): AsyncGenerator<TextLine> {
  const bytes = fileBytes(path, name);
  return utf8Lines(digest === undefined ? bytes : hashed(bytes, digest), name, kind);
}
