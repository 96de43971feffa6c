import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OptionError } from '@sys/core';
import { QueueState, type WaitOptions } from './_queue-state.js';
import { connect } from './connect.js';
import type { Connection } from './connection.js';
import { Empty, Full } from './errors.js';
import { Listener } from './listener.js';

export type { WaitOptions } from './_queue-state.js';

/** Options of `Queue.create`. */
export interface QueueOptions {
  /** Most items held; `put` waits (or fails with Full) beyond it. 0: no bound. @default 0 */
  maxsize?: number;
  /** The Unix socket path other processes reach the queue by. @default a fresh private temp folder */
  path?: string;
}

type Request = [id: number, op: 'put' | 'get' | 'size', item: unknown, block: boolean, timeout: number | null];
type Reply = [id: number, outcome: 'ok' | 'empty' | 'full' | 'error', value: unknown];

function waitOptions(options: WaitOptions): WaitOptions {
  const { timeout } = options;
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout >= 0)) {
    throw new OptionError('timeout', 'must be a number of ms >= 0');
  }
  return options;
}

/**
 * A FIFO queue shared by processes, as Python's multiprocessing.Queue: the process that
 * creates it holds the items; others reach it through its `handle` (a socket path) with
 * `Queue.connect`. Items are structured values, copied when they cross a process.
 */
export class Queue<T = unknown> {
  readonly #state: QueueState | null;
  readonly #listener: Listener | null;
  readonly #conn: Connection | null;
  readonly #privateDir: string | null;
  readonly #pending = new Map<number, (reply: Reply) => void>();
  #nextId = 0;

  private constructor(
    /** The socket path a process passes to `Queue.connect` to reach this queue. */
    readonly handle: string,
    parts: { state?: QueueState; listener?: Listener; conn?: Connection; privateDir?: string },
  ) {
    this.#state = parts.state ?? null;
    this.#listener = parts.listener ?? null;
    this.#conn = parts.conn ?? null;
    this.#privateDir = parts.privateDir ?? null;
    if (this.#listener) void this.#serve(this.#listener);
    if (this.#privateDir) process.once('exit', this.#removeAtExit);
    if (this.#conn) void this.#readReplies(this.#conn);
  }

  /** Makes a queue owned by this process, reachable by other processes at `queue.handle`. */
  static async create<T = unknown>(options: QueueOptions = {}): Promise<Queue<T>> {
    const maxsize = options.maxsize ?? 0;
    if (!Number.isInteger(maxsize) || maxsize < 0) throw new OptionError('maxsize', 'must be a whole number >= 0');
    const privateDir = options.path === undefined ? mkdtempSync(join(tmpdir(), 'sys-queue-')) : undefined;
    const path = options.path ?? join(privateDir as string, 'queue.sock');
    const listener = await Listener.listen(path, { keepAlive: false }).catch((error: unknown) => {
      if (privateDir) rmSync(privateDir, { recursive: true, force: true });
      throw error;
    });
    // Serving others must not keep this process alive; its own waits do.
    listener.unref();
    return new Queue<T>(path, { state: new QueueState(maxsize), listener, privateDir });
  }

  /** Removes the private folder of a queue whose process ends without closing it. */
  #removeAtExit = (): void => {
    if (this.#privateDir) rmSync(this.#privateDir, { recursive: true, force: true });
  };

  /** Reaches the queue another process created, by its `handle` (or the `path` it was given). */
  static async connect<T = unknown>(handle: string): Promise<Queue<T>> {
    return new Queue<T>(handle, { conn: await connect(handle) });
  }

  /** Adds an item; waits for room in a full bounded queue as `options` allow, else rejects with `Full`. */
  async put(item: T, options: WaitOptions = {}): Promise<void> {
    const { block = true, timeout } = waitOptions(options);
    if (this.#state) return this.#state.put(item, { block, timeout });
    await this.#call('put', item, block, timeout);
  }

  /** Removes and returns the oldest item; waits for one as `options` allow, else rejects with `Empty`. */
  async get(options: WaitOptions = {}): Promise<T> {
    const { block = true, timeout } = waitOptions(options);
    if (this.#state) return (await this.#state.get({ block, timeout })) as T;
    return (await this.#call('get', undefined, block, timeout)) as T;
  }

  /** How many items the queue holds now. */
  async qsize(): Promise<number> {
    if (this.#state) return this.#state.size;
    return (await this.#call('size', undefined, false, undefined)) as number;
  }

  /** Owner: stops serving and removes the socket. Others: disconnects. */
  async close(): Promise<void> {
    await this.#listener?.close();
    await this.#conn?.close();
    process.off('exit', this.#removeAtExit);
    this.#removeAtExit();
  }

  #call(op: Request[1], item: unknown, block: boolean, timeout: number | undefined): Promise<unknown> {
    const conn = this.#conn as Connection;
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, ([, outcome, value]) => {
        if (outcome === 'ok') resolve(value);
        else if (outcome === 'empty') reject(new Empty());
        else if (outcome === 'full') reject(new Full());
        else reject(value);
      });
      conn.send([id, op, item, block, timeout ?? null] satisfies Request).catch(reject);
    });
  }

  async #readReplies(conn: Connection): Promise<void> {
    let failure: unknown;
    try {
      for await (const reply of conn) {
        const settle = this.#pending.get((reply as Reply)[0]);
        this.#pending.delete((reply as Reply)[0]);
        settle?.(reply as Reply);
      }
    } catch (error) {
      failure = error;
    }
    for (const [id, settle] of this.#pending) settle([id, 'error', failure ?? new Error('queue owner went away')]);
    this.#pending.clear();
  }

  async #serve(listener: Listener): Promise<void> {
    for (;;) {
      let conn: Connection;
      try {
        conn = await listener.accept();
      } catch {
        return;
      }
      void this.#serveOne(conn);
    }
  }

  async #serveOne(conn: Connection): Promise<void> {
    const state = this.#state as QueueState;
    const answer = (reply: Reply) => conn.send(reply).catch(() => {});
    try {
      for await (const request of conn) {
        const [id, op, item, block, timeout] = request as Request;
        const options = { block, timeout: timeout ?? undefined };
        const work = op === 'put' ? state.put(item, options, conn) : op === 'get' ? state.get(options, conn) : null;
        if (work === null) {
          void answer([id, 'ok', state.size]);
          continue;
        }
        work.then(
          (value) => answer([id, 'ok', value]),
          (error: unknown) =>
            answer([id, error instanceof Empty ? 'empty' : error instanceof Full ? 'full' : 'error', null]),
        );
      }
    } catch {
      // A client that breaks the protocol or vanishes loses its waits, nothing else.
    } finally {
      state.forget(conn);
      await conn.close();
    }
  }
}
