/**
 * Base64 without `Buffer`: `btoa`/`atob` exist in browsers, Node, Bun and Deno. They work on
 * "binary strings" (one char per byte), so bytes are converted to and from that form here.
 */

// String.fromCharCode(...bytes) spreads arguments; chunking keeps it far below engine limits.
const chunkSize = 0x8000;

/**
 * Encodes bytes as standard base64 (RFC 4648 §4, with `=` padding).
 *
 * @param bytes - the bytes to encode.
 * @returns the base64 text.
 */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += chunkSize) {
    binary += String.fromCharCode(...bytes.subarray(start, start + chunkSize));
  }
  return btoa(binary);
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
 * Turns standard base64 into the UserSig alphabet: `+` → `*`, `/` → `-`, `=` → `_`.
 * This is Tencent's own variant (not RFC 4648 base64url), shared by every official generator.
 *
 * @param base64 - standard base64 text.
 * @returns the same text in the UserSig alphabet `[A-Za-z0-9*_-]`.
 */
export function toUserSigBase64(base64: string): string {
  return base64.replaceAll('+', '*').replaceAll('/', '-').replaceAll('=', '_');
}

/**
 * Reverses {@link toUserSigBase64}: `*` → `+`, `-` → `/`, `_` → `=`.
 *
 * @param userSigBase64 - text in the UserSig alphabet.
 * @returns standard base64 text.
 */
export function fromUserSigBase64(userSigBase64: string): string {
  return userSigBase64.replaceAll('*', '+').replaceAll('-', '/').replaceAll('_', '=');
}
