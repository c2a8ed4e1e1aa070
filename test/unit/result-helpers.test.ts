// Result types that help the reader (issue 13): isOk narrows a batch item to its success shape,
// tagValue reads a profile tag typed by the tag, and a plugin reads batch bodies and answers typed
// through the plugin kit. The expectTypeOf assertions are checked by `tsc --noEmit` (the first
// step of `npm test`); the runtime assertions by vitest.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createClient,
  defineEndpoint,
  friendCheck,
  friendGetList,
  isOk,
  tagValue,
  type BatchItem,
  type FailedItem,
  type FriendCheckFailedItem,
  type FriendCheckItem,
  type FriendCheckResponse,
  type FriendCheckSuccessItem,
  type FriendGetListFailedItem,
  type FriendGetListItem,
  type FriendGetListResponse,
  type FriendGetListSuccessItem,
  type FriendRelation,
  type Plugin,
  type SnsProfileItem,
  type StandardTag,
  type SuccessItem,
  type TagValue,
} from '../../src/index.js';
import { createEmulator } from '../../src/emulator/index.js';
import { answerItems, batchShape, requestedAccounts, type ApiResponse } from '../../src/plugin-kit.js';
import * as v from 'valibot';
import { fakeFetch, ok } from '../support/fake-fetch.js';
import { testApp } from '../support/test-app.js';

const checked = (To_Account: string, Relation: FriendRelation): FriendCheckItem => ({ To_Account, ResultCode: 0, ResultInfo: '', Relation });
const failedCheck = (To_Account: string, ResultCode = 30006): FriendCheckItem => ({ To_Account, ResultCode, ResultInfo: 'busy', Relation: 'CheckResult_Type_NoRelation' });
const profile = (fields: SnsProfileItem[]): FriendGetListItem => ({ To_Account: 'bob', ResultCode: 0, ResultInfo: '', SnsProfileItem: fields });

describe('isOk', () => {
  it('is true exactly when ResultCode is 0', () => {
    expect(isOk(checked('bob', 'CheckResult_Type_BothWay'))).toBe(true);
    expect(isOk(failedCheck('carol'))).toBe(false);
    expect(isOk({ To_Account: 'dave', ResultCode: -3 })).toBe(false);
    expect(isOk({ ResultCode: 0 } as BatchItem)).toBe(true);
  });

  it('filters an answer to its successes, as a filter callback', () => {
    const items = [checked('bob', 'CheckResult_Type_BothWay'), failedCheck('carol'), checked('dave', 'CheckResult_Type_AWithB')];
    expect(items.filter(isOk).map((item) => item.Relation)).toEqual(['CheckResult_Type_BothWay', 'CheckResult_Type_AWithB']);
  });

  it('narrows a friend_check item: Relation present on success, ResultCode and ResultInfo on failure', () => {
    const item = failedCheck('carol') as FriendCheckItem;
    // Unnarrowed, Relation is optional (a failed item may carry a meaningless one).
    expectTypeOf(item.Relation).toEqualTypeOf<FriendRelation | (string & {}) | undefined>();
    if (isOk(item)) {
      expectTypeOf(item).toEqualTypeOf<FriendCheckSuccessItem>();
      expectTypeOf(item.Relation).toEqualTypeOf<FriendRelation | (string & {})>();
      expectTypeOf(item.ResultCode).toEqualTypeOf<0>();
    } else {
      expectTypeOf(item).toEqualTypeOf<FriendCheckFailedItem>();
      expectTypeOf(item.ResultCode).toEqualTypeOf<number>();
      expectTypeOf(item.ResultInfo).toEqualTypeOf<string | undefined>();
    }
    expectTypeOf<SuccessItem<FriendCheckItem>>().toEqualTypeOf<FriendCheckSuccessItem>();
    expectTypeOf<FailedItem<FriendCheckItem>>().toEqualTypeOf<FriendCheckFailedItem>();
    expectTypeOf([item].filter(isOk)).toEqualTypeOf<FriendCheckSuccessItem[]>();
  });

  it('narrows a friend_get_list item: SnsProfileItem present on success', () => {
    const item = profile([]) as FriendGetListItem;
    expectTypeOf(item.SnsProfileItem).toEqualTypeOf<SnsProfileItem[] | undefined>();
    if (isOk(item)) {
      expectTypeOf(item).toEqualTypeOf<FriendGetListSuccessItem>();
      expectTypeOf(item.SnsProfileItem).toEqualTypeOf<SnsProfileItem[]>();
    } else {
      expectTypeOf(item).toEqualTypeOf<FriendGetListFailedItem>();
    }
  });

  it('types the answers of the built-in endpoints with these item types', () => {
    expectTypeOf<FriendCheckResponse['InfoItem']>().toEqualTypeOf<FriendCheckItem[]>();
    expectTypeOf<FriendGetListResponse['InfoItem']>().toEqualTypeOf<FriendGetListItem[]>();
    expectTypeOf<FriendCheckItem>().toExtend<BatchItem>();
    expectTypeOf<FriendGetListItem>().toExtend<BatchItem>();
  });

  it('narrows the items of an endpoint made with defineEndpoint, and of a plain BatchItem', () => {
    const friendDelete = defineEndpoint({
      name: 'friendDelete',
      path: 'v4/sns/friend_delete',
      effect: 'write',
      idempotent: true,
      request: v.object({ From_Account: v.string(), To_Account: v.array(v.string()) }),
      response: v.looseObject({
        ErrorCode: v.number(),
        InfoItem: v.array(
          v.union([
            v.looseObject({ To_Account: v.string(), ResultCode: v.literal(0), DeletedAt: v.number() }),
            v.looseObject({ To_Account: v.string(), ResultCode: v.number(), ResultInfo: v.optional(v.string()) }),
          ]),
        ),
      }),
      batch: { list: 'To_Account', max: 1000, results: 'InfoItem' },
    });
    type Item = v.InferOutput<typeof friendDelete.response>['InfoItem'][number];
    const item = { To_Account: 'bob', ResultCode: 0, DeletedAt: 1 } as Item;
    if (isOk(item)) expectTypeOf(item.DeletedAt).toEqualTypeOf<number>();

    // Without a success member in the type, the success shape is the type with ResultCode 0.
    const plain: BatchItem = { ResultCode: 0 };
    if (isOk(plain)) expectTypeOf(plain.ResultCode).toEqualTypeOf<0>();
    else expectTypeOf(plain).toEqualTypeOf<BatchItem>();
    expect(isOk(item) && isOk(plain)).toBe(true);
  });
});

describe('tagValue', () => {
  const item = profile([
    { Tag: 'Tag_Profile_IM_Nick', Value: 'Bob' },
    { Tag: 'Tag_Profile_IM_Gender', Value: 'Gender_Type_Male' },
    { Tag: 'Tag_Profile_IM_Level', Value: 12 },
    { Tag: 'Tag_SNS_IM_Group', Value: ['work', 'climbing'] },
    { Tag: 'Tag_SNS_IM_AddTime', Value: 1_700_000_000 },
    { Tag: 'Tag_Profile_Custom_City', Value: 'Shenzhen' },
    { Tag: 'Tag_SNS_Custom_Score', Value: '18446744073709551615' },
    { Tag: 'Tag_Profile_Custom_Rank', Value: 7 },
    { Tag: 'Tag_Profile_IM_Future', Value: ['a'] },
  ]);

  it('reads each kind of value', () => {
    expect(tagValue(item, 'Tag_Profile_IM_Nick')).toBe('Bob');
    expect(tagValue(item, 'Tag_Profile_IM_Gender')).toBe('Gender_Type_Male');
    expect(tagValue(item, 'Tag_Profile_IM_Level')).toBe(12);
    expect(tagValue(item, 'Tag_SNS_IM_Group')).toEqual(['work', 'climbing']);
    expect(tagValue(item, 'Tag_SNS_IM_AddTime')).toBe(1_700_000_000);
    expect(tagValue(item, 'Tag_Profile_Custom_City')).toBe('Shenzhen');
    expect(tagValue(item, 'Tag_SNS_Custom_Score')).toBe('18446744073709551615');
    expect(tagValue(item, 'Tag_Profile_Custom_Rank')).toBe(7);
    expect(tagValue(item, 'Tag_Profile_IM_Future')).toEqual(['a']);
  });

  it('is undefined for a tag the item lacks, a failed item, and a name that is only an Object property', () => {
    expect(tagValue(item, 'Tag_SNS_IM_Remark')).toBeUndefined();
    const notFriend: FriendGetListItem = { To_Account: 'x', ResultCode: 30001, ResultInfo: 'Err_SNS_FriendGetList_Friend_Not_Exist' };
    expect(tagValue(notFriend, 'Tag_Profile_IM_Nick')).toBeUndefined();
    expect(tagValue(profile([{ Tag: 'toString', Value: 'x' }]), 'toString')).toBe('x');
    expect(tagValue(item, 'constructor')).toBeUndefined();
  });

  it('gives undefined, not a value of the wrong type, when the service sends another type than documented', () => {
    const odd = profile([
      { Tag: 'Tag_Profile_IM_Nick', Value: 42 },
      { Tag: 'Tag_Profile_IM_Level', Value: '12' },
      { Tag: 'Tag_SNS_IM_Group', Value: 'work' },
      { Tag: 'Tag_SNS_Custom_List', Value: ['a', 'b'] },
    ]);
    expect(tagValue(odd, 'Tag_Profile_IM_Nick')).toBeUndefined();
    expect(tagValue(odd, 'Tag_Profile_IM_Level')).toBeUndefined();
    expect(tagValue(odd, 'Tag_SNS_IM_Group')).toBeUndefined();
    expect(tagValue(odd, 'Tag_SNS_Custom_List')).toBeUndefined();
  });

  it('returns the type documented for each tag', () => {
    expectTypeOf(tagValue(item, 'Tag_Profile_IM_Nick')).toEqualTypeOf<string | undefined>();
    expectTypeOf(tagValue(item, 'Tag_Profile_IM_Level')).toEqualTypeOf<number | undefined>();
    expectTypeOf(tagValue(item, 'Tag_SNS_IM_AddTime')).toEqualTypeOf<number | undefined>();
    expectTypeOf(tagValue(item, 'Tag_SNS_IM_Group')).toEqualTypeOf<string[] | undefined>();
    expectTypeOf(tagValue(item, 'Tag_Profile_IM_Gender')).toEqualTypeOf<
      'Gender_Type_Unknown' | 'Gender_Type_Female' | 'Gender_Type_Male' | (string & {}) | undefined
    >();
    expectTypeOf(tagValue(item, 'Tag_Profile_Custom_City')).toEqualTypeOf<string | number | undefined>();
    expectTypeOf(tagValue(item, 'Tag_SNS_Custom_Score')).toEqualTypeOf<string | number | undefined>();
    expectTypeOf(tagValue(item, 'Tag_Profile_IM_Future')).toEqualTypeOf<string | number | string[] | undefined>();
    expectTypeOf<'Tag_SNS_IM_Remark'>().toExtend<StandardTag>();
    expectTypeOf<TagValue<'Tag_SNS_IM_Remark'>>().toEqualTypeOf<string>();
    // A tag name held in a plain string gives the widest type.
    const dynamic: string = 'Tag_Profile_IM_Nick';
    expectTypeOf(tagValue(item, dynamic)).toEqualTypeOf<string | number | string[] | undefined>();
  });

  it('reads what friendGetList answers, end to end against the emulator', async () => {
    const emulator = createEmulator({ sdkAppId: testApp.sdkAppId, secretKey: testApp.secretKey });
    emulator.store.addAccount('bob', { Tag_Profile_IM_Nick: 'Bob', Tag_Profile_IM_Level: 3 });
    emulator.store.addFriend('alice', 'bob', { Tag_SNS_IM_Remark: 'bobby', Tag_SNS_IM_Group: ['work'], Tag_SNS_Custom_Note: 'met at KubeCon' });
    const tim = createClient({ ...testApp, fetch: emulator.fetch, rateLimit: false });
    const { InfoItem } = await tim.friendGetList({
      From_Account: 'alice',
      To_Account: ['bob', 'carol'],
      TagList: ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Level', 'Tag_SNS_IM_Remark', 'Tag_SNS_IM_Group', 'Tag_SNS_Custom_Note'],
    });
    const [bob, carol] = InfoItem;
    if (bob === undefined || carol === undefined || !isOk(bob)) throw new Error(`unexpected answer ${JSON.stringify(InfoItem)}`);
    expect(bob.SnsProfileItem.length).toBeGreaterThan(0);
    expect([tagValue(bob, 'Tag_Profile_IM_Nick'), tagValue(bob, 'Tag_Profile_IM_Level'), tagValue(bob, 'Tag_SNS_IM_Remark')]).toEqual(['Bob', 3, 'bobby']);
    expect(tagValue(bob, 'Tag_SNS_IM_Group')).toEqual(['work']);
    expect(tagValue(bob, 'Tag_SNS_Custom_Note')).toBe('met at KubeCon');
    expect(isOk(carol)).toBe(false);
    if (!isOk(carol)) expect([carol.ResultCode, tagValue(carol, 'Tag_Profile_IM_Nick')]).toEqual([30001, undefined]);
  });
});

describe('plugin kit: typed batch bodies and answers', () => {
  const body = { From_Account: 'alice', To_Account: ['bob', 'carol'], CheckType: 'CheckResult_Type_Both' };
  const answer = { ErrorCode: 0, InfoItem: [checked('bob', 'CheckResult_Type_BothWay'), failedCheck('carol')] } as ApiResponse;
  const status = defineEndpoint({ name: 'status', path: 'v4/openim/query_online_status', effect: 'read', request: v.object({}), response: v.looseObject({ ErrorCode: v.number() }) });

  it('reads the account list and the results from the endpoint or from its shape alike', () => {
    const shape = batchShape(friendCheck);
    if (shape === undefined) throw new Error('friendCheck is a batch endpoint');
    expect(requestedAccounts(body, friendCheck)).toEqual(['bob', 'carol']);
    expect(requestedAccounts(body, shape)).toEqual(['bob', 'carol']);
    expect(answerItems(answer, friendCheck)).toBe((answer as unknown as { InfoItem: unknown }).InfoItem);
    expect(answerItems(answer, shape)).toBe(answerItems(answer, friendCheck));
    expectTypeOf(requestedAccounts(body, friendCheck)).toEqualTypeOf<readonly string[]>();
    expectTypeOf(answerItems(answer, friendCheck)).toEqualTypeOf<readonly BatchItem[]>();
  });

  it('gives empty lists for an endpoint without a batch declaration', () => {
    expect(requestedAccounts({ To_Account: ['bob'] }, status)).toEqual([]);
    expect(answerItems({ ErrorCode: 0, InfoItem: [{ ResultCode: 0 }] } as ApiResponse, status)).toEqual([]);
  });

  it('lets a plugin count the accounts a call asked about and those that failed, typed', async () => {
    const seen: string[] = [];
    const batchStats: Plugin = {
      name: 'batch-stats',
      phase: 'call',
      async run(ctx, next) {
        const asked = requestedAccounts(ctx.body, ctx.endpoint);
        const result = await next(ctx);
        const failed = answerItems(result, ctx.endpoint).filter((item) => !isOk(item));
        seen.push(`${ctx.endpoint.name}: ${failed.length} of ${asked.length} failed`);
        return result;
      },
    };
    const fake = fakeFetch((call) => {
      const accounts = (call.body as { To_Account: string[] }).To_Account;
      return ok({
        InfoItem: accounts.map((To_Account) => (To_Account === 'carol' ? { To_Account, ResultCode: 30001, ResultInfo: 'no' } : { To_Account, ResultCode: 0, SnsProfileItem: [] })),
        Fail_Account: ['carol'],
      });
    });
    const tim = createClient({ ...testApp, fetch: fake.fetch, rateLimit: false, retry: false, plugins: [batchStats] });
    await tim.friendGetList({ From_Account: 'alice', To_Account: ['bob', 'carol', 'dave'], TagList: ['Tag_Profile_IM_Nick'] });
    expect(seen).toEqual(['friendGetList: 1 of 3 failed']);
    expect(friendGetList.batch?.max).toBe(100);
  });
});
