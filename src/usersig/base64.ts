/**
 * Base64 without `Buffer`, the same in browsers, Node, Bun and Deno: encoding by table, decoding
 * with `atob` (which works on "binary strings", one char per byte).
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const alphanumerics = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const standardDigits = encoder.encode(`${alphanumerics}+/=`);
const userSigDigits = encoder.encode(`${alphanumerics}*-_`);

/**
 * Base64 by table into ASCII bytes, turned into a string by one `TextDecoder` call: several times
 * faster than `btoa(String.fromCharCode(...bytes))` (spreading a typed array and Node's `btoa` are
 * both slow) or than concatenating characters. `digits` holds the 64 digits, then the padding.
 */
function encode(bytes: Uint8Array, digits: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  for (let at = 0, o = 0; at < bytes.length; at += 3) {
    const n = (bytes[at]! << 16) | ((bytes[at + 1] ?? 0) << 8) | (bytes[at + 2] ?? 0);
    for (let shift = 18; shift >= 0; shift -= 6) out[o++] = digits[(n >>> shift) & 63]!;
  }
  // The missing bytes of a last group of 1 or 2 were read as zeros; their digits become padding.
  return decoder.decode(out.fill(digits[64]!, out.length - ((3 - (bytes.length % 3)) % 3)));
}

/**
 * Encodes bytes as standard base64 (RFC 4648 §4, with `=` padding).
 *
 * @param bytes - the bytes to encode.
 * @returns the base64 text.
 */
export function bytesToBase64(bytes: Uint8Array): string {
  return encode(bytes, standardDigits);
}

/**
 * Encodes bytes straight into the UserSig alphabet, in one pass (bytes `fb ff` give `*-8_`, where
 * standard base64 gives `+/8=`). The alphabet is Tencent's own, not RFC 4648 base64url.
 *
 * @param bytes - the bytes to encode.
 * @returns base64 text with `*`, `-`, `_` in place of `+`, `/`, `=`.
 */
export function bytesToUserSigBase64(bytes: Uint8Array): string {
  return encode(bytes, userSigDigits);
}

/**
 * Decodes standard base64 into bytes.
 *
 * @param base64 - base64 text; `atob` rules apply (padding may be omitted).
 * @returns the bytes, backed by a plain `ArrayBuffer` so they are a valid `BufferSource`.
 * @throws DOMException (`InvalidCharacterError`) when `base64` is not valid base64.
 */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/**
 * Turns text in the UserSig alphabet (what {@link bytesToUserSigBase64} writes: Tencent's own
 * variant, not RFC 4648 base64url) back into standard base64: `*` → `+`, `-` → `/`, `_` → `=`.
 *
 * @param userSigBase64 - text in the UserSig alphabet.
 * @returns standard base64 text.
 */
export function fromUserSigBase64(userSigBase64: string): string {
  return userSigBase64.replaceAll('*', '+').replaceAll('-', '/').replaceAll('_', '=');
}
