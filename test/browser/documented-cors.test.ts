// The built browser bundle in real Chromium against emulator servers that answer CORS exactly as
// the service's documentation shows (`Access-Control-Allow-Headers: X-Requested-With`, nothing
// about `content-type`): the default client must get every call through without one preflight,
// while a client sending `Content-Type: application/json` is preflighted and refused. The OPTIONS
// requests are counted at the servers (see global-test-server.ts). Run `rollup -c` first.
import { beforeAll, describe, expect, inject, it } from 'vitest';
// Type-only: the global setup module itself runs in Node, not in the page.
import type { DocumentedCorsCounts } from '../support/global-test-server.js';
import { testApp } from '../support/test-app.js';

type Bundle = typeof import('../../src/index.js');

const { sdkAppId, identifier, secretKey } = testApp;
const { from, peers } = inject('documentedGraph');
const accounts = peers.map(([account]) => account);

let bundle: Bundle;

beforeAll(async () => {
  // @ts-expect-error -- the built bundle has no declaration file; it is typed as the source below.
  bundle = (await import('../../dist/timfetch.browser.js')) as Bundle;
});

async function counts(): Promise<DocumentedCorsCounts> {
  const response = await fetch(inject('emulatorCountsUrl'));
  return (await response.json()) as DocumentedCorsCounts;
}

describe('the default client against the documented CORS answer, in Chromium', () => {
  const baseUrl = inject('documentedEmulatorUrl');

  it('checks 2,500 accounts in three concurrent requests, every relation in request order', async () => {
    const tim = bundle.createClient({ sdkAppId, identifier, secretKey, baseUrl });
    const answer = await tim.friendCheck({ From_Account: from, To_Account: accounts, CheckType: 'CheckResult_Type_Both' });
    expect(answer.Fail_Account).toBeUndefined();
    expect(answer.InfoItem.map((item) => [item.To_Account, item.Relation])).toEqual(peers);
  });

  it('lists friends with a UserSig from getUserSig: listed peers answered, the others failed', async () => {
    const tim = bundle.createClient({
      sdkAppId,
      identifier,
      baseUrl,
      getUserSig: () => bundle.genUserSig({ sdkAppId, identifier, secretKey, expire: 3600 }),
    });
    const asked = accounts.slice(0, 250);
    const answer = await tim.friendGetList({ From_Account: from, To_Account: asked, TagList: ['Tag_SNS_IM_Remark'] });
    const listed = peers.slice(0, 250).filter(([, relation]) => relation === 'CheckResult_Type_AWithB' || relation === 'CheckResult_Type_BothWay');
    expect(answer.InfoItem.map((item) => item.To_Account)).toEqual(asked);
    expect(answer.InfoItem.filter((item) => item.ResultCode === 0).map((item) => [item.To_Account, item.SnsProfileItem])).toEqual(
      listed.map(([account]) => [account, [{ Tag: 'Tag_SNS_IM_Remark', Value: `remark ${account}` }]]),
    );
    expect(answer.Fail_Account).toHaveLength(asked.length - listed.length);
  });

  it('reads an error answer cross-origin: TimApiError 30003 for an unknown From_Account', async () => {
    const tim = bundle.createClient({ sdkAppId, identifier, secretKey, baseUrl, retry: false });
    const error: unknown = await tim
      .friendCheck({ From_Account: 'nobody', To_Account: ['peer_1'], CheckType: 'CheckResult_Type_Single' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(bundle.TimApiError);
    expect((error as InstanceType<Bundle['TimApiError']>).code).toBe(30003);
  });

  // Last in this block: the calls above ran first (tests in a file run in order).
  it('saw not one OPTIONS request at the server', async () => {
    const { documented } = await counts();
    expect(documented.preflights).toBe(0);
    // 3 friend_check + 3 friend_get_list + 1 failed call: the calls did reach this server.
    expect(documented.requests).toBeGreaterThanOrEqual(7);
  });
});

describe("contentType: 'application/json' against the documented CORS answer, in Chromium", () => {
  it('is preflighted, and Chromium refuses the answer: TimNetworkError, the POST never sent', async () => {
    const before = await counts();
    const tim = bundle.createClient({ sdkAppId, identifier, secretKey, baseUrl: inject('refusingEmulatorUrl'), contentType: 'application/json', retry: false });
    const error: unknown = await tim
      .friendCheck({ From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Single' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(bundle.TimNetworkError);
    const after = await counts();
    // What the server saw proves the counting works: the preflight, and no POST after it.
    expect(after.refusing.preflights - before.refusing.preflights).toBe(1);
    expect(after.refusing.requests - before.refusing.requests).toBe(0);
  });
});
