// The default rate limiter against the emulator server's own 200-per-1000-ms enforcement.
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { createClient } from '../../src/index.js';
import { testApp } from '../support/test-app.js';

describe('rate limit against the emulator server', () => {
  it('sends 1,000 chunked requests with no 60007 and no window over the limit, close to the bound', async () => {
    const emu = await startEmulator({ sdkAppId: testApp.sdkAppId, secretKey: testApp.secretKey, rateLimit: { limit: 200, interval: 1000 } });
    try {
      emu.store.addAccount('alice');
      const tim = createClient({ ...testApp, baseUrl: emu.url, chunking: { chunkSize: 10, concurrency: 16 } });
      const accounts = Array.from({ length: 10_000 }, (_, i) => `peer_${i}`);
      const started = performance.now();
      const { InfoItem, Fail_Account } = await tim.friendCheck({ From_Account: 'alice', To_Account: accounts, CheckType: 'CheckResult_Type_Both' });
      const seconds = (performance.now() - started) / 1000;
      expect(InfoItem).toHaveLength(10_000);
      expect(Fail_Account).toBeUndefined();
      const counters = emu.stats.endpoints['v4/sns/friend_check'];
      expect(counters.requests).toBe(1000);
      expect(emu.stats.rateLimited).toBe(0);
      expect(counters.peakPerInterval).toBeLessThanOrEqual(200);
      // The bound is (1000 - 200) / 200 = 4 windows; the margin makes a window 1.05 s.
      expect(seconds).toBeGreaterThanOrEqual(4 * 1.05 - 0.05);
    } finally {
      await emu.close();
    }
  }, 20_000);
});
