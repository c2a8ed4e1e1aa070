// Reading the TestServerEcho the global test server puts in its answers (see
// global-test-server.ts), from any environment: Node, happy-dom or a real browser.
import { expect } from 'vitest';
import type { TestServerEcho } from './global-test-server.js';
import { testApp } from './test-app.js';

export function echoOf(answer: object): TestServerEcho {
  return (answer as { TestServerEcho: TestServerEcho }).TestServerEcho;
}

/** Asserts the server saw a correctly signed friend_check envelope with `body`, sent from `origin`. */
export function expectSignedFriendCheck(answer: object, body: unknown, origin: string): void {
  const echo = echoOf(answer);
  expect(echo.userSigValid).toBe(true);
  expect(echo.method).toBe('POST');
  expect(echo.path).toBe('/v4/sns/friend_check');
  expect(echo.queryOrder).toEqual(['sdkappid', 'identifier', 'usersig', 'random', 'contenttype']);
  expect(echo.query).toMatchObject({ sdkappid: String(testApp.sdkAppId), identifier: testApp.identifier, contenttype: 'json' });
  expect(echo.query.random).toMatch(/^\d+$/);
  // The default: CORS-safelisted, so a browser sends no preflight (the body is JSON all the same).
  expect(echo.contentType).toBe('text/plain;charset=UTF-8');
  // Set by the page's own fetch on a cross-origin request (Node's fetch sends no Origin).
  expect(echo.origin).toBe(origin);
  expect(echo.body).toEqual(body);
}
