/**
 * The {@link chunking} plugin: one logical call over any number of accounts, split into
 * requests the service accepts and merged back into one answer in the caller's order.
 *
 * @module timfetch/plugins/chunking
 */
import * as v from 'valibot';
import {
  abortable,
  alignAnswer,
  answerItems,
  batchShape,
  chunkAccounts,
  distinctAccounts,
  entryReader,
  failureItem,
  isStreamedList,
  timeSlices,
  accountOf,
  isTimError,
  optionsObject,
  parseOrThrow,
  requestedAccounts,
  TimBatchError,
  unknownOutcomeCode,
  withAccounts,
  withItems,
  type ApiResponse,
  type BatchItem,
  type BatchProgress,
  type BatchProgressEvent,
  type BatchShape,
  type Next,
  type Plugin,
  type RequestContext,
  type TimError,
} from '../src/plugin-kit.js';

export type { BatchProgress, BatchProgressEvent } from '../src/plugin-kit.js';

/**
 * How the {@link chunking} plugin splits and sends a long account list: the client's `chunking`
 * option, or the argument of `chunking()` in a custom stack. Bad values make it throw
 * {@link timfetch!TimValidationError}.
 *
 * @example
 * ```ts
 * const tim = createClient({ sdkAppId, identifier, secretKey, chunking: { concurrency: 8, failFast: true } });
 * ```
 */
export interface ChunkingOptions {
  /**
   * Most accounts per request; the endpoint's own maximum (100 for friend_get_list, 1,000 for
   * friend_check) always applies on top. A whole number, at least 1.
   * @defaultValue the endpoint's maximum
   */
  chunkSize?: number;
  /**
   * Most chunks in flight at once: a whole number from 1 to 64.
   * @defaultValue 4
   */
  concurrency?: number;
  /**
   * Reject with {@link TimBatchError} (carrying the partial answer) as soon as a chunk fails for
   * good, instead of marking its accounts failed and going on.
   * @defaultValue false
   */
  failFast?: boolean;
}

const positiveInteger = v.pipe(v.number('must be a number'), v.safeInteger('must be a whole number'), v.minValue(1, 'must be at least 1'));
const optionsSchema = optionsObject(
  {
    chunkSize: v.optional(positiveInteger),
    concurrency: v.optional(v.pipe(positiveInteger, v.maxValue(64, 'must be at most 64'))),
    failFast: v.optional(v.boolean('must be true or false')),
  },
  'a chunking option',
);

const okEnvelope: ApiResponse = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '' };

// By class name, not class identity: errors may come from another build of timfetch.
function sameError(a: TimError, b: TimError): boolean {
  return a.name === b.name && a.code === b.code;
}

/** One chunk of a call: its accounts, in order, and the body that asks about them. */
interface Chunk {
  readonly accounts: readonly string[];
  readonly body: Record<string, unknown>;
}

/** The chunks of a call, read one at a time and in order: from an array, or from a streamed list. */
interface ChunkSource {
  /** The next chunk, or undefined after the last. */
  next(): Promise<Chunk | undefined>;
  /** The accounts and chunks known so far: all of them for an array, those read for a stream. */
  readonly totals: () => { readonly accounts: number; readonly chunks: number };
  /** Stops reading (a streamed list's iterator is closed). */
  close(): Promise<void>;
}

/** The chunks of an array list, each one by its index too (the merge needs them all). */
interface ArrayChunks extends ChunkSource {
  readonly count: number;
  readonly accountsOf: (index: number) => readonly string[];
}

/**
 * The chunks of an array list: its distinct accounts, in order, sliced. A long list is made
 * distinct in slices, pausing between them, so that a million accounts do not hold the event loop.
 */
async function arrayChunks(body: Readonly<Record<string, unknown>>, shape: BatchShape, size: number, pause: () => Promise<void>): Promise<ArrayChunks> {
  const listed = requestedAccounts(body, shape);
  let accounts: readonly string[];
  if (listed.length <= size) accounts = distinctAccounts(listed);
  else {
    const seen = new Set<string>();
    // Sized once (a million pushes would leave each outgrown copy behind), trimmed at the end.
    const distinct = new Array<string>(listed.length);
    let kept = 0;
    for (let start = 0; start < listed.length; start += size) {
      const end = Math.min(start + size, listed.length);
      for (let index = start; index < end; index++) {
        const account = listed[index] as string;
        if (seen.has(account)) continue;
        seen.add(account);
        distinct[kept++] = account;
      }
      await pause();
    }
    distinct.length = kept;
    accounts = distinct;
  }
  const count = accounts.length <= size ? Math.min(accounts.length, 1) : Math.ceil(accounts.length / size);
  // Marked distinct (distinctAccounts of a chunk is cheap): the transport's alignment trusts it.
  const accountsOf = (index: number) => (count === 1 ? accounts : distinctAccounts(accounts.slice(index * size, (index + 1) * size)));
  let next = 0;
  return {
    count,
    accountsOf,
    next: async () => {
      if (next >= count) return undefined;
      const chunk = accountsOf(next++);
      return { accounts: chunk, body: withAccounts(body, shape, chunk) };
    },
    totals: () => ({ accounts: accounts.length, chunks: count }),
    close: async () => undefined,
  };
}

/**
 * The chunks of a streamed list, read as they are needed: nothing is held but the chunk being
 * read, and no Set spans the input, so an account repeated in two chunks is asked (and
 * answered) twice; within one chunk it is one entry.
 */
function streamedChunks(body: Readonly<Record<string, unknown>>, shape: BatchShape, size: number, list: AsyncIterable<unknown>): ChunkSource {
  const reader = entryReader(list);
  let accounts = 0;
  let chunks = 0;
  return {
    async next() {
      const entries = await reader.read(size);
      if (entries.length === 0) return undefined;
      const read = { ...body, [shape.list]: entries };
      const distinct = distinctAccounts(requestedAccounts(read, shape));
      accounts += distinct.length;
      chunks++;
      // A list of ids is sent as the distinct list itself, which the transport's alignment trusts.
      return { accounts: distinct, body: distinct.length === entries.length && shape.account !== undefined ? read : withAccounts(read, shape, distinct) };
    },
    totals: () => ({ accounts, chunks }),
    close: () => reader.close(),
  };
}

/** The answer of one chunk, or the error it failed with for good. */
type Outcome = { readonly answer: ApiResponse; readonly error?: undefined } | { readonly answer?: undefined; readonly error: TimError };

/** A finished chunk: how it ended, and one result per account of it. */
interface Settled {
  readonly outcome: Outcome;
  readonly items: readonly BatchItem[];
}

/**
 * One chunked call: workers take chunks from the source and send them, at most `concurrency` at
 * once. An array call merges every chunk's results in the end; a streamed call (`ctx.parts`)
 * hands each chunk's part to the consumer in order, and reads no chunk more than `concurrency`
 * ahead of the part the consumer has taken.
 */
class ChunkedCall {
  readonly #ctx: RequestContext;
  readonly #next: Next;
  readonly #shape: BatchShape;
  readonly #source: ChunkSource;
  readonly #failFast: boolean;
  readonly #window: number;
  readonly #deliver: ((part: ApiResponse) => Promise<void>) | undefined;
  // An array call's finished chunks by index; a stream's, until handed on.
  readonly #settled = new Map<number, Settled>();
  readonly #errors: TimError[] = [];
  // Aborted by failFast (or a stream's failure): stops queued chunks and cuts those in flight.
  readonly #stop = new AbortController();
  readonly #signal: AbortSignal;
  readonly #lone: boolean;
  // An array call's chunks, for the merge; undefined for a stream.
  readonly #array: ArrayChunks | undefined;
  readonly #pause: () => Promise<void>;
  #base: ApiResponse | undefined;
  #fatal: TimError | undefined;
  #read = 0; // chunks taken from the source
  #handed = 0; // parts the consumer has taken (a stream)
  #succeeded = 0;
  #completedAccounts = 0;
  #failedAccounts = 0;
  #completedChunks = 0;
  // Reading and handing on, one at a time each, in order.
  #reading: Promise<unknown> = Promise.resolve();
  #handing: Promise<void> = Promise.resolve();
  #failure: { readonly error: unknown } | undefined;
  #windowOpened: (() => void) | undefined;

  constructor(ctx: RequestContext, next: Next, shape: BatchShape, source: ChunkSource | ArrayChunks, options: { failFast: boolean; concurrency: number; pause: () => Promise<void> }) {
    this.#ctx = ctx;
    this.#next = next;
    this.#shape = shape;
    this.#source = source;
    this.#failFast = options.failFast;
    this.#deliver = ctx.parts;
    this.#window = ctx.parts === undefined ? Number.POSITIVE_INFINITY : options.concurrency;
    this.#signal = ctx.signal === undefined ? this.#stop.signal : AbortSignal.any([ctx.signal, this.#stop.signal]);
    this.#array = 'accountsOf' in source ? source : undefined;
    this.#lone = this.#array?.count === 1;
    this.#pause = options.pause;
  }

  async run(concurrency: number): Promise<ApiResponse> {
    let finished = false;
    try {
      await abortable(Promise.all(Array.from({ length: concurrency }, () => this.#work())), this.#ctx.signal);
      await abortable(this.#handing, this.#ctx.signal);
      if (this.#failure !== undefined) throw this.#failure.error;
      finished = true; // every worker is done: nothing is in flight
    } finally {
      // Nothing more is read or sent, whatever ended the call early.
      if (!finished) this.#stop.abort();
      await this.#source.close();
    }
    return this.#array === undefined ? this.#envelope() : this.#finish(this.#array);
  }

  /** The next chunk and its place, once the window lets it be read (a stream's consumer has caught up). */
  #take(): Promise<{ index: number; chunk: Chunk } | undefined> {
    const taking = this.#reading.then(async () => {
      while (this.#read - this.#handed >= this.#window && !this.#signal.aborted) {
        await new Promise<void>((resolve) => (this.#windowOpened = resolve));
      }
      if (this.#signal.aborted) return undefined;
      const chunk = await this.#source.next();
      return chunk === undefined ? undefined : { index: this.#read++, chunk };
    });
    this.#reading = taking.catch(() => undefined);
    return taking;
  }

  async #work(): Promise<void> {
    try {
      for (;;) {
        const taken = await this.#take();
        if (taken === undefined) return;
        const { index, chunk } = taken;
        let outcome: Outcome;
        try {
          // A signal per chunk keeps listeners off the call's shared one (AbortSignal.any adds
          // none); a lone chunk is the only user of the call's.
          const signal = this.#lone ? this.#signal : AbortSignal.any([this.#signal]);
          outcome = { answer: await this.#next({ ...this.#ctx, signal, body: chunk.body, parts: undefined }) };
        } catch (error) {
          if (this.#ctx.signal?.aborted) throw this.#ctx.signal.reason;
          if (this.#stop.signal.aborted) return; // cut by failFast: reported as not answered
          if (!isTimError(error)) throw error; // a bug, not a failed chunk
          outcome = { error };
        }
        this.#settle(index, chunk, outcome);
        if (this.#deliver !== undefined) this.#handOn();
      }
    } catch (error) {
      // The call rejects (a bug in a plugin, a throwing progress listener, a stream's failure …): send nothing more.
      this.#stop.abort(error);
      this.#windowOpened?.();
      throw error;
    }
  }

  /** Records a chunk's outcome, counts it, and reports progress. */
  #settle(index: number, chunk: Chunk, outcome: Outcome): void {
    const items = this.#items(chunk.accounts, outcome);
    this.#settled.set(index, { outcome, items });
    if (outcome.error === undefined) {
      this.#base ??= outcome.answer;
      this.#succeeded++;
    } else {
      this.#errors.push(outcome.error);
      if (this.#failFast && this.#deliver === undefined) {
        this.#fatal = outcome.error;
        this.#stop.abort(outcome.error);
      }
    }
    for (const item of items) {
      this.#completedAccounts++;
      if (item.ResultCode !== 0) this.#failedAccounts++;
    }
    this.#completedChunks++;
    const totals = this.#source.totals();
    const progress: BatchProgress = {
      completedAccounts: this.#completedAccounts,
      failedAccounts: this.#failedAccounts,
      totalAccounts: totals.accounts,
      completedChunks: this.#completedChunks,
      failedChunks: this.#errors.length,
      totalChunks: totals.chunks,
    };
    const event: BatchProgressEvent = { type: 'progress', progress };
    this.#ctx.emit(event);
  }

  /** A chunk's results: its answer's, aligned to its accounts, or a failure for each. */
  #items(accounts: readonly string[], outcome: Outcome): readonly BatchItem[] {
    if (outcome.error !== undefined) return accounts.map((account) => failureItem(this.#shape, account, outcome.error.code, outcome.error.message));
    // The transport aligned the answer already, unless a transport plugin made it up.
    return answerItems(alignAnswer(outcome.answer, this.#shape, accounts), this.#shape);
  }

  /**
   * Hands the stream's finished parts to the consumer, in order, one at a time; the workers go
   * on meanwhile, as far as the window lets them. A failure here ends the call.
   */
  #handOn(): void {
    this.#handing = this.#handing.then(async () => {
      if (this.#failure !== undefined) return;
      for (let settled = this.#settled.get(this.#handed); settled !== undefined; settled = this.#settled.get(this.#handed)) {
        this.#settled.delete(this.#handed);
        const { error, answer } = settled.outcome;
        const part = withItems(answer ?? okEnvelope, this.#shape, settled.items);
        // A first chunk failed as a whole before any succeeded (a bad From_Account, a wrong key):
        // the stream fails with it, as the array call would, unless it is a write's unknown outcome.
        if (error !== undefined && this.#handed === 0 && this.#succeeded === 0 && error.code !== unknownOutcomeCode) throw error;
        if (error !== undefined && this.#failFast) throw new TimBatchError(error, part);
        await (this.#deliver as (part: ApiResponse) => Promise<void>)(part);
        this.#handed++;
        this.#windowOpened?.();
      }
    }).catch((error: unknown) => {
      this.#failure = { error };
      this.#stop.abort(error);
      this.#windowOpened?.();
    });
  }

  async #finish(chunks: ArrayChunks): Promise<ApiResponse> {
    const fatal = this.#fatal;
    if (fatal !== undefined) {
      const note = `not answered: the call stopped after a chunk failed (${fatal.message})`;
      throw new TimBatchError(fatal, await this.#merge(chunks, fatal.code, note));
    }
    const [first] = this.#errors;
    // An unknown outcome is each account's own result (it may have been applied): never a rejection.
    if (first !== undefined && first.code !== unknownOutcomeCode && this.#errors.length === chunks.count && this.#errors.every((e) => sameError(e, first))) {
      throw first;
    }
    return this.#merge(chunks, -1, 'not answered');
  }

  /**
   * The merged answer, in slices with pauses between them; accounts without a result (only
   * after failFast) get the given failure. A lone chunk's answer is passed on as it is.
   */
  async #merge(chunks: ArrayChunks, missingCode: number, missingInfo: string): Promise<ApiResponse> {
    const lone = chunks.count === 1 ? this.#settled.get(0) : undefined;
    // A copy: the answer the transport made carries its measurements, which stay inside.
    if (lone !== undefined) return { ...withItems(lone.outcome.answer ?? okEnvelope, this.#shape, lone.items) };
    // Sized once: one result per account (a million pushes would leave each outgrown copy behind).
    const items = new Array<BatchItem>(chunks.totals().accounts);
    let filled = 0;
    const failed: string[] = [];
    for (let index = 0; index < chunks.count; index++) {
      const settled = this.#settled.get(index)?.items ?? chunks.accountsOf(index).map((account) => failureItem(this.#shape, account, missingCode, missingInfo));
      for (const item of settled) {
        items[filled++] = item;
        if (item.ResultCode !== 0) failed.push(accountOf(item, this.#shape));
      }
      await this.#pause();
    }
    return { ...this.#envelope(), [this.#shape.results]: items, ...(failed.length > 0 ? { Fail_Account: failed } : {}) } as ApiResponse;
  }

  /** A stream's own answer: the envelope of its first answered chunk, without results. */
  #envelope(): ApiResponse {
    const { [this.#shape.results]: _results, Fail_Account: _failed, ...envelope } = (this.#base ?? okEnvelope) as ApiResponse & Record<string, unknown>;
    return envelope as unknown as ApiResponse;
  }
}

/**
 * Makes one call out of any number of accounts: splits the account list of a batch endpoint
 * (its declaration's `batch.list`) into chunks of at most `batch.max` (or `chunkSize`), sends
 * them with bounded concurrency, and merges the answers: one result per distinct account in the
 * caller's order (duplicates collapsed), `Fail_Account` listing exactly the failed accounts,
 * `ErrorCode` 0.
 *
 * Nothing is lost: a chunk that still fails after its retries gives each of its accounts a
 * result with that error's `code` and message; with `failFast` the call rejects with
 * {@link TimBatchError} carrying the partial answer instead. When every chunk fails with the
 * same error (a bad `From_Account`, a wrong key), the call rejects with that error, unless it is
 * a write's unknown outcome (-6, see `writeSafety`): then every account is reported with it, even
 * for a single chunk.
 * Every finished chunk emits a {@link BatchProgressEvent} (the call option `onProgress` hears
 * it); aborting the call's signal sends no further chunk and rejects at once. Endpoints without
 * `batch`, and bodies without their (optional) list, pass straight through.
 *
 * @param options - chunk size, concurrency and `failFast`; see {@link ChunkingOptions}.
 * @returns the `chunking` plugin (phase `call`, priority `low`).
 * @throws {@link timfetch!TimValidationError} when an option is invalid or unknown.
 *
 * @example
 * ```ts
 * import { chunking } from 'timfetch/plugins/chunking';
 *
 * const fiftyThousandIds = Array.from({ length: 50_000 }, (_, i) => `user${i}`);
 * const tim = createClient({ sdkAppId, identifier, secretKey, chunking: false, plugins: [chunking({ chunkSize: 250 })] });
 * const { InfoItem, Fail_Account } = await tim.friendCheck({ From_Account: 'alice', To_Account: fiftyThousandIds, CheckType: 'CheckResult_Type_Both' });
 * ```
 */
export function chunking(options: ChunkingOptions = {}): Plugin {
  parseOrThrow(optionsSchema, options, 'chunking options');
  const { chunkSize = Number.POSITIVE_INFINITY, concurrency = 4, failFast = false } = options;
  return {
    name: 'chunking',
    phase: 'call',
    priority: 'low', // it fans out: innermost of its phase, so other call plugins run once per call
    async run(ctx, next) {
      const shape = batchShape(ctx.endpoint, ctx.body);
      if (shape === undefined) return next(ctx);
      // A whole list goes in one request (its schema bounds it to the maximum).
      const size = shape.whole ? Number.POSITIVE_INFINITY : Math.min(shape.max, chunkSize);
      const list = ctx.body[shape.list];
      const pause = timeSlices();
      const source = isStreamedList(list) ? streamedChunks(ctx.body, shape, size, list) : await arrayChunks(ctx.body, shape, size, pause);
      return new ChunkedCall(ctx, next, shape, source, { failFast, concurrency, pause }).run(concurrency);
    },
  };
}
