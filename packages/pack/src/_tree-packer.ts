import type { EntryPacker } from './_entries.js';
import { ReadAhead } from './_read-ahead.js';
import type { PackItem } from './_walk-items.js';

/** Items pulled from the walk ahead of the one being packed. */
const AHEAD = 4096;
/**
 * Paths the reader thread is given at a time, and how few it may have left before it gets
 * more: enough that it never waits for paths while this thread is busy (the ring, not this
 * queue, bounds how far ahead it reads).
 */
const BATCH = 1024;
/**
 * Files a walk must show before the reader thread is started: it takes ~20 ms to boot (on the
 * other core) and ~2 ms of this one, what reading a few hundred small files here takes.
 */
const START_AT = 512;

/**
 * Whether small files are read on a second thread: `true` for every one (the packer waits
 * for the thread to start), `false` never, `'auto'` once a walk shows enough files, with
 * this thread reading a part of them itself so that both finish together.
 */
export type ReadThread = boolean | 'auto';

/**
 * Packs walks' items in order, pulling the walk ahead so that a second thread (started once
 * per pack, when there are enough files) reads small files while this one packs what is read:
 * the two halves of the work overlap on two cores. Items the thread was not asked for (before
 * it is up, excluded names, ...) take the packer's own way, as without the thread.
 */
export class TreePacker {
  #reader: ReadAhead | undefined;
  #seen = 0;
  /**
   * The part of the files this thread reads itself, so that both threads finish together:
   * raised while it waits for the reader, lowered while the reader keeps ahead.
   */
  #share: number;
  #credit = 0;
  #last = { taken: 0, waited: 0 };

  constructor(
    readonly packer: EntryPacker,
    /** Packs a file the thread was not asked for (the exclude check is the caller's). */
    readonly file: (path: string, name: string) => Promise<void> | undefined | void,
    /** Whether a file item is one the packer would read (not excluded, a name it takes). */
    readonly wanted: (item: PackItem) => boolean,
    readonly options: { thread: ReadThread; small: number; flags: number; times: boolean; signal?: AbortSignal },
  ) {
    this.#share = options.thread === true ? 0 : 0.3;
  }

  /** Packs the items of one walk, in order. */
  async pack(items: Iterator<PackItem, void>): Promise<void> {
    const queue: PackItem[] = [];
    let head = 0;
    let asked = 0;
    let outstanding = 0;
    let done = false;
    for (;;) {
      if (!done && queue.length - head < AHEAD / 2) {
        if (head > AHEAD) {
          queue.splice(0, head);
          asked -= head;
          head = 0;
        }
        while (queue.length - head < AHEAD) {
          const next = items.next();
          if (next.done) {
            done = true;
            break;
          }
          queue.push(next.value);
          if (next.value.kind === 'file') this.#seen++;
        }
        if (!this.#reader) await this.#start();
      }
      const reader = this.#reader;
      if (reader && outstanding < BATCH && reader.ready) {
        this.#balance(reader);
        const paths: string[] = [];
        for (asked = Math.max(asked, head); asked < queue.length && paths.length < BATCH; asked++) {
          const item = queue[asked] as PackItem;
          if (item.kind !== 'file' || !this.wanted(item)) continue;
          this.#credit += this.#share;
          if (this.#credit >= 1) {
            this.#credit -= 1;
            continue;
          }
          item.read = true;
          paths.push(item.path);
        }
        if (paths.length > 0) reader.request(paths);
        outstanding += paths.length;
      }
      if (head === queue.length) return;
      const item = queue[head++] as PackItem;
      if (item.kind === 'skip') this.packer.skip(item.path, item.name, item.cause);
      else if (item.kind === 'dir') await this.packer.add(item.path, item.name, true);
      else {
        this.options.signal?.throwIfAborted();
        let pending: Promise<void> | undefined | void;
        if (item.read && reader) {
          outstanding--;
          const next = reader.next();
          const got = next instanceof Promise ? await next : next;
          pending = this.packer.addRead(item.path, item.name, got);
          reader.release();
        } else pending = this.file(item.path, item.name);
        if (pending) await pending;
      }
    }
  }

  /** Stops the reader thread, if one was started. */
  async close(): Promise<void> {
    await this.#reader?.close();
  }

  #balance(reader: ReadAhead): void {
    if (this.options.thread === true) return;
    const now = reader.counts;
    const taken = now.taken - this.#last.taken;
    if (taken < 64) return;
    const waited = (now.waited - this.#last.waited) / taken;
    if (waited > 0.02) this.#share = Math.min(0.8, this.#share + 0.05);
    else if (waited === 0) this.#share = Math.max(0, this.#share - 0.05);
    this.#last = now;
  }

  async #start(): Promise<void> {
    const { thread, small, flags, times } = this.options;
    if (thread === false || (thread === 'auto' && this.#seen < START_AT) || this.#seen === 0) return;
    this.#reader = new ReadAhead({ small, flags, times });
    if (thread === true) await this.#reader.up();
  }
}
