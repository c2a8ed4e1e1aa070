// `timfetch emulator --cors documented`: the command serves the emulator's documented-CORS mode;
// a bad mode is bad usage naming the flag. Run in-process with a fake CommandIo.
import { describe, expect, it, vi } from 'vitest';
import { emulatorCommand } from '../../src/cli/emulator-command.js';
import type { CommandIo } from '../../src/cli/command-io.js';
import { UsageError } from '../../src/cli/usage-error.js';

function fakeIo(): { io: CommandIo; printed: string[]; stop: () => void } {
  const printed: string[] = [];
  const interrupt = new AbortController();
  const io: CommandIo = {
    env: {},
    print: (text) => printed.push(text),
    note: () => {},
    stderr: process.stderr,
    signal: interrupt.signal,
    stdin: process.stdin,
    drained: async () => undefined,
  };
  return { io, printed, stop: () => interrupt.abort() };
}

describe('timfetch emulator --cors', () => {
  it('documented: preflights get exactly the service sample headers', async () => {
    const { io, printed, stop } = fakeIo();
    const served = emulatorCommand.run(['--port', '0', '--users', '3', '--cors', 'documented'], io);
    const banner = await vi.waitFor(() => {
      const text = printed.join('\n');
      expect(text).toContain('listening on');
      return text;
    });
    expect(banner).toContain("CORS: the service's documented answer");
    const url = /listening on (\S+)/.exec(banner)?.[1] ?? '';
    const preflight = await fetch(`${url}/v4/sns/friend_check`, { method: 'OPTIONS' });
    expect(Object.fromEntries([...preflight.headers].filter(([name]) => name.startsWith('access-control-')))).toEqual({
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'X-Requested-With',
      'access-control-allow-methods': 'POST',
    });
    stop();
    await served;
  });

  it('refuses an unknown mode as bad usage, before listening', async () => {
    const { io, printed } = fakeIo();
    const error: unknown = await emulatorCommand.run(['--port', '0', '--cors', 'strict'], io).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe('--cors must be permissive or documented');
    expect(printed).toEqual([]);
  });
});
