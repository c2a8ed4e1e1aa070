import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { createClient, defineEndpoint, friendCheck, isTimValidationError, tagNameSchema, type AnyEndpoint } from '../../src/index.js';
import { asValidationError, rejection } from '../support/caught.js';
import { fakeFetch } from '../support/fake-fetch.js';
import { testApp } from '../support/test-app.js';

const fake = fakeFetch();
const tim = createClient({ ...testApp, fetch: fake.fetch });

const validationError = async (promise: Promise<unknown>) => asValidationError(await rejection(promise));

const check = { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' };
const getList = { From_Account: 'alice', To_Account: ['bob'], TagList: ['Tag_Profile_IM_Nick'] };

describe('request validation, before any network I/O', () => {
  it.each([
    [{ ...check, From_Account: '' }, 'From_Account', 'must not be empty'],
    [{ ...check, From_Account: 7 }, 'From_Account', 'must be a string'],
    [{ ...check, From_Account: '用'.repeat(11) }, 'From_Account', 'must be at most 32 bytes in UTF-8'],
    [{ ...check, To_Account: [] }, 'To_Account', 'must not be empty'],
    [{ ...check, To_Account: 'bob' }, 'To_Account', 'must be an array of UserIDs'],
    [{ ...check, To_Account: ['bob', ''] }, 'To_Account[1]', 'must not be empty'],
    [{ ...check, To_Account: ['bob', 'b'.repeat(33)] }, 'To_Account[1]', 'must be at most 32 bytes in UTF-8'],
    [{ ...check, CheckType: 'Both' }, 'CheckType', 'must be CheckResult_Type_Single or CheckResult_Type_Both'],
    [{ From_Account: 'alice', To_Account: ['bob'] }, 'CheckType', 'is required'],
  ])('friendCheck: %#', async (body, path, reason) => {
    const error = await validationError(tim.friendCheck(body as never));
    expect(error).toMatchObject({ path, reason, endpoint: 'friendCheck', code: -4, retryable: false });
    expect(error.message).toBe(`Invalid friendCheck request: ${path}: ${reason}`);
  });

  it.each([
    [{ ...getList, TagList: [] }, 'TagList', 'must not be empty'],
    [{ ...getList, TagList: ['Tag_Profile_IM_Nick', ''] }, 'TagList[1]', 'must not be empty'],
    [{ ...getList, TagList: 'Tag_Profile_IM_Nick' }, 'TagList', 'must be an array of tag names'],
    [{ From_Account: 'alice', TagList: ['x'] }, 'To_Account', 'is required'],
  ])('friendGetList: %#', async (body, path, reason) => {
    expect(await validationError(tim.friendGetList(body as never))).toMatchObject({ path, reason, endpoint: 'friendGetList' });
  });

  describe('an unknown tag, with the closest documented one', () => {
    const misspelt = 'is not a documented tag: did you mean';
    const noMatch = 'is not a documented tag (Tag_Profile_IM_* or Tag_SNS_IM_*, see StandardTag) nor a custom one (Tag_Profile_Custom_<name> or Tag_SNS_Custom_<name>)';
    it.each([
      ['Tag_Profile_IM_Nik', `${misspelt} Tag_Profile_IM_Nick?`],
      ['Tag_SNS_IM_Remak', `${misspelt} Tag_SNS_IM_Remark?`],
      ['tag_sns_im_group', `${misspelt} Tag_SNS_IM_Group?`],
      ['Tag_Profile_IM_Birthday', `${misspelt} Tag_Profile_IM_BirthDay?`],
      ['Tag_Profile_Nick', `${misspelt} Tag_Profile_IM_Nick?`],
      ['AddTime', `${misspelt} Tag_SNS_IM_AddTime?`],
      ['Tag_Profile_Custom_', 'must have a name after Tag_Profile_Custom_ (a custom tag is its prefix and the field\'s name)'],
      ['Tag_Custom_Hobby', noMatch],
      ['x'.repeat(1_000_000), noMatch],
    ])('friendGetList TagList: %s', async (tag, reason) => {
      const error = await validationError(tim.friendGetList({ ...getList, TagList: ['Tag_Profile_IM_Nick', tag] }));
      expect(error).toMatchObject({ path: 'TagList[1]', endpoint: 'friendGetList' });
      expect(error.reason.startsWith(reason)).toBe(true);
      expect(error.message).toContain(`TagList[1]: ${reason}`);
    });

    it.each([
      ['Tag_SNS_IM_Remak', '; did you mean Tag_SNS_IM_Remark?'],
      ['Tag_SNS_IM_Groups', '; did you mean Tag_SNS_IM_Group?'],
      // Documented, but not a field friend_update sets: no suggestion of itself.
      ['Tag_SNS_IM_AddWording', ''],
    ])('friendUpdate SnsItem: %s', async (tag, hint) => {
      const body = { From_Account: 'alice', UpdateItem: [{ To_Account: 'bob', SnsItem: [{ Tag: tag, Value: 'x' }] }] };
      const error = await validationError(tim.friendUpdate(body as never));
      expect(error.path).toBe('UpdateItem[0].SnsItem[0].Tag');
      expect(error.reason).toBe(`must be a field friend_update sets: Tag_SNS_IM_Remark, Tag_SNS_IM_Group or Tag_SNS_Custom_ and 1 to 8 letters${hint}`);
    });
  });

  it('refuses an unknown tag in an endpoint of your own that declares TagList with tagNameSchema', async () => {
    const portraitGet = defineEndpoint({
      name: 'portraitGet',
      path: 'v4/profile/portrait_get',
      effect: 'read',
      request: v.object({ To_Account: v.array(v.string()), TagList: v.array(tagNameSchema) }),
      response: v.looseObject({ ErrorCode: v.number(), UserProfileItem: v.array(v.looseObject({ To_Account: v.string(), ResultCode: v.number() })) }),
      batch: { list: 'To_Account', max: 100, results: 'UserProfileItem' },
    });
    const error = await validationError(tim.request(portraitGet, { To_Account: ['bob'], TagList: ['Tag_Profile_IM_Nik'] }));
    expect(error).toMatchObject({ path: 'TagList[0]', endpoint: 'portraitGet' });
    expect(error.reason).toContain('did you mean Tag_Profile_IM_Nick?');
  });

  it.each([null, 'body', 42, ['bob'], undefined])('refuses a body that is not an object (%s)', async (body) => {
    expect(await validationError(tim.friendCheck(body as never))).toMatchObject({ path: '', reason: 'must be an object' });
  });

  it('lists every problem, the first as path and reason', async () => {
    const error = await validationError(tim.friendCheck({ From_Account: '', To_Account: [''], CheckType: 'x' } as never));
    expect(error.issues.map((issue) => issue.path)).toEqual(['From_Account', 'To_Account[0]', 'CheckType']);
    expect(error.message).toContain('(and 2 more)');
  });

  it.each([
    [{ signal: 'stop' }, 'signal', 'must be an AbortSignal'],
    [{ timeout: -5 }, 'timeout', 'must be at least 1 ms'],
    [{ retries: 3 }, 'retries', 'is not a call option'],
    [[], '', 'must be a plain object'],
    [{ constructor: 1 }, 'constructor', 'is not a call option'],
    [JSON.parse('{"__proto__": {"signal": 1}}') as object, '__proto__', 'is not a call option'],
    [new (class Options {})(), '', 'must be a plain object'],
  ])('checks call options %#', async (options, path, reason) => {
    expect(await validationError(tim.friendCheck(check as never, options as never))).toMatchObject({ path, reason });
  });

  it('refuses something that is not an endpoint declaration', async () => {
    const error = await validationError(tim.request({ name: 'x', path: '/bad' } as unknown as AnyEndpoint, {}));
    expect(error.message).toContain('Invalid endpoint declaration');
  });

  it('sent nothing for any of the above', () => {
    expect(fake.calls).toHaveLength(0);
  });
});

describe('tag names the SDK lets through', () => {
  it("sends documented and custom tags (the custom keyword rule is the service's to check)", async () => {
    const sending = fakeFetch();
    const client = createClient({ ...testApp, fetch: sending.fetch });
    const TagList = ['Tag_Profile_IM_Nick', 'Tag_SNS_IM_AddTime', 'Tag_Profile_Custom_Hobby', 'Tag_SNS_Custom_Level', 'Tag_SNS_Custom_Level_2'];
    await client.friendGetList({ ...getList, TagList });
    expect(sending.calls).toHaveLength(1);
    expect((sending.calls[0]?.body as { TagList?: unknown }).TagList).toEqual(TagList);
  });
});

describe('defineEndpoint', () => {
  const schemas = { request: v.looseObject({}), response: v.looseObject({ ErrorCode: v.number() }) };

  it('validates the declaration', () => {
    expect(() => defineEndpoint({ name: 'x', path: 'sns/friend_check', effect: 'read', ...schemas })).toThrow(
      'Invalid endpoint declaration: path: must look like v4/<service>/<command>',
    );
    expect(() => defineEndpoint({ name: 'x', path: 'v4/sns/x', effect: 'read', ...schemas, batch: { list: 'To_Account', max: 0, results: 'InfoItem' } })).toThrow(
      'batch.max: must be at least 1',
    );
  });

  describe('checks the declaration against its schemas, naming the field', () => {
    const request = v.object({ From_Account: v.string(), To_Account: v.array(v.string()), Items: v.array(v.object({ Id: v.string(), Note: v.optional(v.string()) })) });
    const response = v.looseObject({ ErrorCode: v.number(), ResultItem: v.array(v.looseObject({ To_Account: v.string(), ResultCode: v.number() })) });
    const base = { name: 'custom', path: 'v4/sns/custom', effect: 'write', request, response } as const;
    const refusal = (declaration: object) => {
      try {
        defineEndpoint(declaration as never);
      } catch (error) {
        return isTimValidationError(error) ? error.issues : error;
      }
      return 'accepted';
    };

    it.each([
      ['a batch without results', { batch: { list: 'To_Account', max: 10 } }, 'batch.results', 'is required'],
      ['results the response lacks', { batch: { list: 'To_Account', max: 10, results: 'InfoItem' } }, 'batch.results', 'the response schema has no field InfoItem'],
      ['a list the request lacks', { batch: { list: 'Accounts', max: 10, results: 'ResultItem' } }, 'batch.list', 'the request schema has no field Accounts'],
      ['a list of objects without account', { batch: { list: 'Items', max: 10, results: 'ResultItem' } }, 'batch.account', "must name the account field of Items's objects"],
      ['an account its entries lack', { batch: { list: 'Items', account: 'To_Account', max: 10, results: 'ResultItem' } }, 'batch.account', 'an entry of Items has no field To_Account'],
      ['an account on a list of ids', { batch: { list: 'To_Account', account: 'Id', max: 10, results: 'ResultItem' } }, 'batch.account', 'To_Account does not hold objects'],
      ['a key its results lack', { batch: { list: 'To_Account', max: 10, results: 'ResultItem', key: 'Account' } }, 'batch.key', 'a result of ResultItem has no field Account'],
      ['a cursor the request lacks', { paged: { cursor: 'StartIndex', next: 'Next', items: 'ResultItem' } }, 'paged.cursor', 'the request schema has no field StartIndex'],
      ['idempotent on a read', { effect: 'read', idempotent: true }, 'idempotent', 'only a write has one'],
      ['no effect', { effect: undefined }, 'effect', "must be 'read' or 'write'"],
    ])('refuses %s', (_what, change, path, reason) => {
      expect(refusal({ ...base, ...change })).toEqual(expect.arrayContaining([expect.objectContaining({ path, reason: expect.stringContaining(reason) })]));
    });

    it('accepts a list of objects with its account, and a list of ids', () => {
      expect(refusal({ ...base, batch: { list: 'Items', account: 'Id', max: 10, results: 'ResultItem' } })).toBe('accepted');
      expect(defineEndpoint({ ...base, batch: { list: 'Items', account: 'Id', max: 10, results: 'ResultItem' } }).batch?.account).toBe('Id');
      expect(defineEndpoint({ ...base, batch: { list: 'To_Account', max: 10, results: 'ResultItem' } }).batch?.list).toBe('To_Account');
    });
  });

  it('makes a new endpoint callable through the same pipeline', async () => {
    const local = fakeFetch((call) => new Response(JSON.stringify({ ErrorCode: 0, Echo: call.body })));
    const echo = defineEndpoint({
      name: 'friendDelete',
      path: 'v4/sns/friend_delete',
      effect: 'write',
      idempotent: true,
      request: v.object({ From_Account: v.string() }),
      response: v.looseObject({ ErrorCode: v.number(), Echo: v.unknown() }),
    });
    const answer = await createClient({ ...testApp, fetch: local.fetch }).request(echo, { From_Account: 'alice' });
    expect(answer.Echo).toEqual({ From_Account: 'alice' });
    expect(local.calls[0]?.url.pathname).toBe('/v4/sns/friend_delete');
    expect(local.calls[0]?.url.searchParams.get('usersig')).toBeTruthy();
    expect(friendCheck.batch).toEqual({ list: 'To_Account', max: 1000, results: 'InfoItem' });
  });
});
