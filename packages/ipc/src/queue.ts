import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkTimeout,
  decodeError,
  type EncodedError,
  encodeError,
  isSysError,
  OptionError,
  processAlive,
  type WaitOptions,
} from '@sys/core';
import { QueueState } from './_queue-state.js';
import { connect } from './connect.js';
import type { Connection } from './connection.js';
import { QueueClosedError } from './errors.js';
import { Listener } from './listener.js';

/** Options of `Queue.create`. */
export interface QueueOptions {
  /** Most items held; `put` waits (or fails with Full) beyond it. 0: no bound. @default 0 */
  maxsize?: number;
  /** The Unix socket path other processes reach the queue by. @default a fresh private temp folder */
  path?: string;
}

/** How `get` and `put` wait: Python's `block` and `timeout`, and an AbortSignal. */
export interface QueueWaitOptions extends WaitOptions {
  /** False: fail at once rather than wait. @default true */
  block?: boolean;
  /** Most ms to wait before Empty / Full, any length; `Infinity` or unset: no limit. */
  timeout?: number;
}

type Request =
  | [id: number, op: 'put' | 'get' | 'size', item: unknown, block: boolean, timeout: number | null]
  /** A got item arrived (ack), or arrived after its get was aborted and goes back (nack); a wait is given up (cancel). */
  | [id: number, op: 'ack' | 'nack' | 'cancel'];
type Reply = [id: number, outcome: 'ok', value: unknown] | [id: number, outcome: 'error', error: EncodedError];

/** A private folder's name: the owner's pid in it tells a later owner whether it is stale. */
const PRIVATE = /^sys-queue-(\d+)-[A-Za-z0-9]{6}$/;

/** Removes the private folders of owners that died without cleaning up (killed by a signal). */
function removeStaleFolders(): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const m = PRIVATE.exec(name);
    if (m && !processAlive(Number(m[1]))) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

interface Wait {
  block: boolean;
  timeout: number | undefined;
  signal: AbortSignal | undefined;
}

function checkedWait(options: QueueWaitOptions): Wait {
  const timeout = checkTimeout('timeout', options.timeout);
  const { signal } = options;
  if (signal !== undefined && !(signal instanceof AbortSignal))
    throw new OptionError('signal', 'must be an AbortSignal');
  return {
    block: options.block ?? true,
    timeout: timeout === Number.POSITIVE_INFINITY ? undefined : timeout,
    signal,
  };
}

/**
 * A FIFO queue shared by processes, as Python's multiprocessing.Queue: the process that
 * creates it holds the items; others reach it through its `handle` (a socket path) with
 * `Queue.connect`. Items are structured values, copied when they cross a process.
 *
 * An item a client gets stays the owner's until the client confirms it arrived: a client
 * that dies first gives it back, at the front of the queue.
 */
export class Queue<T = unknown> {
  readonly #state: QueueState | null;
  readonly #listener: Listener | null;
  readonly #conn: Connection | null;
  readonly #privateDir: string | null;
  readonly #pending = new Map<number, (reply: Reply) => void>();
  /** The owner's clients, each with the items handed to it and not yet confirmed, by request id. */
  readonly #clients = new Map<Connection, Map<number, unknown>>();
  #nextId = 0;
  /** Why calls fail now: the owner closed or went away, or this side closed. */
  #gone: QueueClosedError | null = null;

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
    let privateDir: string | undefined;
    if (options.path === undefined) {
      removeStaleFolders();
      privateDir = mkdtempSync(join(tmpdir(), `sys-queue-${process.pid}-`));
    }
    const path = options.path ?? join(privateDir as string, 'queue.sock');
    const listener = await Listener.listen(path, { keepAlive: false }).catch((error: unknown) => {
      if (privateDir) rmSync(privateDir, { recursive: true, force: true });
      throw error;
    });
    // Serving others must not keep this process alive; its own waits do.
    listener.unref();
    return new Queue<T>(path, { state: new QueueState(maxsize), listener, privateDir });
  }

  /** Reaches the queue another process created, by its `handle` (or the `path` it was given). */
  static async connect<T = unknown>(handle: string): Promise<Queue<T>> {
    return new Queue<T>(handle, { conn: await connect(handle) });
  }

  /** Adds an item; waits for room in a full bounded queue as `options` allow, else rejects with `Full`. */
  async put(item: T, options: QueueWaitOptions = {}): Promise<void> {
    const wait = checkedWait(options);
    if (this.#state) return this.#state.put(item, wait);
    await this.#call('put', item, wait);
  }

  /** Removes and returns the oldest item; waits for one as `options` allow, else rejects with `Empty`. */
  async get(options: QueueWaitOptions = {}): Promise<T> {
    const wait = checkedWait(options);
    if (this.#state) return (await this.#state.get(wait)) as T;
    return (await this.#call('get', undefined, wait)) as T;
  }

  /** How many items the queue holds now. */
  async qsize(): Promise<number> {
    if (this.#state) return this.#state.size;
    return (await this.#call('size', undefined, { block: false, timeout: undefined, signal: undefined })) as number;
  }

  /**
   * Owner: stops serving, ends every wait (its own and its clients') with QueueClosedError,
   * removes the socket. Others: disconnect. Idempotent.
   */
  async close(): Promise<void> {
    const closed = new QueueClosedError(this.#state ? 'the queue was closed' : 'this side closed the queue');
    this.#gone ??= closed;
    this.#state?.close(closed);
    await this.#listener?.close();
    await Promise.all([...this.#clients.keys()].map((conn) => conn.close()));
    await this.#conn?.close();
    process.off('exit', this.#removeAtExit);
    this.#removeAtExit();
  }

  /** `await using queue = ...`: closes it. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** Removes the private folder of a queue whose process ends without closing it. */
  #removeAtExit = (): void => {
    if (this.#privateDir) rmSync(this.#privateDir, { recursive: true, force: true });
  };

  #call(op: 'put' | 'get' | 'size', item: unknown, wait: Wait): Promise<unknown> {
    if (this.#gone) return Promise.reject(this.#gone);
    const { block, timeout, signal } = wait;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const conn = this.#conn as Connection;
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        // Rejected now; the owner is asked to drop the wait, and an item it handed over
        // meanwhile is sent back (an aborted put may have gone in already).
        this.#pending.set(id, (reply) => {
          if (op === 'get' && reply[1] === 'ok') conn.send([id, 'nack'] satisfies Request).catch(() => {});
        });
        conn.send([id, 'cancel'] satisfies Request).catch(() => {});
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(id, (reply) => {
        signal?.removeEventListener('abort', onAbort);
        if (reply[1] === 'error') return reject(decodeError(reply[2]));
        // The owner keeps a got item until we say it arrived.
        if (op === 'get') conn.send([id, 'ack'] satisfies Request).catch(() => {});
        resolve(reply[2]);
      });
      conn.send([id, op, item, block, timeout ?? null] satisfies Request).catch((error: unknown) => {
        signal?.removeEventListener('abort', onAbort);
        this.#pending.delete(id);
        // An item that cannot be sent is the caller's error; anything else means the
        // connection to the owner is gone, whether or not its end has been read yet.
        if (isSysError(error) && error.code === 'ERR_SYS_OPTION') return reject(error);
        this.#gone ??= new QueueClosedError("the queue's owner closed it or went away", { cause: error });
        reject(this.#gone);
      });
    });
  }

  async #readReplies(conn: Connection): Promise<void> {
    let cause: unknown;
    try {
      for await (const reply of conn) {
        const settle = this.#pending.get((reply as Reply)[0]);
        this.#pending.delete((reply as Reply)[0]);
        settle?.(reply as Reply);
      }
    } catch (error) {
      cause = error;
    }
    this.#gone ??= new QueueClosedError("the queue's owner closed it or went away", { cause });
    const failure = encodeError(this.#gone);
    for (const [id, settle] of this.#pending) settle([id, 'error', failure]);
    this.#pending.clear();
  }

  async #serve(listener: Listener): Promise<void> {
    for (;;) {
      let conn: Connection;
      try {
        conn = await listener.accept();
      } catch {
        if (this.#gone) return;
        continue; // one client's failed handshake or broken socket ends no one else's service
      }
      if (this.#gone) {
        await conn.close();
        return;
      }
      void this.#serveOne(conn);
    }
  }

  async #serveOne(conn: Connection): Promise<void> {
    const state = this.#state as QueueState;
    const lent = new Map<number, unknown>();
    /** The client's waits in progress, to give up on its 'cancel'. */
    const waits = new Map<number, AbortController>();
    this.#clients.set(conn, lent);
    const answer = (reply: Reply) => conn.send(reply).catch(() => {});
    try {
      for await (const request of conn) {
        const [id, op] = request as Request;
        if (op === 'ack' || op === 'nack') {
          if (op === 'nack' && lent.has(id)) state.putBack([lent.get(id)]);
          lent.delete(id);
          continue;
        }
        if (op === 'cancel') {
          waits.get(id)?.abort();
          continue;
        }
        const [, , item, block, timeout] = request as Extract<Request, { length: 5 }>;
        if (op === 'size') {
          void answer([id, 'ok', state.size]);
          continue;
        }
        const abort = new AbortController();
        waits.set(id, abort);
        const options = { block, timeout: timeout ?? undefined, signal: abort.signal };
        const work = op === 'put' ? state.put(item, options, conn) : state.get(options, conn);
        work.finally(() => waits.delete(id)).catch(() => {});
        work.then(
          (value) => {
            if (op === 'get') {
              // The client left in the meantime: the item was never its.
              if (!this.#clients.has(conn)) return state.putBack([value]);
              lent.set(id, value);
            }
            void answer([id, 'ok', value]);
          },
          (error: unknown) => answer([id, 'error', encodeError(error)]),
        );
      }
    } catch {
      // A client that breaks the protocol or vanishes loses its waits, nothing else.
    } finally {
      this.#clients.delete(conn);
      state.forget(conn);
      // Items handed over but never confirmed go back to the front, in their order.
      if (!this.#gone) state.putBack([...lent.values()]);
      await conn.close();
    }
  }
}
