import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/** An append-only file of lines, written in order. */
export interface DurableLog {
  /**
   * Appends `line` (and a LF). Resolves once it is written; with `durable`, once it is on disk
   * too (fdatasync), with every line before it. Lines appended while a write is under way are
   * written (and synced) together: one fdatasync serves many callers.
   */
  readonly append: (line: string, durable: boolean) => Promise<void>;
  /** Syncs what was appended and closes the file. */
  readonly close: () => Promise<void>;
}

/** Makes a new file's name itself durable: without it, a crash may lose the file however often it was synced. */
async function syncDirectory(path: string): Promise<void> {
  let directory: FileHandle | undefined;
  try {
    directory = await open(dirname(path), 'r');
    await directory.sync();
  } catch {
    // Some platforms (Windows) cannot open or sync a directory; the file's own syncs still hold.
  } finally {
    await directory?.close();
  }
}

interface Pending {
  readonly text: string;
  readonly durable: boolean;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Opens `path` to append lines, first cutting it to `keep` bytes: what a reader found to be
 * whole lines, so that a line torn by a kill is dropped, not continued. A new file
 * (`created`) has its directory entry synced too. Write errors reject the appends they hit and
 * every later one.
 */
export async function openDurableLog(path: string, keep: number, created: boolean): Promise<DurableLog> {
  const file = await open(path, created ? 'wx' : 'r+');
  await file.truncate(keep);
  if (created) await syncDirectory(path);
  let position = keep;
  let queue: Pending[] = [];
  let draining: Promise<void> | undefined;
  let failure: unknown;

  const drain = async (): Promise<void> => {
    while (queue.length > 0) {
      const lines = queue;
      queue = [];
      try {
        if (failure !== undefined) throw failure; // no line after a lost one: the log would lie
        const bytes = Buffer.from(lines.map((pending) => `${pending.text}\n`).join(''));
        await file.write(bytes, 0, bytes.length, position);
        position += bytes.length;
        if (lines.some((pending) => pending.durable)) await file.datasync();
        for (const pending of lines) pending.resolve();
      } catch (error) {
        failure ??= error;
        for (const pending of lines) pending.reject(error);
      }
    }
    draining = undefined;
  };

  return {
    append: (text, durable) => {
      if (failure !== undefined) return Promise.reject(failure);
      return new Promise<void>((resolve, reject) => {
        queue.push({ text, durable, resolve, reject });
        // drain() always awaits its first write, so it cannot end before it is kept here.
        draining ??= drain();
      });
    },
    close: async () => {
      await draining;
      try {
        if (failure === undefined) await file.datasync();
      } finally {
        await file.close();
      }
    },
  };
}
