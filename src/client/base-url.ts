import { regions, type Region } from './regions.js';

/** True for hosts that never leave the machine: 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Why `url` cannot serve as a base URL, or undefined when it can: it must be absolute, carry no
 * credentials, query or fragment (not even a bare `?` or `#`, which the URL parser drops), and
 * use https, except on loopback hosts where plain http is allowed.
 */
export function baseUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute URL';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'must be an http(s) URL';
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
    return 'must use https (plain http is allowed only for loopback hosts)';
  }
  // Credentials would end up in error messages and logs: refuse them before anything is sent.
  if (parsed.username !== '' || parsed.password !== '') return 'must not contain credentials (user:password@)';
  if (parsed.search !== '' || parsed.hash !== '' || /[?#]/.test(url)) return 'must not have a query or a fragment';
  return undefined;
}

/** The base URL requests go to, without a trailing slash: a custom one, or the region's main domain. */
export function resolveBaseUrl(options: { region?: Region | undefined; baseUrl?: string | undefined }): string {
  if (options.baseUrl !== undefined) return options.baseUrl.replace(/\/+$/, '');
  return `https://${regions[options.region ?? 'china'].main}`;
}

/** The region's backup base URL, or undefined with a custom base URL (never rewritten). */
export function resolveBackupUrl(options: { region?: Region | undefined; baseUrl?: string | undefined }): string | undefined {
  if (options.baseUrl !== undefined) return undefined;
  return `https://${regions[options.region ?? 'china'].backup}`;
}
