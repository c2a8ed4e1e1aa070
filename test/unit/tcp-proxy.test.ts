// The test TCP proxy (test/support/tcp-proxy.ts) that the Redis store's hostile-world tests and
// the chaos run put between the processes and Redis: a stream through it keeps its order however
// its latency changes, as TCP does (a Redis client matches replies to commands by order).
import { once } from 'node:events';
import { createServer, Socket, type AddressInfo } from 'node:net';
import { setImmediate as turn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close(); // the client first, the echo server last
});

describe('test TCP proxy', () => {
  it('delivers every chunk in order while its latency drops and rises', async () => {
    const echo = createServer((socket) => socket.pipe(socket));
    echo.listen(0, '127.0.0.1');
    await once(echo, 'listening');
    closers.push(() => new Promise((resolve) => echo.close(() => resolve())));
    const proxy: TcpProxy = await startTcpProxy({ port: (echo.address() as AddressInfo).port });
    closers.push(() => proxy.close());
    const client = new Socket();
    client.setNoDelay(true);
    client.connect(proxy.port, '127.0.0.1');
    await once(client, 'connect');
    closers.push(async () => void client.destroy());
    let received = '';
    client.on('data', (chunk: Buffer) => (received += chunk.toString()));

    const sent: string[] = [];
    for (let i = 0; i < 200; i++) {
      // Alternating 3 ms and none: each chunk sent without latency is due about when the one
      // before it is.
      proxy.latency = i % 2 === 0 ? 3 : 0;
      sent.push(`${i};`);
      client.write(`${i};`);
      await turn();
    }
    const all = sent.join('');
    while (received.length < all.length) await once(client, 'data');
    expect(received).toBe(all);
  });
});
