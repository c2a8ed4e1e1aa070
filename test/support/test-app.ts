// The app every test signs for. The key is the known vector's, not a real one.
export const testApp = {
  sdkAppId: 1400000000,
  identifier: 'administrator',
  secretKey: '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e',
} as const;
