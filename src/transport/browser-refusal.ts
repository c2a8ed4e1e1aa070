/**
 * Whether the browser's CORS rules apply here: in a page (it has a `document`) or a worker
 * (`WorkerGlobalScope`). Node, Deno and Bun have neither.
 */
function inBrowser(): boolean {
  return typeof document !== 'undefined' || typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';
}

/**
 * What a browser's bare fetch failure likely means, to add to its message; undefined outside a
 * browser, for another error, and for a same-origin request (CORS does not apply to it).
 *
 * Browsers reject fetch with one TypeError ("Failed to fetch", "Load failed", "NetworkError when
 * attempting to fetch resource.") both when CORS blocks a request and when the network fails,
 * so that a page learns nothing of what another origin answered. For a cross-origin request the
 * likely cause, when the network is fine, is the server's CORS answer: the message says which
 * headers it must send. The error stays retryable (a real network failure looks the same), and
 * does not claim the request was not sent (a blocked answer may follow a request that was).
 */
export function browserRefusalHint(error: unknown, url: string): string | undefined {
  if (!(error instanceof TypeError) || !inBrowser()) return undefined;
  const page = (globalThis as { location?: { origin?: unknown } }).location?.origin;
  const target = new URL(url).origin;
  if (page === target) return undefined;
  return (
    `likely blocked by CORS (the browser reports a network failure the same way): the request from ${typeof page === 'string' ? page : 'this page'} to ${target} ` +
    'needs the server or proxy to answer its preflight (OPTIONS) and every answer with Access-Control-Allow-Origin, and the preflight with ' +
    'Access-Control-Allow-Headers naming Content-Type (with contentType: application/json) and any header a plugin sets'
  );
}
