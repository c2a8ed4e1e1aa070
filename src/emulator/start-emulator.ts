/** The emulator as a local HTTP server (Node). */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulatorCore, type EmulatorAnswer, type EmulatorCore } from './handler.js';
import type { EmulatorOptions } from './options.js';
import type { EmulatorStats } from './stats.js';
import type { EmulatorStore } from './store.js';

/**
 * A running emulator server, as {@link startEmulator} resolves it: the URL to give a client as
 * its `baseUrl`, the store and stats, and `close()` for the end of a test.
 *
 * @example
 * ```ts
 * const server: RunningEmulator = await startEmulator({ sdkAppId, secretKey });
 * try {
 *   const tim = createClient({ sdkAppId, identifier: 'administrator', secretKey, baseUrl: server.url });
 * } finally {
 *   await server.close();
 * }
 * ```
 */
export interface RunningEmulator {
  /** Base URL to give a client, such as `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  /** The accounts and friend lists the emulator answers from. */
  readonly store: EmulatorStore;
  /** Live counters of what the emulator saw and did. */
  readonly stats: EmulatorStats;
  /**
   * Stops listening and ends every open connection, stalled ones included; resolves once the
   * server has closed, and rejects with the server's error when it was not listening (closed already).
   */
  close(): Promise<void>;
}

async function readBody(message: IncomingMessage): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of message) chunks.push(chunk as Uint8Array);
  return chunks.length === 0 ? undefined : Buffer.concat(chunks);
}

function toHeaders(message: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

async function serve(core: EmulatorCore, message: IncomingMessage, response: ServerResponse): Promise<void> {
  // Aborts the emulator's waits (latency, stall) when the client goes away or close() ends it.
  const closed = new AbortController();
  response.on('close', () => closed.abort(new Error('connection closed')));
  const method = message.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(message);
  // Only the path and the query matter; the host part is a placeholder.
  const request = new Request(new URL(message.url ?? '/', 'http://emulator.invalid'), {
    method,
    headers: toHeaders(message),
    ...(body === undefined ? {} : { body }),
    signal: closed.signal,
  });
  let answer: EmulatorAnswer;
  try {
    answer = await core.handle(request);
  } catch (error) {
    // The connection is gone (client timeout, close()): nobody is left to answer.
    if (closed.signal.aborted) return;
    throw error;
  }
  if (answer === 'drop') {
    message.socket.destroy();
    return;
  }
  const headers = Object.fromEntries(answer.headers);
  // An empty status text would replace Node's standard reason phrase ("OK") with nothing.
  if (answer.statusText === '') response.writeHead(answer.status, headers);
  else response.writeHead(answer.status, answer.statusText, headers);
  response.end(Buffer.from(await answer.arrayBuffer()));
}

const nodeHttp = 'node:http';

function formatUrl(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/**
 * Serves the emulator over HTTP, for tools that cannot be given a `fetch` function (another
 * process, the `timfetch` command, a browser app): starts the emulator of {@link createEmulator} as an HTTP server on `host:port` (default
 * `127.0.0.1`, any free port) and resolves once it listens. Node only: `node:http` is loaded
 * when this function runs, so browser bundles of `timfetch/emulator` never include it. A
 * dropped connection destroys the socket; a stalled request holds its connection until
 * `stallMs` passes or `close()`.
 *
 * @param options - as {@link createEmulator}, plus `port` and `host`; see {@link EmulatorOptions}.
 * @returns once listening: the server's `url`, `store`, `stats` and `close()`.
 * @throws {@link timfetch!TimValidationError} when an option is invalid or unknown (the promise rejects).
 * @throws the server's `Error` (such as `EADDRINUSE` or `EACCES`) when it cannot listen on `host:port`.
 *
 * @example
 * ```ts
 * import { startEmulator } from 'timfetch/emulator';
 *
 * const server = await startEmulator({ sdkAppId: 1400000000, secretKey: 'a-local-test-key', port: 8080 });
 * server.store.generate({ users: 5000, seed: 7 });
 * console.log(`IM REST emulator on ${server.url}`);
 * process.once('SIGINT', () => void server.close());
 * ```
 */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const core = createEmulatorCore(options);
  // Loaded here, by a variable name, so that browser bundlers of timfetch/emulator neither fail
  // to resolve node:http nor try to include it; only startEmulator (Node) ever needs it.
  const http: typeof import('node:http') = await import(/* webpackIgnore: true */ /* @vite-ignore */ nodeHttp);
  const { createServer } = http;
  const server: Server = createServer((message, response) => {
    serve(core, message, response).catch(() => message.socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(core.config.port, core.config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const url = formatUrl(server.address() as AddressInfo);
  return {
    url,
    store: core.store,
    stats: core.stats,
    close() {
      return new Promise((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // After close(): idle keep-alive sockets and held (stalled) requests end now.
        server.closeAllConnections();
      });
    },
  };
}
