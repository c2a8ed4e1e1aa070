import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumArgs, chromiumPath } from './test/support/chromium.js';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/emulator/**/*.test.ts', 'test/runtimes/**/*.test.ts', 'test/docs/**/*.test.ts'],
        },
      },
      // `npm run chaos` only: minutes long, so `npm test` runs the short one in test/integration.
      ...(process.env.TIMFETCH_CHAOS === '1' ? [{ test: { name: 'chaos', environment: 'node', include: ['test/chaos/**/*.chaos.ts'] } }] : []),
      {
        test: {
          name: 'happy-dom',
          environment: 'happy-dom',
          include: ['test/happy-dom/**/*.test.ts'],
          globalSetup: ['test/support/global-test-server.ts'],
        },
      },
      {
        test: {
          name: 'chromium',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/support/global-test-server.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
