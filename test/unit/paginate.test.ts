// tim.paginate: a walk over a paged endpoint, page by page through the pipeline, owning the cursor.
import { describe, expect, it } from 'vitest';
import { createClient, friendCheck, friendGet, isTimResponseError, isTimValidationError, type FriendGetResponse } from '../../src/index.js';
import { rejection } from '../support/caught.js';
import { fakeFetch, ok, type FakeCall } from '../support/fake-fetch.js';
import { testApp } from '../support/test-app.js';

const friends = Array.from({ length: 7 }, (_, i) => `f${i}`);
/** friend_get pages of 3 friends: StartIndex in, NextStartIndex and CompleteFlag out. */
const pages = (call: FakeCall) => {
  const start = (call.body as { StartIndex: number }).StartIndex;
  const page = friends.slice(start, start + 3);
  const complete = start + 3 >= friends.length;
  return ok({ UserDataItem: page.map((To_Account) => ({ To_Account, ValueItem: [] })), FriendNum: friends.length, CompleteFlag: complete ? 1 : 0, NextStartIndex: complete ? 0 : start + 3 });
};

async function collect(pagesOf: AsyncIterable<FriendGetResponse>): Promise<string[]> {
  const seen: string[] = [];
  for await (const page of pagesOf) seen.push(...page.UserDataItem.map((friend) => friend.To_Account));
  return seen;
}

describe('paginate', () => {
  it('yields every item once, in order, with one signed request per page and none after the last', async () => {
    const fake = fakeFetch(pages);
    const tim = createClient({ ...testApp, fetch: fake.fetch });
    expect(await collect(tim.paginate(friendGet, { From_Account: 'alice', StartIndex: 99 }))).toEqual(friends);
    expect(fake.calls.map((call) => (call.body as { StartIndex: number }).StartIndex)).toEqual([0, 3, 6]);
    expect(fake.calls.every((call) => (call.body as { StandardSequence: number }).StandardSequence === 0)).toBe(true);
    const randoms = fake.calls.map((call) => call.url.searchParams.get('random'));
    expect(new Set(randoms).size).toBe(3);
    expect(fake.calls.every((call) => call.url.searchParams.get('usersig') !== null)).toBe(true);
  });

  it('reads one page ahead, and sends nothing more when the loop is left early', async () => {
    const fake = fakeFetch(pages);
    const tim = createClient({ ...testApp, fetch: fake.fetch });
    for await (const page of tim.paginate(friendGet, { From_Account: 'alice' })) {
      expect(page.UserDataItem).toHaveLength(3);
      // While the loop works on the first page, the second is on its way; never the third.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(fake.calls).toHaveLength(2);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.calls).toHaveLength(2);
  });

  it('stops with the signal’s reason when it aborts, and sends nothing more', async () => {
    const controller = new AbortController();
    const reason = new Error('enough');
    const fake = fakeFetch((call, index) => {
      if (index === 1) controller.abort(reason);
      return pages(call);
    });
    const tim = createClient({ ...testApp, fetch: fake.fetch, retry: false });
    expect(await rejection(collect(tim.paginate(friendGet, { From_Account: 'alice' }, { signal: controller.signal })))).toBe(reason);
    expect(fake.calls).toHaveLength(2);
  });

  it('refuses an answer whose next cursor would walk in a circle, and an endpoint that is not paged', async () => {
    const stuck = fakeFetch(() => ok({ UserDataItem: [], CompleteFlag: 0, NextStartIndex: 0 }));
    const tim = createClient({ ...testApp, fetch: stuck.fetch });
    const error = await rejection(collect(tim.paginate(friendGet, { From_Account: 'alice' })));
    expect(isTimResponseError(error) && error.path).toBe('NextStartIndex');
    expect(stuck.calls).toHaveLength(1);
    const notPaged = await rejection(collect(tim.paginate(friendCheck, { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' }) as AsyncIterable<FriendGetResponse>));
    expect(isTimValidationError(notPaged)).toBe(true);
  });
});
