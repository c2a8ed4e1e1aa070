// A TCP proxy on loopback that makes a server far away or unreachable on demand: every byte is
// held `latency` ms in each direction, and in a blackhole nothing passes either way (connections
// stay open, as behind a dead link), until it ends. For the Redis store's hostile-world tests and
// the chaos run.
import { createServer, Socket, type AddressInfo, type Server } from 'node:net';

export interface TcpProxy {
  readonly port: number;
  /** Milliseconds each chunk is held, each way. */
  latency: number;
  /** Holds every byte, both ways, until `blackhole(false)`; then the held bytes flow again. */
  blackhole(on: boolean): void;
  /** Cuts every open connection (as a restart of the link would). */
  reset(): void;
  close(): Promise<void>;
}

/**
 * Forwards `from` to `to` through the proxy's latency and blackhole, in order: one queue per
 * direction, drained by one timer at a time. (A timer per chunk reordered chunks when the
 * latency dropped: two timers due in the same millisecond, rounded differently, fire in either
 * order, and a Redis client then matched replies to the wrong commands.)
 */
function pipe(from: Socket, to: Socket, proxy: { latency: number; blocked: boolean }, held: (() => void)[]): void {
  const queue: { readonly chunk: Buffer; readonly due: number }[] = [];
  let draining = false; // a timer or a held drain is pending
  const drain = () => {
    draining = false;
    while (queue.length > 0) {
      if (proxy.blocked) {
        draining = true;
        held.push(drain);
        return;
      }
      const wait = (queue[0] as { due: number }).due - performance.now();
      if (wait > 0) {
        draining = true;
        setTimeout(drain, Math.ceil(wait));
        return;
      }
      const { chunk } = queue.shift() as { chunk: Buffer };
      if (!to.destroyed) to.write(chunk);
    }
  };
  from.on('data', (chunk: Buffer) => {
    queue.push({ chunk, due: performance.now() + proxy.latency });
    if (!draining) drain();
  });
}

export async function startTcpProxy(target: { host?: string; port: number }, options: { latency?: number } = {}): Promise<TcpProxy> {
  const state = { latency: options.latency ?? 0, blocked: false };
  const held: (() => void)[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = new Socket();
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    upstream.connect(target.port, target.host ?? '127.0.0.1');
    pipe(client, upstream, state, held);
    pipe(upstream, client, state, held);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const reset = () => {
    held.length = 0;
    for (const socket of sockets) socket.destroy();
  };
  return {
    port: (server.address() as AddressInfo).port,
    get latency() {
      return state.latency;
    },
    set latency(ms: number) {
      state.latency = ms;
    },
    blackhole(on) {
      state.blocked = on;
      if (!on) for (const deliver of held.splice(0)) deliver();
    },
    reset,
    async close() {
      reset();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
