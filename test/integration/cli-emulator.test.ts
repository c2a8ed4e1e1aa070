// `timfetch emulator` with faults from the command line, and the counts it prints when stopped:
// the built command in a child process, called over HTTP by a client that keeps its own tally.
import { describe, expect, it } from 'vitest';
import { createClient, isTimApiError } from '../../src/index.js';
import { timfetch, useServedEmulator } from '../support/cli-process.js';

const app = { sdkAppId: 1400000000, identifier: 'administrator', secretKey: 'timfetch-emulator-development-key' };

/** The value after `label` in the counts the emulator printed. */
function counted(stdout: string, label: RegExp): string {
  const match = label.exec(stdout.slice(stdout.indexOf('emulator stopped')));
  if (match?.[1] === undefined) throw new Error(`${String(label)} not in:\n${stdout}`);
  return match[1];
}

describe('timfetch emulator: fault flags and its counts', () => {
  const serve = useServedEmulator();

  it('injects the faults its flags ask for, and prints what it counted when SIGTERM stops it (exit 0)', async () => {
    const emulator = await serve(['--users', '60', '--seed', '11', '--request-error', '0.3', '--item-error', '0.1', '--latency', '1-3']);
    expect(emulator.output.stdout).toContain('  faults: requestError 0.3, itemError 0.1, latency 1-3 ms (seed 11)');

    const tim = createClient({ ...app, baseUrl: emulator.url, retry: false });
    let requestErrors = 0;
    let failedItems = 0;
    for (let call = 0; call < 20; call++) {
      const To_Account = Array.from({ length: 10 }, (_, index) => `user_${String(((call + index) % 59) + 2).padStart(2, '0')}`);
      try {
        const answer = await tim.friendCheck({ From_Account: 'user_01', To_Account, CheckType: 'CheckResult_Type_Both' });
        failedItems += answer.Fail_Account?.length ?? 0;
      } catch (error) {
        if (!isTimApiError(error) || ![30006, 30007].includes(error.code)) throw error;
        requestErrors += 1;
      }
    }
    // Seed 11 gives both kinds: the counts below are compared with something.
    expect(requestErrors).toBeGreaterThan(0);
    expect(failedItems).toBeGreaterThan(0);

    expect(await emulator.stop('SIGTERM')).toBe(0);
    const { stdout } = emulator.output;
    expect(stdout).toContain('emulator stopped\nemulator: 20 requests, 0 CORS preflights; faults injected: ');
    expect(Number(counted(stdout, /faults injected: .*\brequestError (\d+)/))).toBe(requestErrors);
    expect(Number(counted(stdout, /faults injected: .*\bitemError (\d+)/))).toBe(failedItems);
    expect(Number(counted(stdout, /faults injected: .*\blatency (\d+)/))).toBe(20);
    expect(counted(stdout, /requests per endpoint: (.*)/)).toBe('friend_check 20');
    const errorAnswers = counted(stdout, /error answers per ErrorCode: (.*)/);
    const perCode = [...errorAnswers.matchAll(/(3000[67]) (\d+)/g)].map(([, , count]) => Number(count));
    expect(perCode.reduce((sum, count) => sum + count, 0)).toBe(requestErrors);
    expect(emulator.output.stderr).toBe('');
  });

  it('without fault flags injects nothing, and Ctrl-C stops it with exit 0 and its counts', async () => {
    const emulator = await serve(['--users', '5']);
    expect(emulator.output.stdout).not.toContain('faults:');
    const tim = createClient({ ...app, baseUrl: emulator.url });
    await tim.friendCheck({ From_Account: 'user_1', To_Account: ['user_2', 'user_3'], CheckType: 'CheckResult_Type_Both' });
    await tim.friendGetList({ From_Account: 'user_1', To_Account: ['user_2'], TagList: ['Tag_SNS_IM_Remark'] });
    expect(await emulator.stop('SIGINT')).toBe(0);
    expect(emulator.output.stdout).toContain(
      [
        'emulator stopped',
        'emulator: 2 requests, 0 CORS preflights; faults injected: none',
        '  requests per endpoint: friend_check 1 · friend_get_list 1',
        '  error answers per ErrorCode: none',
        '  throttled (60007): 0, repeated random: 0',
      ].join('\n'),
    );
  });

  it.each([
    [['--drop', '1.5'], '--drop must be a probability from 0 to 1, such as 0.05'],
    [['--http-error=-0.1'], '--http-error must be a probability from 0 to 1, such as 0.05'],
    [['--throttle', '5%'], '--throttle must be a probability from 0 to 1, such as 0.05'],
    [['--latency', '40-5'], '--latency 40-5: MIN must not be above MAX'],
    [['--latency', 'fast'], '--latency must be MS or MIN-MAX milliseconds, such as 5-40'],
    [['--latency', '1-2147483648'], '--latency must be at most 2147483647 ms'],
    [['--stall-ms', '0'], '--stall-ms must be at least 1'],
    [['--stall-ms', '1.5'], '--stall-ms must be a whole number, 0 or more (got "1.5")'],
  ])('refuses %j as bad usage before listening: exit 2', async (args, message) => {
    const run = await timfetch(['emulator', '--port', '0', ...args]);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `timfetch: ${message} (see timfetch emulator --help)\n` });
  });
});
