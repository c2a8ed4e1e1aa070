// The emulator's graph generator at the size the demo and load tests want: 50,000 users with
// about 20 friends each (roughly a million friend entries).
import { bench, describe } from 'vitest';
import { createEmulator } from '../src/emulator/index.js';

describe('emulator store.generate', () => {
  bench('50,000 users, 20 friends each on average', () => {
    createEmulator({ sdkAppId: 1400000000, secretKey: 'bench-key' }).store.generate({ users: 50_000, seed: 7 });
  });
});
