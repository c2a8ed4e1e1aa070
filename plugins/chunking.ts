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
  failureItem,
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

/** One chunked call: its state, the workers that send the chunks, and the merge. */
class ChunkedCall {
  readonly #ctx: RequestContext;
  readonly #next: Next;
  readonly #shape: BatchShape;
  readonly #failFast: boolean;
  readonly #accounts: readonly string[];
  readonly #chunkSize: number;
  readonly #chunks: (readonly string[])[];
  // Results by the account's position: chunks are consecutive slices of `#accounts`.
  readonly #results: (BatchItem | undefined)[];
  readonly #errors: TimError[] = [];
  // Aborted by failFast: stops queued chunks and cuts those in flight.
  readonly #stop = new AbortController();
  readonly #signal: AbortSignal;
  #base: ApiResponse | undefined;
  #fatal: TimError | undefined;
  #nextChunk = 0;
  #completedAccounts = 0;
  #failedAccounts = 0;
  #completedChunks = 0;

  constructor(ctx: RequestContext, next: Next, shape: BatchShape, options: { chunkSize: number; failFast: boolean }) {
    this.#ctx = ctx;
    this.#next = next;
    this.#shape = shape;
    this.#failFast = options.failFast;
    this.#accounts = distinctAccounts(requestedAccounts(ctx.body, shape));
    this.#chunkSize = Math.min(shape.max, options.chunkSize);
    this.#chunks = chunkAccounts(this.#accounts, this.#chunkSize);
    this.#results = new Array<BatchItem | undefined>(this.#accounts.length);
    this.#signal = ctx.signal === undefined ? this.#stop.signal : AbortSignal.any([ctx.signal, this.#stop.signal]);
  }

  async run(concurrency: number): Promise<ApiResponse> {
    const workers = Array.from({ length: Math.min(concurrency, this.#chunks.length) }, () => this.#work());
    await abortable(Promise.all(workers), this.#ctx.signal);
    return this.#finish();
  }

  async #work(): Promise<void> {
    try {
      while (this.#nextChunk < this.#chunks.length && !this.#signal.aborted) {
        const index = this.#nextChunk++;
        const chunk = this.#chunks[index] as readonly string[];
        let answer: ApiResponse;
        try {
          // A signal per chunk keeps listeners off the call's shared one (AbortSignal.any adds
          // none); a lone chunk is the only user of the call's.
          const signal = this.#chunks.length === 1 ? this.#signal : AbortSignal.any([this.#signal]);
          answer = await this.#next({ ...this.#ctx, signal, body: withAccounts(this.#ctx.body, this.#shape, chunk) });
        } catch (error) {
          if (this.#ctx.signal?.aborted) throw this.#ctx.signal.reason;
          if (this.#stop.signal.aborted) return; // cut by failFast: reported as not answered
          if (!isTimError(error)) throw error; // a bug, not a failed chunk
          this.#fail(index, error);
          continue;
        }
        this.#answer(index, answer);
      }
    } catch (error) {
      // The call rejects (a bug in a plugin, a throwing progress listener …): send nothing more.
      this.#stop.abort(error);
      throw error;
    }
  }

  #answer(index: number, answer: ApiResponse): void {
    this.#base ??= answer;
    // The transport aligned the answer already, unless a transport plugin made it up.
    const items = answerItems(alignAnswer(answer, this.#shape, this.#chunks[index] as readonly string[]), this.#shape);
    const start = index * this.#chunkSize;
    items.forEach((item, i) => this.#record(start + i, item));
    this.#chunkDone();
  }

  #fail(index: number, error: TimError): void {
    this.#errors.push(error);
    const start = index * this.#chunkSize;
    (this.#chunks[index] as readonly string[]).forEach((account, i) => this.#record(start + i, failureItem(this.#shape, account, error.code, error.message)));
    if (this.#failFast) {
      this.#fatal = error;
      this.#stop.abort(error);
    }
    this.#chunkDone();
  }

  #record(position: number, item: BatchItem): void {
    this.#results[position] = item;
    this.#completedAccounts++;
    if (item.ResultCode !== 0) this.#failedAccounts++;
  }

  #chunkDone(): void {
    this.#completedChunks++;
    const progress: BatchProgress = {
      completedAccounts: this.#completedAccounts,
      failedAccounts: this.#failedAccounts,
      totalAccounts: this.#accounts.length,
      completedChunks: this.#completedChunks,
      failedChunks: this.#errors.length,
      totalChunks: this.#chunks.length,
    };
    const event: BatchProgressEvent = { type: 'progress', progress };
    this.#ctx.emit(event);
  }

  #finish(): ApiResponse {
    const fatal = this.#fatal;
    if (fatal !== undefined) {
      const note = `not answered: the call stopped after a chunk failed (${fatal.message})`;
      throw new TimBatchError(fatal, this.#merge(fatal.code, note));
    }
    const [first] = this.#errors;
    // An unknown outcome is each account's own result (it may have been applied): never a rejection.
    if (first !== undefined && first.code !== unknownOutcomeCode && this.#errors.length === this.#chunks.length && this.#errors.every((e) => sameError(e, first))) {
      throw first;
    }
    return this.#merge(-1, 'not answered');
  }

  /** The merged answer; accounts without a result (only after failFast) get the given failure. */
  #merge(missingCode: number, missingInfo: string): ApiResponse {
    const items = this.#accounts.map((account, i) => this.#results[i] ?? failureItem(this.#shape, account, missingCode, missingInfo));
    return withItems(this.#base ?? okEnvelope, this.#shape, items);
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
 * it); aborting the call's signal sends no further chunk and rejects at once. Endpoints without `batch` pass straight through.
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
    run(ctx, next) {
      const shape = batchShape(ctx.endpoint);
      if (shape === undefined) return next(ctx);
      return new ChunkedCall(ctx, next, shape, { chunkSize, failFast }).run(concurrency);
    },
  };
}
