/**
 * zlib-format (RFC 1950) compression through the platform's CompressionStream and
 * DecompressionStream: format `'deflate'` is zlib-wrapped, which is what UserSig uses
 * (`'deflate-raw'` would be RFC 1951 without the header and Adler-32 trailer).
 */
import { collectBytes } from '../collect-bytes.js';

/**
 * Runs `bytes` through a compression or decompression transform.
 * A Blob stream is used as the source because piping (unlike hand-written `writer.write` calls)
 * leaves no dangling promise to reject unhandled when the transform fails on corrupt input.
 */
function transform(
  bytes: Uint8Array<ArrayBuffer>,
  transformer: CompressionStream | DecompressionStream,
): ReadableStream<Uint8Array> {
  return new Blob([bytes]).stream().pipeThrough(transformer);
}

/**
 * Compresses bytes into a zlib (RFC 1950) stream.
 *
 * @param bytes - the data to compress.
 * @returns the zlib stream: 2-byte header, deflate data, Adler-32 checksum.
 */
export async function deflate(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return collectBytes(transform(bytes, new CompressionStream('deflate')), Number.POSITIVE_INFINITY, () => new RangeError('unreachable'));
}

/**
 * Decompresses a zlib (RFC 1950) stream.
 *
 * @param bytes - the zlib stream.
 * @param maxBytes - largest accepted output; more rejects with a `RangeError`. Unlimited by default.
 * @returns the original data.
 * @throws (rejects) when `bytes` is not a valid zlib stream or the output is too large.
 */
export async function inflate(
  bytes: Uint8Array<ArrayBuffer>,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<Uint8Array<ArrayBuffer>> {
  return collectBytes(transform(bytes, new DecompressionStream('deflate')), maxBytes, () => new RangeError(`output exceeds ${maxBytes} bytes`));
}
