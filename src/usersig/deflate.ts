/**
 * zlib-format (RFC 1950) streams for UserSigs: written as stored blocks, read through the
 * platform's DecompressionStream (format `'deflate'` is zlib-wrapped, which is what UserSig uses;
 * `'deflate-raw'` would be RFC 1951 without the header and Adler-32 trailer).
 */
import { collectBytes } from '../transport/collect-bytes.js';

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

/** Adler-32 of `bytes` (RFC 1950), summed in runs short enough that the sums never overflow. */
function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let start = 0; start < bytes.length; start += 5552) {
    const end = Math.min(start + 5552, bytes.length);
    for (let i = start; i < end; i++) {
      a += bytes[i] as number;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/**
 * Wraps bytes in a zlib (RFC 1950) stream of stored (uncompressed) deflate blocks, as an official
 * UserSig generator does: any zlib reader inflates it, and for a UserSig's 200 bytes it is many
 * times faster than a compressor (no stream, no await), the same in every runtime.
 *
 * @param bytes - the data to wrap.
 * @returns the zlib stream: 2-byte header, stored blocks of at most 65,535 bytes, Adler-32 checksum.
 */
export function deflate(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const blocks = Math.max(1, Math.ceil(bytes.length / 65_535));
  const out = new Uint8Array(2 + blocks * 5 + bytes.length + 4);
  out[0] = 0x78; // deflate, 32 KiB window
  out[1] = 0x01; // no dictionary, fastest level; 0x7801 is a multiple of 31, as the header check asks
  let at = 2;
  for (let block = 0; block < blocks; block++) {
    const start = block * 65_535;
    const length = Math.min(65_535, bytes.length - start);
    out[at++] = block === blocks - 1 ? 1 : 0; // BFINAL on the last block, BTYPE 00 (stored)
    out[at++] = length & 0xff;
    out[at++] = length >>> 8;
    out[at++] = ~length & 0xff;
    out[at++] = (~length >>> 8) & 0xff;
    out.set(bytes.subarray(start, start + length), at);
    at += length;
  }
  const sum = adler32(bytes);
  out.set([sum >>> 24, (sum >>> 16) & 0xff, (sum >>> 8) & 0xff, sum & 0xff], at);
  return out;
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
