/**
 * zlib-format (RFC 1950) compression through the platform's CompressionStream and
 * DecompressionStream: format `'deflate'` is zlib-wrapped, which is what UserSig uses
 * (`'deflate-raw'` would be RFC 1951 without the header and Adler-32 trailer).
 */

/**
 * Reads a byte stream to the end, refusing to collect more than `maxBytes`.
 * The limit matters when inflating untrusted input: a few hundred bytes can inflate to gigabytes.
 */
async function collect(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw new RangeError(`output exceeds ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

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
  return collect(transform(bytes, new CompressionStream('deflate')), Number.POSITIVE_INFINITY);
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
  return collect(transform(bytes, new DecompressionStream('deflate')), maxBytes);
}
