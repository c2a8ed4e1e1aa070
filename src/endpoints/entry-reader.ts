/**
 * Reads a streamed batch list a run of entries at a time: what the `chunking` plugin makes each
 * chunk of. Made by {@link entryReader}.
 *
 * @example
 * ```ts
 * async function* ids() {
 *   yield 'bob';
 *   yield 'carol';
 *   yield 'dave';
 * }
 * const reader: EntryReader = entryReader(ids());
 * await reader.read(2); // ['bob', 'carol']
 * await reader.read(2); // ['dave']
 * await reader.read(2); // []
 * ```
 */
export interface EntryReader {
  /** Up to `max` more entries, in order: fewer only at the end of the list, none after it. */
  read(max: number): Promise<unknown[]>;
  /** Stops reading: the list's iterator is closed (its `finally` blocks run), unless it ended. */
  close(): Promise<void>;
}

// Lists that can hand over whole runs (the SDK's checked lists), by the maker of their reader.
const runReaders = new WeakMap<object, () => EntryReader>();

/**
 * Gives `list` a reader of its own, which {@link entryReader} then returns: for a list that
 * holds its entries in runs, so that reading them costs no `await` per entry.
 */
export function withRunReader<T extends object>(list: T, reader: () => EntryReader): T {
  runReaders.set(list, reader);
  return list;
}

/**
 * A reader of a streamed list (an `AsyncIterable` of ids or entries, see `isStreamedList`),
 * for a plugin that takes the list a run at a time. The lists the SDK has validated hand over
 * whole runs; any other is read entry by entry. Read it once: the list's iterator is taken at
 * the first `read`.
 *
 * @param list - the body's streamed batch list.
 * @returns a reader whose `read(max)` resolves to the next entries and `close()` ends the list.
 *
 * @example
 * ```ts
 * const plugin: Plugin = {
 *   name: 'first-ten',
 *   phase: 'call',
 *   async run(ctx, next) {
 *     const list = ctx.body.To_Account;
 *     if (!isStreamedList(list)) return next(ctx);
 *     const reader = entryReader(list);
 *     const first = await reader.read(10);
 *     await reader.close(); // the caller's generator ends here
 *     return next({ ...ctx, body: { ...ctx.body, To_Account: first } });
 *   },
 * };
 * ```
 */
export function entryReader(list: AsyncIterable<unknown>): EntryReader {
  const own = runReaders.get(list);
  if (own !== undefined) return own();
  let iterator: AsyncIterator<unknown> | undefined;
  let done = false;
  return {
    async read(max) {
      const entries: unknown[] = [];
      iterator ??= list[Symbol.asyncIterator]();
      while (!done && entries.length < max) {
        const step = await iterator.next();
        if (step.done === true) done = true;
        else entries.push(step.value);
      }
      return entries;
    },
    async close() {
      if (done) return;
      done = true;
      await iterator?.return?.();
    },
  };
}
