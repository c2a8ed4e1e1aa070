import { describe, expect, it } from 'vitest';
import { abortable } from '../../src/util/abort.js';

describe('abortable', () => {
  it('settles like the promise while the signal stays quiet', async () => {
    await expect(abortable(Promise.resolve(7), new AbortController().signal)).resolves.toBe(7);
    await expect(abortable(Promise.reject(new Error('no')), new AbortController().signal)).rejects.toThrow('no');
  });

  it('rejects with the reason as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const pending = abortable(new Promise(() => undefined), controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });

  it('observes an abandoned promise, so its later rejection is not unhandled', async () => {
    const unhandled: unknown[] = [];
    const listen = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listen);
    try {
      let fail: (error: Error) => void = () => undefined;
      const work = new Promise<never>((_, reject) => {
        fail = reject;
      });
      await expect(abortable(work, AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
      fail(new Error('late'));
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listen);
    }
  });
});
