/**
 * Removes the `usersig` query value from any text that may quote a request URL, so that error
 * messages and logs built from lower layers (fetch, ky) never carry the signature.
 */
export function redactSecrets(text: string): string {
  return text.replace(/([?&]usersig=)[^&#\s"']*/gi, '$1[redacted]');
}
