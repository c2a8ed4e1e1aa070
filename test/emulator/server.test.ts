// startEmulator: the same emulator over node:http, driven by the real client and by plain fetch.
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, TimHttpError, TimNetworkError, TimResponseError, TimTimeoutError, type FriendCheckRequest } from '../../src/index.js';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { admin, app, rejection, signedUrl } from './helpers.js';

const body: FriendCheckRequest = { From_Account: 'alice', To_Account: ['bob', 'carol'], CheckType: 'CheckResult_Type_Both' };
const running: RunningEmulator[] = [];

async function serve(options: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  const server = await startEmulator({ ...app, ...options });
  running.push(server);
  server.store.addFriend('alice', 'bob');
  server.store.addFriend('bob', 'alice');
  return server;
}

function clientOf(server: RunningEmulator, extra: { timeout?: number; baseUrl?: string } = {}) {
  return createClient({ ...app, identifier: admin, baseUrl: server.url, retry: false, ...extra });
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

describe('startEmulator', () => {
  it('serves both endpoints to the real client over HTTP on 127.0.0.1', async () => {
    const server = await serve();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const tim = clientOf(server);
    const check = await tim.friendCheck(body);
    expect(check.InfoItem.map((item) => item.Relation)).toEqual(['CheckResult_Type_BothWay', 'CheckResult_Type_NoRelation']);
    const list = await tim.friendGetList({ From_Account: 'alice', To_Account: ['bob', 'carol'], TagList: ['Tag_SNS_IM_AddSource'] });
    expect(list.Fail_Account).toEqual(['carol']);
    expect(server.stats.requests).toBe(2);
  });

  it('accepts a base-URL prefix', async () => {
    const server = await serve();
    const tim = clientOf(server, { baseUrl: `${server.url}/proxy/tim` });
    await expect(tim.friendCheck(body)).resolves.toMatchObject({ ErrorCode: 0 });
  });

  it('answers a real CORS preflight with 204 and the allow headers', async () => {
    const server = await serve();
    const response = await fetch(`${server.url}/v4/sns/friend_check?sdkappid=1`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(server.stats.preflights).toBe(1);
  });

  it('adds access-control-allow-origin to answers, errors included', async () => {
    const server = await serve();
    const ok = await fetch(await signedUrl(server.url, 'v4/sns/friend_check'), { method: 'POST', body: JSON.stringify(body) });
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
    expect(await ok.json()).toMatchObject({ ErrorCode: 0 });
    const bad = await fetch(`${server.url}/v4/sns/friend_check`, { method: 'POST', body: '{}' });
    expect(bad.headers.get('access-control-allow-origin')).toBe('*');
    expect(await bad.json()).toMatchObject({ ErrorCode: 60012 });
    const get = await fetch(`${server.url}/v4/sns/friend_check`);
    expect([get.status, get.headers.get('access-control-allow-origin')]).toEqual([405, '*']);
  });

  it('drop: destroys the socket, and the client reports TimNetworkError', async () => {
    const server = await serve({ faults: { drop: 1 } });
    const error = await rejection(clientOf(server).friendCheck(body));
    expect(error).toBeInstanceOf(TimNetworkError);
    expect(server.stats.faults.drop).toBe(1);
  });

  it('httpError: 502/503 with the status text and an HTML body', async () => {
    const server = await serve({ faults: { httpError: 1 }, seed: 3 });
    const errors = await Promise.all(Array.from({ length: 8 }, () => rejection(clientOf(server).friendCheck(body))));
    for (const error of errors) expect(error).toBeInstanceOf(TimHttpError);
    expect(new Set(errors.map((error) => (error as TimHttpError).message))).toEqual(new Set(['HTTP 502 Bad Gateway', 'HTTP 503 Service Unavailable']));
  });

  it('malformed: a truncated JSON body, a retryable TimResponseError', async () => {
    const server = await serve({ faults: { malformed: 1 } });
    const error = await rejection(clientOf(server).friendCheck(body));
    expect(error).toBeInstanceOf(TimResponseError);
    expect(error).toMatchObject({ retryable: true });
  });

  it('stall: holds the connection past the client timeout; close() ends held connections at once', async () => {
    const server = await startEmulator({ ...app, faults: { stall: 1 } });
    server.store.addAccount('alice');
    const error = await rejection(clientOf(server, { timeout: 150 }).friendCheck(body));
    expect(error).toBeInstanceOf(TimTimeoutError);
    // A raw request with no timeout stays held until close().
    const held = fetch(await signedUrl(server.url, 'v4/sns/friend_check'), { method: 'POST', body: JSON.stringify(body) }).then(
      () => 'answered',
      () => 'connection ended',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await server.close();
    expect(await held).toBe('connection ended');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(server.stats.faults.stall).toBe(2);
  });

  it('latency applies over HTTP too', async () => {
    const server = await serve({ faults: { latency: [100, 100] } });
    const started = performance.now();
    await clientOf(server).friendCheck(body);
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
  });

  it('listens on the given port and rejects when it is taken', async () => {
    const first = await serve();
    const port = Number(new URL(first.url).port);
    await expect(startEmulator({ ...app, port })).rejects.toThrow(/EADDRINUSE/);
  });

  it('listens on an IPv6 loopback host with a bracketed URL', async (context) => {
    const server = await serve({ host: '::1' }).catch((error: NodeJS.ErrnoException) => {
      // A container without IPv6 cannot run this check.
      if (error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT') context.skip();
      throw error;
    });
    expect(server.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
    await expect(clientOf(server).friendCheck(body)).resolves.toMatchObject({ ErrorCode: 0 });
  });

  it('validates options before listening', async () => {
    await expect(startEmulator({ ...app, port: 70_000 })).rejects.toThrow('Invalid emulator options: port: must be a port from 0 to 65535');
  });
});
