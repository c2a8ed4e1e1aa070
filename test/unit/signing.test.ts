import { describe, expect, it } from 'vitest';
import { signing } from '../../plugins/signing.js';
import { decodeUserSig, genUserSig, TimApiError, TimValidationError, userSigFromSecretKey, verifyUserSig } from '../../src/index.js';
import type { ApiResponse, RequestContext } from '../../src/pipeline/plugin.js';
import { context, runPlugin } from '../support/plugin-harness.js';
import { testApp } from '../support/test-app.js';

const expired = () => Promise.reject(new TimApiError({ ErrorCode: 70001, ErrorInfo: 'usersig expired' }));
const okAnswer = async (): Promise<ApiResponse> => ({ ErrorCode: 0 });

/** A clock the test moves by hand. */
function manualClock(start = 1_700_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** How many attempts the renewal plugin makes when every attempt is rejected with `code`. */
async function attemptsWhenRejected(renewal: ReturnType<typeof signing>[0], code: number): Promise<number> {
  let calls = 0;
  const rejectAll = () => {
    calls++;
    return Promise.reject(new TimApiError({ ErrorCode: code }));
  };
  await expect(runPlugin(renewal, rejectAll)).rejects.toMatchObject({ code });
  return calls;
}

/** Signing options that generate each UserSig from the test app's key, as a client given `secretKey` does. */
function fromKey(generation: { expire?: number; now?: () => number } = {}) {
  return { sdkAppId: testApp.sdkAppId, identifier: testApp.identifier, getUserSig: userSigFromSecretKey({ ...testApp, ...generation }) };
}

async function signedWith(signer: ReturnType<typeof signing>[1], ctx: RequestContext = context()): Promise<string> {
  const { seen } = await runPlugin(signer, okAnswer, ctx);
  return seen[0]?.query.usersig ?? '';
}

describe('signing plugin', () => {
  it('signs every attempt with a UserSig the service accepts', async () => {
    const [, signer] = signing(fromKey());
    const userSig = await signedWith(signer);
    expect(await verifyUserSig({ ...testApp, userSig })).toEqual({ valid: true });
  });

  it('caches the UserSig and renews it after 90 % of its lifetime', async () => {
    const clock = manualClock();
    const [, signer] = signing({ ...fromKey({ expire: 1000, now: clock.now }), now: clock.now });
    const first = await signedWith(signer);
    clock.advance(899_000);
    expect(await signedWith(signer)).toBe(first);
    clock.advance(1_000);
    const renewed = await signedWith(signer);
    expect(renewed).not.toBe(first);
    expect((await decodeUserSig(renewed))?.time).toBe(1_700_000_900);
  });

  it('shares one generation between concurrent first calls', async () => {
    let calls = 0;
    const [, signer] = signing({
      sdkAppId: testApp.sdkAppId,
      identifier: testApp.identifier,
      getUserSig: async () => {
        calls++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return genUserSig({ ...testApp, expire: 3600 });
      },
    });
    const sigs = await Promise.all(Array.from({ length: 10 }, () => signedWith(signer)));
    expect(calls).toBe(1);
    expect(new Set(sigs).size).toBe(1);
  });

  it('calls getUserSig again when the UserSig it gave nears its own expiry', async () => {
    const clock = manualClock();
    let calls = 0;
    const [, signer] = signing({
      sdkAppId: testApp.sdkAppId,
      identifier: testApp.identifier,
      now: clock.now,
      getUserSig: () => {
        calls++;
        return genUserSig({ ...testApp, expire: 100, now: clock.now() });
      },
    });
    await signedWith(signer);
    clock.advance(89_000);
    await signedWith(signer);
    expect(calls).toBe(1);
    clock.advance(2_000);
    await signedWith(signer);
    expect(calls).toBe(2);
  });

  it('renews and retries once on 70001, with a new UserSig', async () => {
    let time = 1_700_000_000_000;
    // Each generation a second later, so a regenerated UserSig differs from the rejected one.
    const clock = () => (time += 1000);
    const [renewal, signer] = signing({ ...fromKey({ now: clock }), now: () => time });
    const used: string[] = [];
    // The sub-call plugin's next runs the attempt plugin, whose next plays the service.
    const { result } = await runPlugin(renewal, async (ctx, call) => {
      const service = (signed: RequestContext) => {
        used.push(signed.query.usersig ?? '');
        return call === 0 ? expired() : okAnswer();
      };
      return (await runPlugin(signer, service, ctx)).result;
    });
    expect(result).toEqual({ ErrorCode: 0 });
    expect(used).toHaveLength(2);
    expect(used[0]).not.toBe(used[1]);
  });

  it('retries only once when the new UserSig is rejected too', async () => {
    const [renewal] = signing(fromKey());
    expect(await attemptsWhenRejected(renewal, 70001)).toBe(2);
  });

  it('also renews on 70052 but never on other codes', async () => {
    for (const [code, expectedCalls] of [
      [70052, 2],
      [70003, 1],
      [30006, 1],
    ] as const) {
      const [renewal] = signing(fromKey());
      expect(await attemptsWhenRejected(renewal, code)).toBe(expectedCalls);
    }
  });

  it('does not retry a fixed userSig, which cannot be renewed', async () => {
    const userSig = await genUserSig({ ...testApp });
    const [renewal, signer] = signing({ sdkAppId: testApp.sdkAppId, identifier: testApp.identifier, userSig });
    expect(await signedWith(signer)).toBe(userSig);
    expect(await attemptsWhenRejected(renewal, 70001)).toBe(1);
  });

  it('drops the rejected UserSig from the cache so the next attempt gets a new one', async () => {
    const clock = manualClock();
    const [, signer] = signing({ ...fromKey({ now: clock.now }), now: clock.now });
    const first = await signedWith(signer);
    clock.advance(1_000);
    await expect(runPlugin(signer, expired)).rejects.toBeInstanceOf(TimApiError);
    const second = await signedWith(signer);
    expect(second).not.toBe(first);
  });

  it('refuses a getUserSig result that is not a UserSig', async () => {
    const [, signer] = signing({ sdkAppId: testApp.sdkAppId, identifier: testApp.identifier, getUserSig: () => 'not a sig!' });
    await expect(runPlugin(signer)).rejects.toThrow('Invalid getUserSig result: must be a UserSig string');
  });

  it('stops waiting for a slow provider when the signal aborts', async () => {
    const [, signer] = signing({
      sdkAppId: testApp.sdkAppId,
      identifier: testApp.identifier,
      getUserSig: () => new Promise<string>(() => undefined),
    });
    const controller = new AbortController();
    const pending = runPlugin(signer, okAnswer, context({ signal: controller.signal }));
    controller.abort(new Error('gave up'));
    await expect(pending).rejects.toThrow('gave up');
  });

  it.each([
    [{ sdkAppId: 1, identifier: 'a' }, '', 'give exactly one of userSig or getUserSig'],
    [{ sdkAppId: 1, identifier: 'a', userSig: 'u', getUserSig: () => 'u' }, '', 'give exactly one of userSig or getUserSig'],
    [{ sdkAppId: 0, identifier: 'a', userSig: 'u' }, 'sdkAppId', 'must be a positive integer'],
    [{ sdkAppId: 1, identifier: 'a', secretKey: 'k' }, 'secretKey', 'is not a signing option'],
  ])('validates its options %#', (options, path, reason) => {
    try {
      signing(options as Parameters<typeof signing>[0]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TimValidationError);
      expect(error).toMatchObject({ path, reason });
    }
  });
});
