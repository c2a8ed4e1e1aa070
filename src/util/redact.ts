/**
 * Removes the `usersig` query value from any text that may quote a request URL, so that error
 * messages and logs built from lower layers (fetch, ky) never carry the signature.
 *
 * @example
 * ```ts
 * redactSecrets('GET https://x/v4/sns/friend_check?usersig=eJw1&random=7');
 * // 'GET https://x/v4/sns/friend_check?usersig=[redacted]&random=7'
 * ```
 */
export function redactSecrets(text: string): string {
  return text.replace(/([?&]usersig=)[^&#\s"']*/gi, '$1[redacted]');
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every byte of `text` as `%XX`, matching either case of the hex digits. */
function fullyPercentEncoded(text: string): string {
  return Array.from(new TextEncoder().encode(text), (byte) => {
    const hex = byte.toString(16).padStart(2, '0');
    return `%[${hex[0]}${hex[0]?.toUpperCase()}][${hex[1]}${hex[1]?.toUpperCase()}]`;
  }).join('');
}

/**
 * A function that replaces every occurrence of the given secrets in a text with `[redacted]`: as
 * they are, %-encoded (as `encodeURIComponent` writes them, or every byte), and JSON-escaped. For
 * strings from outside (an answer that echoes the UserSig, a proxy's status text, a fetch error)
 * before they reach an error, a result or a log. Secrets under 8 characters are ignored: they
 * would match ordinary text (real keys and UserSigs are far longer).
 *
 * @example
 * ```ts
 * const redact = secretRedactor([userSig, secretKey]);
 * redact(`bad signature ${encodeURIComponent(userSig)}`); // 'bad signature [redacted]'
 * ```
 */
export function secretRedactor(secrets: readonly string[]): (text: string) => string {
  const values = secrets.filter((secret) => secret.length >= 8);
  if (values.length === 0) return (text) => text;
  const forms = values.flatMap((value) => [
    escapeRegExp(value),
    escapeRegExp(encodeURIComponent(value)),
    escapeRegExp(JSON.stringify(value).slice(1, -1)),
    fullyPercentEncoded(value),
  ]);
  // Longest first, so that a form is never cut by a shorter one it contains.
  const pattern = new RegExp([...new Set(forms)].sort((a, b) => b.length - a.length).join('|'), 'g');
  // The search is skipped for texts that cannot hold any form (no secret as is, no % or \ escape).
  return (text) => (text.includes('%') || text.includes('\\') || values.some((value) => text.includes(value)) ? text.replace(pattern, '[redacted]') : text);
}
