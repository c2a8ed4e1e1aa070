// tim.stream: a batch call's answer in parts, one per chunk, in request order, at the consumer's pace.
import { describe, expect, it } from 'vitest';
import { createClient, friendCheck, friendDeleteAll, friendGetList, groupAdd, isTimValidationError, TimApiError, TimBatchError, userSigFromSecretKey, type ClientOptions, type FriendCheckResponse, type Plugin } from '../../src/index.js';
import { entryReader, isStreamedList } from '../../src/plugin-kit.js';
import { createCoreClient } from '../../src/core/index.js';
import { rejection } from '../support/caught.js';
import { fail, fakeFetch, okForEachAccount, type FakeAnswer, type FakeCall } from '../support/fake-fetch.js';
import { testApp } from '../support/test-app.js';

const ids = (count: number, prefix = 'u') => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
const sent = (call: FakeCall) => (call.body as { To_Account: string[] }).To_Account;
const check = (To_Account: string[] | AsyncIterable<string>) => ({ From_Account: 'alice', To_Account, CheckType: 'CheckResult_Type_Both' as const });
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

function client(answer: FakeAnswer = okForEachAccount, extra: Partial<ClientOptions> = {}) {
  const fake = fakeFetch(answer);
  return { fake, tim: createClient({ ...testApp, fetch: fake.fetch, retry: false, ...extra } as ClientOptions) };
}

async function* generate(list: readonly string[], onRead?: (index: number) => void): AsyncGenerator<string> {
  for (const [index, id] of list.entries()) {
    onRead?.(index);
    yield id;
  }
}

const accountsOf = (parts: readonly FriendCheckResponse[]) => parts.flatMap((part) => part.InfoItem.map((item) => item.To_Account));

async function collect(parts: AsyncIterable<FriendCheckResponse>): Promise<FriendCheckResponse[]> {
  const all: FriendCheckResponse[] = [];
  for await (const part of parts) all.push(part);
  return all;
}

describe('stream', () => {
  it('yields one part per chunk in request order, however the answers arrive, each account once', async () => {
    // Later chunks answer first: the parts still come in request order.
    const { fake, tim } = client(async (call, index) => {
      await new Promise((resolve) => setTimeout(resolve, (8 - index) * 3));
      return okForEachAccount(call, index);
    });
    const accounts = [...ids(2500), 'u7', 'u42']; // repeats in an array collapse, as in request()
    const parts = await collect(tim.stream(friendCheck, check(accounts), { onProgress: () => undefined }));
    expect(parts.map((part) => part.InfoItem.length)).toEqual([1000, 1000, 500]);
    expect(accountsOf(parts)).toEqual(ids(2500));
    expect(parts.every((part) => part.ErrorCode === 0 && part.Fail_Account === undefined)).toBe(true);
    expect(fake.calls).toHaveLength(3);
  });

  it('reads a streamed list as requests go out: each id where it appears, repeats across chunks answered twice', async () => {
    const { fake, tim } = client(undefined, { chunking: { chunkSize: 3 } });
    const input = ['a', 'b', 'a', 'c', 'd', 'e', 'a'];
    const parts = await collect(tim.stream(friendCheck, check(generate(input))));
    // [a b a] → a, b; [c d e]; [a]
    expect(parts.map((part) => part.InfoItem.map((item) => item.To_Account))).toEqual([['a', 'b'], ['c', 'd', 'e'], ['a']]);
    expect(fake.calls.map(sent)).toEqual([['a', 'b'], ['c', 'd', 'e'], ['a']]);
  });

  it('holds at most `concurrency` chunks ahead of a slow consumer: requests and reading wait for it', async () => {
    let read = 0;
    const { fake, tim } = client(undefined, { chunking: { chunkSize: 100, concurrency: 2 } });
    const stream = tim.stream(friendCheck, check(generate(ids(6000), (index) => (read = index + 1))));
    let taken = 0;
    for await (const part of stream) {
      taken++;
      expect(part.InfoItem).toHaveLength(100);
      await tick(); // a consumer slower than the network
      await tick();
      // Sent: the parts taken, and at most two more; read from the input: those, and the
      // thousand entries being checked.
      expect(fake.calls.length).toBeLessThanOrEqual(taken + 2);
      expect(read).toBeLessThanOrEqual((taken + 2) * 100 + 1000);
    }
    expect(taken).toBe(60);
    expect(fake.calls).toHaveLength(60);
  });

  it('sends nothing more, and stops reading the input, once the loop is left', async () => {
    let read = 0;
    let closed = false;
    async function* input() {
      try {
        for (let i = 0; ; i++) {
          read++;
          yield `u${i}`;
        }
      } finally {
        closed = true;
      }
    }
    const { fake, tim } = client(undefined, { chunking: { chunkSize: 100, concurrency: 3 } });
    for await (const part of tim.stream(friendCheck, check(input()))) {
      expect(part.InfoItem).toHaveLength(100);
      break;
    }
    const sentThen = fake.calls.length;
    const readThen = read;
    await tick();
    await tick();
    expect(sentThen).toBeLessThanOrEqual(4);
    expect(fake.calls.length).toBe(sentThen);
    expect(read).toBe(readThen);
    expect(closed).toBe(true);
  });

  it('rejects with the signal’s reason when it aborts, after the parts before it', async () => {
    const controller = new AbortController();
    const reason = new Error('enough');
    const { tim } = client((call, index) => {
      if (index === 2) controller.abort(reason);
      return okForEachAccount(call, index);
    }, { chunking: { chunkSize: 10, concurrency: 1 } });
    const seen: number[] = [];
    const error = await rejection((async () => {
      for await (const part of tim.stream(friendCheck, check(ids(100)), { signal: controller.signal })) seen.push(part.InfoItem.length);
    })());
    expect(error).toBe(reason);
    expect(seen.length).toBeLessThanOrEqual(2);
  });

  it('ends with a first chunk’s error when nothing succeeded; later failures become their accounts’ results, or TimBatchError with failFast', async () => {
    const badFrom = client(() => fail(40001, 'From_Account does not exist'), { chunking: { chunkSize: 10 } });
    const error = await rejection(collect(badFrom.tim.stream(friendCheck, check(ids(50)))));
    expect(error).toBeInstanceOf(TimApiError);

    const third = (call: FakeCall, index: number) => (sent(call)[0] === 'u20' ? fail(70169, 'busy') : okForEachAccount(call, index));
    const marked = client(third, { chunking: { chunkSize: 10, concurrency: 1 } });
    const parts = await collect(marked.tim.stream(friendCheck, check(ids(40))));
    expect(parts).toHaveLength(4);
    expect(parts[2]?.Fail_Account).toEqual(ids(10).map((id) => id.replace('u', 'u2')));
    expect(parts[2]?.InfoItem.every((item) => item.ResultCode === 70169)).toBe(true);

    const fast = client(third, { chunking: { chunkSize: 10, concurrency: 1, failFast: true } });
    const seen: number[] = [];
    const batchError = await rejection((async () => {
      for await (const part of fast.tim.stream(friendCheck, check(ids(40)))) seen.push(part.InfoItem.length);
    })());
    expect(batchError).toBeInstanceOf(TimBatchError);
    expect(seen).toEqual([10, 10]);
    expect(fast.fake.calls).toHaveLength(3);
  });

  it('checks each streamed entry before its chunk is sent, naming its index', async () => {
    const { fake, tim } = client(undefined, { chunking: { chunkSize: 500, concurrency: 1 } });
    const input = [...ids(1500), '', 'x'];
    const parts: FriendCheckResponse[] = [];
    const error = await rejection((async () => {
      for await (const part of tim.stream(friendCheck, check(generate(input)))) parts.push(part);
    })());
    expect(isTimValidationError(error) && error.path).toBe('To_Account[1500]');
    // The chunks before the bad entry's were sent; not its chunk.
    expect(fake.calls.flatMap(sent)).toEqual(ids(1500));
    expect(accountsOf(parts)).toEqual(ids(1500));
  });

  it('refuses what cannot stream: an endpoint without a batch list, and a list sent in one request', async () => {
    const { fake, tim } = client();
    const single = await rejection(collect(tim.stream(friendDeleteAll, { From_Account: 'alice' }) as AsyncIterable<FriendCheckResponse>));
    expect(isTimValidationError(single)).toBe(true);
    const bounded = await rejection(collect(tim.stream(groupAdd, { From_Account: 'alice', GroupName: ['g'], To_Account: generate(['bob']) }) as AsyncIterable<FriendCheckResponse>));
    expect(isTimValidationError(bounded) && bounded.path).toBe('To_Account');
    expect(fake.calls).toHaveLength(0);
  });

  it('yields the one answer as the one part without the chunking plugin, and the core client streams too', async () => {
    const plain = client(undefined, { chunking: false });
    const parts = await collect(plain.tim.stream(friendCheck, check(ids(5))));
    expect(accountsOf(parts)).toEqual(ids(5));
    const fake = fakeFetch();
    const core = createCoreClient({ sdkAppId: testApp.sdkAppId, identifier: testApp.identifier, getUserSig: userSigFromSecretKey(testApp), fetch: fake.fetch });
    const lists: string[][] = [];
    for await (const part of core.stream(friendGetList, { From_Account: 'alice', To_Account: ids(250), TagList: ['Tag_SNS_IM_Remark'] })) lists.push(part.InfoItem.map((item) => item.To_Account));
    expect(lists.map((list) => list.length)).toEqual([100, 100, 50]);
  });
});

describe('a small call beside a long one on the same client', () => {
  it('waits only for its rate-limit turn: at most the long call’s in-flight chunks go before it', async () => {
    const { fake, tim } = client(
      async (call, index) => {
        await tick();
        return okForEachAccount(call, index);
      },
      { chunking: { concurrency: 4 }, rateLimit: { limit: 5, interval: 100, margin: 0 } },
    );
    let sentBefore = -1;
    let small: Promise<FriendCheckResponse> | undefined;
    const long = collect(
      tim.stream(friendCheck, check(ids(20_000)), {
        // Once 6 chunks are answered, a 1-account call comes in.
        onProgress: ({ completedChunks }) => {
          if (completedChunks === 6 && sentBefore === -1) {
            sentBefore = fake.calls.length;
            small = tim.friendCheck({ From_Account: 'alice', To_Account: ['lone'], CheckType: 'CheckResult_Type_Both' });
          }
        },
      }),
    );
    const parts = await long;
    expect(accountsOf(parts)).toHaveLength(20_000);
    expect((await small)?.InfoItem).toHaveLength(1);
    const lone = fake.calls.findIndex((call) => sent(call)[0] === 'lone');
    // Queued behind the long call's four workers at most, never behind its remaining 14 chunks.
    expect(lone).toBeGreaterThanOrEqual(sentBefore);
    expect(lone - sentBefore).toBeLessThanOrEqual(4);
    expect(fake.calls).toHaveLength(21);
  });
});

describe('entryReader', () => {
  it('reads any AsyncIterable a run at a time, and closing it ends the list (its finally runs)', async () => {
    let closed = false;
    async function* list() {
      try {
        yield* generate(ids(5));
      } finally {
        closed = true;
      }
    }
    const reader = entryReader(list());
    expect(await reader.read(2)).toEqual(['u0', 'u1']);
    expect(await reader.read(2)).toEqual(['u2', 'u3']);
    await reader.close();
    expect(closed).toBe(true);
    expect(await reader.read(2)).toEqual([]);
  });

  it('reads a list the SDK validated in runs, checked as they are read; iterated, the same list yields the same entries', async () => {
    const seen: unknown[] = [];
    // A call-phase plugin between validation and chunking sees the validated (checked) list.
    const spy: Plugin = {
      name: 'spy',
      phase: 'call',
      before: 'chunking',
      async run(ctx, next) {
        const list = ctx.body.To_Account;
        if (!isStreamedList(list)) return next(ctx);
        const reader = entryReader(list);
        seen.push(await reader.read(3), await reader.read(3));
        const error = await rejection(reader.read(3)); // '' is the 7th entry
        seen.push(isTimValidationError(error) && error.path);
        return next({ ...ctx, body: { ...ctx.body, To_Account: ['u0'] } });
      },
    };
    const { tim } = client(undefined, { plugins: [spy] });
    await collect(tim.stream(friendCheck, check(generate([...ids(6), '', 'u7']))));
    expect(seen).toEqual([['u0', 'u1', 'u2'], ['u3', 'u4', 'u5'], 'To_Account[6]']);

    const iterated: unknown[] = [];
    const walker: Plugin = {
      name: 'walker',
      phase: 'call',
      before: 'chunking',
      async run(ctx, next) {
        for await (const entry of ctx.body.To_Account as AsyncIterable<unknown>) iterated.push(entry);
        return next({ ...ctx, body: { ...ctx.body, To_Account: ['u0'] } });
      },
    };
    await collect(client(undefined, { plugins: [walker] }).tim.stream(friendCheck, check(generate(ids(2500)))));
    expect(iterated).toEqual(ids(2500));
  });
});
