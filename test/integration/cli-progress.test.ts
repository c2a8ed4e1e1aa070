// The progress line on stderr: forced on with TIMFETCH_PROGRESS=1 in the built command, and the
// terminal check in process (a child's stderr is never a terminal here).
import { describe, expect, it } from 'vitest';
import { progressLine, progressWanted } from '../../src/cli/progress-line.js';
import { timfetch, useTestServer } from '../support/cli-process.js';
import { answerAllAccounts } from '../support/im-test-server.js';

const setup = useTestServer();

const ids = Array.from({ length: 2501 }, (_, i) => `u${i}`).join(','); // three chunks
const frames = (stderr: string) => stderr.split('\r').filter((frame) => frame.trim() !== '');

describe('timfetch progress line', () => {
  it('with TIMFETCH_PROGRESS=1 shows accounts, requests, retries and rate, rewritten with \\r and cleared at the end', async () => {
    const first = setup.server.requests.length;
    const busy = { body: { ActionStatus: 'FAIL', ErrorCode: 30006, ErrorInfo: 'busy' } };
    setup.server.respond((request, index) => (index === first ? busy : answerAllAccounts(request, index)));
    const run = await timfetch(['friend-check', '--from', 'alice', '--to', ids, '--json'], { ...setup.env, TIMFETCH_PROGRESS: '1' });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { InfoItem: unknown[] }).InfoItem).toHaveLength(2501); // stdout untouched
    expect(run.stderr.startsWith('\r')).toBe(true);
    expect(run.stderr).toMatch(/\r +\r$/); // the last frame blanks the line
    for (const frame of frames(run.stderr)) {
      expect(frame.trimEnd()).toMatch(/^timfetch: [\d,]+\/2,501 accounts · \d+ requests? · \d+ retr(y|ies) · \d+ req\/s$/);
    }
    expect(frames(run.stderr).at(-1)?.trimEnd()).toMatch(/^timfetch: 2,501\/2,501 accounts · 4 requests · 1 retry · \d req\/s$/);
  });

  it('is quiet when stderr is not a terminal, or with TIMFETCH_PROGRESS=0', async () => {
    setup.server.respond(answerAllAccounts);
    for (const extra of [{}, { TIMFETCH_PROGRESS: '0' }]) {
      const run = await timfetch(['friend-check', '--from', 'alice', '--to', ids, '--json'], { ...setup.env, ...extra });
      expect(run).toMatchObject({ code: 0, stderr: '' });
    }
  });

  it('is on by default on a terminal, unless TIMFETCH_PROGRESS=0', () => {
    expect(progressWanted({}, { write: () => true, isTTY: true })).toBe(true);
    expect(progressWanted({}, { write: () => true })).toBe(false);
    expect(progressWanted({ TIMFETCH_PROGRESS: '0' }, { write: () => true, isTTY: true })).toBe(false);
    expect(progressWanted({ TIMFETCH_PROGRESS: '1' }, { write: () => true, isTTY: false })).toBe(true);
  });

  it('counts requests started in the last second as the rate, and pads a shorter line over a longer one', () => {
    const written: string[] = [];
    let time = 0;
    const line = progressLine({ write: (text) => written.push(text) }, 12_000, 60_000, () => time);
    for (let i = 0; i < 11; i++) line.onRequest(1);
    line.onRequest(2);
    line.onProgress({ completedAccounts: 10_000, failedAccounts: 0, totalAccounts: 12_000, completedChunks: 10, failedChunks: 0, totalChunks: 12 });
    time = 1500; // the first twelve requests are over a second old now
    line.onRequest(1);
    line.onProgress({ completedAccounts: 12_000, failedAccounts: 0, totalAccounts: 12_000, completedChunks: 12, failedChunks: 0, totalChunks: 12 });
    line.clear();
    const long = 'timfetch: 10,000/12,000 accounts · 12 requests · 1 retry · 12 req/s';
    const short = 'timfetch: 12,000/12,000 accounts · 13 requests · 1 retry · 1 req/s';
    expect(written).toEqual([`\r${long}`, `\r${short} `, `\r${' '.repeat(short.length)}\r`]);
  });
});
