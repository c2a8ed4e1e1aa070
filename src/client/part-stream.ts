import { abortable, followSignal } from '../util/abort.js';

/** Why a stream's work was stopped when its consumer left the loop early. */
const consumerLeft = (): Error => Object.assign(new Error('The stream was closed by its consumer'), { name: 'AbortError' });

/**
 * The parts `produce` hands on, as an async generator whose consumer sets the pace: each
 * `deliver` resolves when the consumer takes that part, so the producer holds at most what it
 * chose to read ahead. Leaving the loop early (`break`, `return`, a throw) aborts the producer's
 * signal and waits for it to settle, so nothing is sent after the loop is left; aborting
 * `parent` rejects the pending part with its reason; the producer's error is thrown after the
 * parts it delivered.
 */
export async function* partStream<T>(produce: (deliver: (part: T) => Promise<void>, signal: AbortSignal) => Promise<void>, parent?: AbortSignal): AsyncGenerator<T> {
  const own = new AbortController();
  const following = parent === undefined ? undefined : followSignal(parent);
  following?.signal.addEventListener('abort', () => own.abort(following.signal.reason), { once: true });
  let offered: { readonly part: T; readonly taken: () => void } | undefined;
  let wake: (() => void) | undefined;
  let settled = false;
  let failure: { readonly error: unknown } | undefined;

  const deliver = (part: T) =>
    abortable(
      new Promise<void>((taken) => {
        offered = { part, taken };
        wake?.();
      }),
      own.signal,
    );
  const production = produce(deliver, own.signal).then(
    () => undefined,
    (error: unknown) => {
      failure = { error };
    },
  );
  void production.finally(() => {
    settled = true;
    wake?.();
  });

  try {
    for (;;) {
      if (offered === undefined && !settled) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      const current = offered;
      if (current !== undefined) {
        offered = undefined;
        current.taken();
        yield current.part;
        continue;
      }
      if (failure !== undefined) throw failure.error;
      if (settled) return;
    }
  } finally {
    if (!settled) own.abort(consumerLeft());
    await production;
    following?.release();
  }
}
