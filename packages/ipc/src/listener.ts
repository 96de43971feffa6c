import { createServer, type Server, type Socket } from 'node:net';
import { checkTimeout, Fifo, OptionError } from '@sys/core';
import { authkeyBytes, checkedAddress } from './_address.js';
import { openConnection } from './_open.js';
import { type BoundSocket, bindUnix } from './_unix-socket.js';
import type { Address } from './address.js';
import type { Connection, ConnectionOptions } from './connection.js';
import { ConnectionClosedError } from './errors.js';

/** Options of a `Listener`. */
export interface ListenerOptions extends ConnectionOptions {
  /** Both sides prove they know this key (HMAC challenge, as Python's) before any message. */
  authkey?: string | Uint8Array;
  /** A client that has not finished the handshake by then is dropped. @default 10000 */
  handshakeTimeout?: number;
  /** Pending connections the kernel queues. @default 128 */
  backlog?: number;
  /**
   * Most clients in the handshake at once; a new one beyond it drops the oldest, so clients
   * that connect and say nothing cannot use up the descriptors a good client needs. @default 64
   */
  maxHandshakes?: number;
}

type Outcome = { conn: Connection } | { error: Error };

/**
 * Accepts connections on a Unix socket path or a TCP port, as Python's
 * multiprocessing.connection.Listener. Handshakes run side by side: a client that says
 * nothing holds up no one.
 */
export class Listener {
  readonly #server: Server;
  readonly #options: ListenerOptions;
  readonly #authkey: Buffer | null;
  readonly #ready: Promise<void>;
  readonly #given: Address;
  #bound: BoundSocket | null = null;
  readonly #outcomes = new Fifo<Outcome>();
  readonly #waiters = new Fifo<(outcome: Outcome) => void>();
  /** Sockets in the handshake, oldest first (a Set keeps insertion order). */
  #handshaking = new Set<Socket>();
  /** Sockets this listener dropped to make room: their failure is no one's news. */
  #evicted = new WeakSet<Socket>();
  readonly #maxHandshakes: number;
  #closed = false;

  constructor(address: Address, options: ListenerOptions = {}) {
    this.#given = checkedAddress(address);
    checkTimeout('handshakeTimeout', options.handshakeTimeout);
    this.#maxHandshakes = options.maxHandshakes ?? 64;
    if (!Number.isInteger(this.#maxHandshakes) || this.#maxHandshakes < 1)
      throw new OptionError('maxHandshakes', 'must be a whole number >= 1');
    this.#options = options;
    this.#authkey = authkeyBytes(options.authkey);
    this.#server = createServer({ noDelay: true }, (socket) => this.#onSocket(socket));
    // After listening, a failure to accept (out of descriptors...) reaches the next accept().
    this.#server.on('error', (error) => this.#deliver({ error }));
    this.#ready = this.#listen(options.backlog ?? 128);
    // Failures reach the caller through ready() and accept(); never as an unhandled rejection.
    this.#ready.catch(() => {});
  }

  /** Listens at `address` and resolves once it does (or rejects: address in use, ...). */
  static async listen(address: Address, options: ListenerOptions = {}): Promise<Listener> {
    const listener = new Listener(address, options);
    await listener.ready();
    return listener;
  }

  /** Resolves when the listener listens; rejects if it cannot. */
  async ready(): Promise<this> {
    await this.#ready;
    return this;
  }

  /** The socket path, or `{ host, port }` with the real port once `ready()` resolved. */
  get address(): Address {
    if (typeof this.#given === 'string') return this.#given;
    const bound = this.#server.address();
    if (bound === null || typeof bound === 'string') return this.#given;
    return { host: bound.address, port: bound.port };
  }

  /** The next client that connected and passed the handshake; rejects with its failure if it did not. */
  async accept(): Promise<Connection> {
    await this.#ready;
    const outcome = this.#outcomes.shift() ?? (await this.#next());
    if ('error' in outcome) throw outcome.error;
    return outcome.conn;
  }

  /** Lets the process end while this listener listens (as `net.Server#unref`). */
  unref(): this {
    this.#server.unref();
    return this;
  }

  /** Stops listening, drops clients still in the handshake, and removes the socket file. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const socket of this.#handshaking) socket.destroy();
    const error = new ConnectionClosedError('listener closed');
    for (const waiter of this.#waiters.drain()) waiter({ error });
    // Stops listening at once; the callback would wait for every accepted connection to end.
    this.#server.close();
    this.#bound?.release();
    for (const outcome of this.#outcomes.drain()) if ('conn' in outcome) await outcome.conn.close();
  }

  /** `await using listener = ...`: closes it. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #next(): Promise<Outcome> {
    if (this.#closed) return Promise.resolve({ error: new ConnectionClosedError('listener closed') });
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  async #listen(backlog: number): Promise<void> {
    const address = this.#given;
    if (typeof address === 'string') {
      this.#bound = await bindUnix(this.#server, address, backlog);
      // Closed while it was binding: the socket made meanwhile goes too.
      if (this.#closed) this.#bound.release();
      return;
    }
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen({ host: address.host ?? '127.0.0.1', port: address.port, backlog }, () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
  }

  #deliver(outcome: Outcome): void {
    const waiter = this.#waiters.shift();
    if (waiter) waiter(outcome);
    else this.#outcomes.push(outcome);
  }

  async #onSocket(socket: Socket): Promise<void> {
    if (this.#closed) return void socket.destroy();
    if (this.#handshaking.size >= this.#maxHandshakes) {
      const oldest = this.#handshaking.values().next().value as Socket;
      this.#handshaking.delete(oldest);
      this.#evicted.add(oldest);
      oldest.destroy();
    }
    this.#handshaking.add(socket);
    try {
      this.#deliver({ conn: await openConnection(socket, this.#options, this.#authkey, 'listener') });
    } catch (error) {
      if (!this.#closed && !this.#evicted.has(socket)) this.#deliver({ error: error as Error });
    } finally {
      this.#handshaking.delete(socket);
    }
  }
}
