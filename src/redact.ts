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
