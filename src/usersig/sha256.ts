/**
 * SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104) in plain TypeScript. WebCrypto has HMAC in
 * every runtime, but only behind a promise whose round trip cost more than the whole rest of a
 * UserSig; this is synchronous, allocation-free per call, and the same code everywhere.
 */

// Round constants K and the initial hash: the first 32 bits of the fractional parts of the cube
// roots of the first 64 primes and of the square roots of the first 8. Computed, not listed, to keep
// the bundle small: each exact value lies at least 2^-7 of a unit from where truncation would change
// it, far more than the ~2^-18 error of Math.cbrt / Math.sqrt here, so every engine builds the same
// table (the FIPS and RFC 4231 vectors in the tests would catch a wrong one).
const K = new Int32Array(64);
const initial = new Int32Array(8);
for (let n = 2, i = 0; i < 64; n++) {
  let prime = true;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
  if (!prime) continue;
  if (i < 8) initial[i] = (Math.sqrt(n) % 1) * 2 ** 32; // Int32Array stores keep the low 32 bits
  K[i++] = (Math.cbrt(n) % 1) * 2 ** 32;
}

// Scratch space reused by every call (JavaScript runs one call at a time, none of them async).
const w = new Int32Array(64);
const state = new Int32Array(8);
const digest = new Uint8Array(32);
let padded = new Uint8Array(256);
const encoder = new TextEncoder();

const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

/** Writes `value` as 4 big-endian bytes. */
function put32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value >>> 24;
  bytes[at + 1] = value >>> 16;
  bytes[at + 2] = value >>> 8;
  bytes[at + 3] = value;
}

/** The SHA-256 compression function over the 64-byte blocks of `bytes[0, end)`. */
function compress(hash: Int32Array, bytes: Uint8Array, end: number): void {
  for (let block = 0; block < end; block += 64) {
    for (let i = 0, j = block; i < 16; i++, j += 4) {
      w[i] = (bytes[j]! << 24) | (bytes[j + 1]! << 16) | (bytes[j + 2]! << 8) | bytes[j + 3]!;
    }
    let a = hash[0]!, b = hash[1]!, c = hash[2]!, d = hash[3]!, e = hash[4]!, f = hash[5]!, g = hash[6]!, h = hash[7]!;
    for (let i = 0; i < 64; i++) {
      if (i >= 16) {
        const x = w[i - 15]!;
        const y = w[i - 2]!;
        w[i] = (w[i - 16]! + (rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3)) + w[i - 7]! + (rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10))) | 0;
      }
      const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    // Int32Array stores wrap modulo 2^32, which is the addition SHA-256 asks for.
    hash[0] = (hash[0]! + a) | 0;
    hash[1] = (hash[1]! + b) | 0;
    hash[2] = (hash[2]! + c) | 0;
    hash[3] = (hash[3]! + d) | 0;
    hash[4] = (hash[4]! + e) | 0;
    hash[5] = (hash[5]! + f) | 0;
    hash[6] = (hash[6]! + g) | 0;
    hash[7] = (hash[7]! + h) | 0;
  }
}

/**
 * Hashes `message` (strings as UTF-8) onward from `hash`, which already covers `hashedBytes`
 * bytes (whole blocks), and writes the result into `digest`.
 */
function finish(hash: Int32Array, message: Uint8Array | string, hashedBytes: number): Uint8Array {
  const most = typeof message === 'string' ? message.length * 3 : message.length; // UTF-8 takes at most 3 bytes per UTF-16 unit
  if (padded.length < most + 72) padded = new Uint8Array(Math.ceil((most + 72) / 64) * 64);
  let length = message.length;
  if (typeof message === 'string') length = encoder.encodeInto(message, padded).written;
  else padded.set(message);
  // Padding: 0x80, zeros, then the message length in bits as a 64-bit big-endian number.
  const end = Math.ceil((length + 9) / 64) * 64;
  padded[length] = 0x80;
  padded.fill(0, length + 1, end - 8);
  const bits = (hashedBytes + length) * 8;
  put32(padded, end - 8, bits / 0x1_0000_0000);
  put32(padded, end - 4, bits);
  compress(hash, padded, end);
  for (let i = 0; i < 8; i++) put32(digest, 4 * i, hash[i]!);
  return digest;
}

/**
 * SHA-256 of `message`.
 *
 * @param message - bytes, or a string to hash as UTF-8.
 * @returns the 32-byte digest, in a buffer that the next call to this module overwrites: copy it to keep it.
 */
export function sha256(message: Uint8Array | string): Uint8Array {
  state.set(initial);
  return finish(state, message, 0);
}

/**
 * Prepares an HMAC-SHA256 key: the hash states after the inner (key ⊕ 0x36…) and outer
 * (key ⊕ 0x5c…) blocks, so that each {@link hmacSha256} hashes only the message and one outer block.
 *
 * @param key - the key bytes, or a string to use as UTF-8; any length (longer than 64 bytes is hashed first, as RFC 2104 says).
 * @returns 16 words: the inner state, then the outer state. Keep it for as long as the key is used.
 */
export function hmacSha256Key(key: Uint8Array | string): Int32Array {
  let bytes = typeof key === 'string' ? encoder.encode(key) : key;
  if (bytes.length > 64) bytes = sha256(bytes);
  const block = new Uint8Array(64);
  const states = new Int32Array(16);
  for (const [at, pad] of [[0, 0x36], [8, 0x5c]] as const) {
    for (let i = 0; i < 64; i++) block[i] = (bytes[i] ?? 0) ^ pad;
    const hash = states.subarray(at, at + 8);
    hash.set(initial);
    compress(hash, block, 64);
  }
  return states;
}

/**
 * HMAC-SHA256 of `message` under a key prepared by {@link hmacSha256Key}: key `key` and message
 * `The quick brown fox jumps over the lazy dog` give a tag starting `f7bc83f4`.
 *
 * @param key - the 16 words from {@link hmacSha256Key}.
 * @param message - bytes, or a string to sign as UTF-8.
 * @returns the 32-byte tag, in a buffer that the next call to this module overwrites: copy it to keep it.
 */
export function hmacSha256(key: Int32Array, message: Uint8Array | string): Uint8Array {
  for (let i = 0; i < 8; i++) state[i] = key[i]!;
  const inner = finish(state, message, 64);
  for (let i = 0; i < 8; i++) state[i] = key[i + 8]!;
  return finish(state, inner, 64);
}
