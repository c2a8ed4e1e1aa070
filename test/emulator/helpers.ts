// Shared by the emulator tests: the app, a client wired to an emulator (with its request log), a
// fetch wrapper that tampers with what the real client sends, raw signed requests for bodies the
// client refuses, and what the write tests read and inject.
import { expect } from 'vitest';
import { createClient, genUserSig, TimValidationError, type BaseClientOptions, type TimClient } from '../../src/index.js';
import { createEmulator, type Emulator, type EmulatorOptions, type EmulatorRequestEntry } from '../../src/emulator/index.js';
import { thrown } from '../support/caught.js';
import { testApp } from '../support/test-app.js';

export const app = { sdkAppId: testApp.sdkAppId, secretKey: testApp.secretKey } as const;
export const admin = testApp.identifier;

export type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/**
 * An emulator and a default client that sends to it. Retries and the client's rate limiter are
 * off unless asked for, so a fault, an error code or the emulator's own limit surfaces as it is.
 */
export function setup(options: Partial<EmulatorOptions> = {}, clientOptions: Partial<BaseClientOptions> = {}): { emu: Emulator; tim: TimClient } {
  const emu = createEmulator({ ...app, ...options });
  return { emu, tim: createClient({ ...testApp, fetch: emu.fetch, retry: false, rateLimit: false, ...clientOptions }) };
}

export { rejection } from '../support/caught.js';

/** Runs `action` and returns the TimValidationError it throws (failing the test otherwise). */
export function validationError(action: () => unknown): TimValidationError {
  const error = thrown(action);
  expect(error).toBeInstanceOf(TimValidationError);
  return error as TimValidationError;
}

/** Query changes (null deletes) and a body replacement applied to every request. */
export interface Tampering {
  query?: Record<string, string | null>;
  body?: string;
  method?: string;
}

/** Wraps `target` so the real client's requests reach it changed. */
export function tamper(target: Fetch, change: Tampering): Fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    for (const [key, value] of Object.entries(change.query ?? {})) {
      if (value === null) url.searchParams.delete(key);
      else url.searchParams.set(key, value);
    }
    const body = change.body ?? (await request.text());
    return target(url, { method: change.method ?? request.method, headers: request.headers, body, signal: request.signal });
  };
}

/** A correctly signed URL for `path` under `base`, with query overrides (undefined drops one). */
export async function signedUrl(base: string, path: string, query: Record<string, string | undefined> = {}): Promise<string> {
  const usersig = await genUserSig({ ...app, identifier: admin, now: Date.now() });
  const params = new URLSearchParams();
  const full: Record<string, string | undefined> = { sdkappid: String(app.sdkAppId), identifier: admin, usersig, random: String(Math.floor(Math.random() * 2 ** 32)), contenttype: 'json', ...query };
  for (const [key, value] of Object.entries(full)) if (value !== undefined) params.set(key, value);
  return `${base}/${path}?${params}`;
}

/** POSTs `body` (JSON unless a string) to `path`, signed, and returns the status and parsed answer. */
export async function post(target: Fetch, path: string, body: unknown, query: Record<string, string | undefined> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const url = await signedUrl('https://console.tim.qq.com', path, query);
  const response = await target(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** An emulator whose request log is kept in `log`, with a default client (see {@link setup}). */
export function logged(options: Partial<EmulatorOptions> = {}, clientOptions: Partial<BaseClientOptions> = {}): { emu: Emulator; tim: TimClient; log: EmulatorRequestEntry[] } {
  const log: EmulatorRequestEntry[] = [];
  return { ...setup({ onRequest: (entry) => log.push(entry), ...options }, clientOptions), log };
}

/** Each account's [To_Account, ResultCode] in a batch answer's `field` (`ResultItem` unless named). */
export function codes(json: Record<string, unknown>, field = 'ResultItem'): [string, number][] {
  return (json[field] as { To_Account: string; ResultCode: number }[]).map((item) => [item.To_Account, item.ResultCode]);
}

/**
 * The faults that lose a write's answer after the write was applied, as options that always
 * strike the first request (with the default seed 1 its `httpError` is a 502, not a 503).
 */
export const lostAnswers = [
  ['drop', { drop: 1 }],
  ['httpError', { httpError: 1 }],
  ['malformed', { malformed: 1 }],
] as const;

/** `owner`'s sequences as the reads answer them: friend list (friend_get), block list (black_list_get) and groups (group_get). */
export async function sequences(target: Emulator, owner: string): Promise<{ friends: number; blocks: number; groups: number }> {
  const read = async (path: string, body: Record<string, unknown>, field: string) => (await post(target.fetch, path, { From_Account: owner, ...body })).json[field] as number;
  return {
    friends: await read('v4/sns/friend_get', { StartIndex: 0 }, 'StandardSequence'),
    blocks: await read('v4/sns/black_list_get', { StartIndex: 0, MaxLimited: 1, LastSequence: 0 }, 'CurrentSequence'),
    groups: await read('v4/sns/group_get', {}, 'CurrentSequence'),
  };
}
