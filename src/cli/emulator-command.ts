import { parseFlags } from './parse-flags.js';
import { corsModeNames, type CorsMode } from '../emulator/answers.js';
import { startEmulator } from '../emulator/start-emulator.js';
import { emulatorApp } from './emulator-app.js';
import { emulatorCounts } from './emulator-counts.js';
import { describeFaults, faultFlags, faultOptions } from './emulator-faults.js';
import { wholeNumber } from './whole-number.js';
import type { Command } from './command.js';
import type { CommandIo } from './command-io.js';
import { CommandError } from './failure.js';
import { emulatorHelp, emulatorUsage } from './help.js';
import { secretKeyFlags, secretKeyWarning } from './secret-key.js';
import { UsageError } from './usage-error.js';

const flags = {
  port: { type: 'string' },
  host: { type: 'string' },
  users: { type: 'string' },
  seed: { type: 'string' },
  sdkappid: { type: 'string' },
  cors: { type: 'string' },
  ...faultFlags,
  ...secretKeyFlags,
} as const;

// Checked here so that a bad value is bad usage naming the flag, not an emulator option error.
function corsMode(value: string | undefined): CorsMode {
  const mode = corsModeNames.find((name) => name === (value ?? 'permissive'));
  if (mode === undefined) throw new UsageError(`--cors must be ${corsModeNames.join(' or ')}`);
  return mode;
}

// What went wrong is the machine's state, not a bug: one line, exit code 1.
const listenProblems: Readonly<Record<string, string>> = {
  EADDRINUSE: 'the port is in use',
  EACCES: 'permission denied (a port below 1024 needs privileges)',
  EADDRNOTAVAIL: 'no such address on this machine',
};

// The emulator's own bounds (GenerateOptions.users), checked before it starts so that bad usage
// leaves no server behind.
const maxUsers = 1_000_000;

function userCount(value: string | undefined): number {
  const users = wholeNumber(value, '--users', 1000);
  if (users < 1 || users > maxUsers) throw new UsageError(`--users must be from 1 to ${maxUsers}`);
  return users;
}

function listenError(error: unknown, address: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const problem = code === undefined ? undefined : listenProblems[code];
  return problem === undefined ? error : new CommandError(`cannot listen on ${address}: ${problem} (${code})`);
}

/** `timfetch emulator [--port 8080] [--host 127.0.0.1] [--users N] [--seed N] [--cors MODE] [fault flags]`: serves until interrupted, then prints its counts. */
export const emulatorCommand: Command = {
  flags,
  usage: emulatorUsage,
  summary: 'Serves a local IM REST emulator with generated users until Ctrl-C',
  help: emulatorHelp,
  run: serveEmulator,
};

async function serveEmulator(args: readonly string[], io: CommandIo): Promise<void> {
  // Every flag first: a usage error after the server starts would leave it listening.
  const { values } = parseFlags(args, flags);
  const app = await emulatorApp(values, io.env);
  const seed = wholeNumber(values.seed, '--seed', 1);
  const users = userCount(values.users);
  const port = wholeNumber(values.port, '--port', 8080);
  const cors = corsMode(values.cors);
  const faults = faultOptions(values);
  if (app.keyOnCommandLine) io.note(secretKeyWarning);
  const host = values.host ?? '127.0.0.1';
  // Checks its options (port range, seed, app) before it listens.
  const emu = await startEmulator({ sdkAppId: app.sdkAppId, secretKey: app.secretKey, port, host, seed, cors, ...(faults === undefined ? {} : { faults }) }).catch((error: unknown) => {
    throw listenError(error, `${host}:${port}`);
  });
  try {
    const ids = emu.store.generate({ users, seed });
    const key = app.defaultKey ? app.secretKey : '(the one you gave)';
    io.print(
      [
        `timfetch emulator listening on ${emu.url}`,
        `  app: sdkappid ${app.sdkAppId}, admin administrator, secret key ${key}`,
        `  accounts: ${ids.length} generated (seed ${seed}), ${ids[0] ?? '-'} … ${ids.at(-1) ?? '-'}`,
        ...(faults === undefined ? [] : [`  faults: ${describeFaults(faults)} (seed ${seed})`]),
        ...(cors === 'documented' ? ['  CORS: the service\'s documented answer (browser requests that need a preflight are refused)'] : []),
        `  try: TIM_SECRET_KEY=${app.defaultKey ? app.secretKey : '…'} timfetch friend-check --base-url ${emu.url} --sdkappid ${app.sdkAppId} --from ${ids[0] ?? 'A'} --to ${ids.slice(1, 4).join(',') || 'B'}`,
        'Press Ctrl-C to stop.',
      ].join('\n'),
    );
    // A Ctrl-C during generate() has already fired its abort event.
    if (!io.signal.aborted) await new Promise((resolve) => io.signal.addEventListener('abort', resolve, { once: true }));
  } finally {
    await emu.close(); // on any error too: the process must not stay up listening
  }
  // Stopping is what the user asked for (Ctrl-C or SIGTERM): the counts, and exit code 0.
  io.print(['emulator stopped', ...emulatorCounts(emu.stats)].join('\n'));
}
