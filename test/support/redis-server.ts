// A real redis-server (Debian's package) for the Redis store tests: started on a free loopback
// port, checked with PING, and stopped by its pid. No persistence, nothing left behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, Socket } from 'node:net';

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  readonly pid: number;
  /** Stops it by its pid (SIGTERM, or SIGKILL to play a crash) and waits until it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts a redis-server again on the port of one that stopped (a restart: empty, no persistence). */
export function restartRedisServer(stopped: RedisServer): Promise<RedisServer> {
  return startRedisServer(stopped.port);
}

/** A free TCP port on 127.0.0.1, as the OS hands one out. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Whether Redis on `port` answers PING. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => (socket.destroy(), resolve(ok));
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/** Starts redis-server (from PATH, or REDIS_SERVER) on `port` (a free one) and resolves once it answers. */
export async function startRedisServer(port?: number): Promise<RedisServer> {
  port ??= await freePort();
  const binary = process.env.REDIS_SERVER ?? 'redis-server';
  const child: ChildProcess = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnError = new Promise<never>((_, reject) => child.once('error', (error) => reject(new Error(`cannot start ${binary} (apt-get install redis-server): ${error.message}`))));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (await Promise.race([answersPing(port), spawnError])) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start on port ${port}: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const pid = child.pid as number;
  return {
    port,
    pid,
    url: `redis://127.0.0.1:${port}`,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) process.kill(pid, signal);
      await exited;
    },
  };
}
