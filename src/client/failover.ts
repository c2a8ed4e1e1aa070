/**
 * Where requests go: a region's main domain, or its backup while the main one is unreachable.
 * A network-level failure (no HTTP answer) on the main domain sends requests to the backup for
 * `holdMs`; the first request after that probes the main domain again, and goes back to the backup
 * if it fails too. A custom base URL has no backup and is never rewritten.
 */
export interface BaseUrls {
  /** The base URL for the next request (no trailing slash). */
  current(): string;
  /** Reports that a request to `baseUrl` got no HTTP answer. */
  unreachable(baseUrl: string): void;
}

/** How long requests stay on the backup domain before the main one is tried again. */
export const defaultFailoverHoldMs = 60_000;

/** Base URLs with failover between `main` and `backup` (both without a trailing slash). */
export function failoverBaseUrls(main: string, backup: string | undefined, options: { holdMs?: number; now?: () => number } = {}): BaseUrls {
  const { holdMs = defaultFailoverHoldMs, now = Date.now } = options;
  let backupUntil = 0;
  return {
    current: () => (backup !== undefined && now() < backupUntil ? backup : main),
    unreachable(baseUrl) {
      if (backup !== undefined && baseUrl === main) backupUntil = now() + holdMs;
    },
  };
}
