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

/** Forwards `from` to `to` through the proxy's latency and blackhole, in order. */
function pipe(from: Socket, to: Socket, proxy: { latency: number; blocked: boolean }, held: (() => void)[]): void {
  // A chunk leaves no earlier than the one before it, even when the latency drops meanwhile: a
  // TCP stream never reorders its bytes.
  let due = 0;
  from.on('data', (chunk: Buffer) => {
    const deliver = () => {
      if (proxy.blocked) held.push(deliver);
      else if (!to.destroyed) to.write(chunk);
    };
    due = Math.max(Date.now() + proxy.latency, due);
    setTimeout(deliver, due - Date.now());
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
