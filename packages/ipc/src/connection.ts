import type { Duplex, Readable, Writable } from 'node:stream';
import { Fifo, OptionError } from '@sys/core';
import { decodeValue, encodeValue } from './_codec.js';
import { FrameDecoder } from './_frames.js';
import { readerOf } from './_reader.js';
import { FrameWriter } from './_writer.js';
import { ConnectionClosedError, OneWayError, TruncatedFrameError } from './errors.js';

/** Options of a `Connection`. */
export interface ConnectionOptions {
  /** Largest frame accepted from the peer, checked before anything is allocated. @default 64 MiB */
  maxFrameSize?: number;
  /** Received bytes held unread before the connection stops reading from the stream. @default 1 MiB */
  readHighWaterMark?: number;
  /** `'recv'` or `'send'` for one end of a one-way pipe: the other direction is refused. @default 'both' */
  direction?: 'both' | 'recv' | 'send';
  /** False: never hold the process open, even while a `recv` waits (for servers in the background). @default true */
  keepAlive?: boolean;
}

/** The two ends a connection talks through: one duplex stream, or a readable and a writable. */
export type ByteStream = Duplex | { readable: Readable; writable: Writable };

/** The default bound on one incoming frame. */
export const DEFAULT_MAX_FRAME_SIZE = 64 * 1024 * 1024;

/**
 * A frame kept past the call that delivered it. A small frame shares its chunk with the
 * frames around it: a copy lets the chunk go. A frame in a reused read buffer is always copied.
 */
function keepable(payload: Buffer, reused: boolean): Buffer {
  return reused || payload.length * 2 < payload.buffer.byteLength ? Buffer.from(payload) : payload;
}

function checkedMax(bytes: number): number {
  if (!Number.isSafeInteger(bytes) || bytes < 0) throw new OptionError('maxFrameSize', 'must be a whole number >= 0');
  return bytes;
}

interface Waiter {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** Wants the decoded value, not the bytes. */
  decode: boolean;
}

/**
 * Messages over a byte stream, framed as Python's multiprocessing.connection frames them.
 * `send`/`recv` carry structured values; `sendBytes`/`recvBytes` carry raw bytes.
 */
export class Connection implements AsyncIterable<unknown> {
  readonly #readable: Readable;
  readonly #writable: Writable;
  readonly #decoder: FrameDecoder;
  readonly #writer: FrameWriter;
  readonly #highWater: number;
  readonly #frames = new Fifo<Buffer>();
  #queuedBytes = 0;
  readonly #waiters = new Fifo<Waiter>();
  /** Why no more frames will come: a ConnectionClosedError at a clean end, else the failure. */
  #readEnd: Error | null = null;
  #writeEnd: Error | null = null;
  #closed = false;
  #paused = false;
  /** The readable is read through `onread`: a payload is a view of a buffer that the next read overwrites. */
  readonly #reused: boolean;
  readonly #direction: 'both' | 'recv' | 'send';
  /** The readable's ref/unref, when it has them (sockets do). */
  #handle: { ref(): unknown; unref(): unknown } | null;

  constructor(stream: ByteStream, options: ConnectionOptions = {}) {
    const max = checkedMax(options.maxFrameSize ?? DEFAULT_MAX_FRAME_SIZE);
    this.#highWater = options.readHighWaterMark ?? 1024 * 1024;
    const pair = 'writable' in stream && typeof stream.writable === 'object' ? stream : null;
    this.#readable = pair ? pair.readable : (stream as Duplex);
    this.#writable = pair ? pair.writable : (stream as Duplex);
    this.#decoder = new FrameDecoder(max);
    this.#writer = new FrameWriter(this.#writable, () => this.#writeFailure());
    const reader = readerOf(this.#readable);
    this.#reused = reader !== null;
    if (reader === null) this.#readable.on('data', this.#onData);
    this.#readable.on('end', this.#onEnd);
    this.#readable.on('error', this.#onReadError);
    this.#readable.on('close', this.#onEnd);
    this.#writable.on('error', this.#onWriteError);
    this.#writable.on('close', this.#onWriteClose);
    this.#direction = options.direction ?? 'both';
    if (this.#direction === 'send') this.#readEnd = new OneWayError('recv');
    if (this.#direction === 'recv') this.#writeEnd = new OneWayError('send');
    // Like Python's, a connection keeps the process alive only while someone waits on it:
    // a child that sent its answer and returned ends, open connection or not.
    const handle = this.#readable as unknown as Partial<{ ref(): unknown; unref(): unknown }>;
    this.#handle =
      typeof handle.unref === 'function' && typeof handle.ref === 'function'
        ? (handle as { ref(): unknown; unref(): unknown })
        : null;
    this.#handle?.unref();
    if (options.keepAlive === false) this.#handle = null;
    if (reader !== null) {
      // Bytes read before this connection existed were kept as copies: they come first.
      const early = reader.early.splice(0);
      reader.sink = (bytes) => this.#onData(bytes, true);
      for (const bytes of early) this.#onData(bytes);
    }
  }

  /** Largest frame accepted from the peer; may be changed at any time. */
  get maxFrameSize(): number {
    return this.#decoder.maxFrameSize;
  }

  set maxFrameSize(bytes: number) {
    this.#decoder.maxFrameSize = checkedMax(bytes);
  }

  /** True once `close()` was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Sends a structured value; resolves at once unless the peer reads slowly (backpressure). */
  send(value: unknown): Promise<void> {
    let payload: string | Buffer;
    try {
      payload = encodeValue(value);
    } catch (cause) {
      return Promise.reject(new OptionError('value', `cannot be sent: ${(cause as Error).message}`));
    }
    return this.#write(payload);
  }

  /** Sends `bytes` (or `size` bytes of it from `offset`) as one frame, as Python's send_bytes. */
  sendBytes(bytes: ArrayBufferView, offset = 0, size?: number): Promise<void> {
    if (!ArrayBuffer.isView(bytes))
      return Promise.reject(new OptionError('bytes', 'must be a Buffer, typed array or DataView'));
    const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const end = size === undefined ? view.length : offset + size;
    // Rejected, not thrown: send and sendBytes fail the same way.
    if (!Number.isInteger(offset) || !Number.isInteger(end) || offset < 0 || end > view.length || end < offset)
      return Promise.reject(new OptionError('offset', 'offset and size must lie inside the buffer'));
    return this.#write(offset === 0 && end === view.length ? view : view.subarray(offset, end));
  }

  /**
   * Hands a frame to the writer. Rejects at once when the connection cannot send (closed,
   * broken, the peer gone), also when this very write found the peer gone (EPIPE comes
   * back synchronously); waits while the stream is full, and rejects if it breaks first.
   */
  #write(payload: string | Uint8Array): Promise<void> {
    const before = this.#writeFailure();
    if (before) return Promise.reject(before);
    const room = typeof payload === 'string' ? this.#writer.writeString(payload) : this.#writer.writeBytes(payload);
    const after = this.#writeFailure();
    if (after) return Promise.reject(after);
    return room ? Promise.resolve() : this.#writer.drained();
  }

  /** Why nothing more can be sent, from what we know and what the stream says; null while it can. */
  #writeFailure(): Error | null {
    if (this.#writeEnd) return this.#writeEnd;
    const writable = this.#writable;
    const cause = writable.errored;
    if (cause) this.#writeEnd = new ConnectionClosedError(`connection broken: ${cause.message}`, { cause });
    else if (writable.destroyed || writable.writableEnded)
      this.#writeEnd = new ConnectionClosedError('the peer closed the connection');
    return this.#writeEnd;
  }

  /** From now on sends fail with `reason`; a send waiting for room fails too. */
  #endWrite(reason: Error): void {
    this.#writeEnd ??= reason;
    this.#writer.wake();
  }

  /** The next value; rejects with ConnectionClosedError when the peer has closed. */
  recv(): Promise<unknown> {
    return this.#next(true);
  }

  /** The next frame's bytes, as Python's recv_bytes. */
  recvBytes(): Promise<Buffer> {
    return this.#next(false) as Promise<Buffer>;
  }

  #next(decode: boolean): Promise<unknown> {
    if (this.#frames.length > 0) {
      const frame = this.#take();
      if (!decode) return Promise.resolve(frame);
      try {
        return Promise.resolve(decodeValue(frame));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    if (this.#readEnd) return Promise.reject(this.#readEnd);
    if (this.#waiters.length === 0) this.#handle?.ref();
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject, decode }));
  }

  /** True when a frame is waiting to be read, as Python's poll() with no timeout. */
  poll(): boolean {
    return this.#frames.length > 0;
  }

  /** Yields every value until the peer closes. */
  async *[Symbol.asyncIterator](): AsyncGenerator<unknown, void, undefined> {
    for (;;) {
      let value: unknown;
      try {
        value = await this.#next(true);
      } catch (error) {
        if (error instanceof ConnectionClosedError && !error.cause) return;
        throw error;
      }
      yield value;
    }
  }

  /** Flushes what was sent, ends the stream and stops reading; resolves when the bytes are out. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#writer.flush();
    this.#writeEnd ??= new ConnectionClosedError('connection closed by this side');
    const writable = this.#writable;
    if (!writable.destroyed && !writable.writableFinished) {
      await new Promise<void>((resolve) => {
        writable.once('close', resolve);
        writable.once('error', resolve);
        writable.end(() => resolve());
      });
    }
    this.#finishRead(new ConnectionClosedError('connection closed by this side'));
    this.#readable.destroy();
    writable.destroy();
  }

  /** `await using conn = ...`: closes it. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #take(): Buffer {
    const frame = this.#frames.shift() as Buffer;
    this.#queuedBytes -= frame.length;
    if (this.#paused && this.#queuedBytes < this.#highWater / 2) {
      this.#paused = false;
      this.#readable.resume();
    }
    return frame;
  }

  #onFrame = (payload: Buffer): void => {
    const waiter = this.#waiters.shift();
    if (waiter) {
      if (this.#waiters.length === 0) this.#handle?.unref();
      if (!waiter.decode) waiter.resolve(keepable(payload, this.#reused));
      else {
        try {
          // v8.deserialize may return typed arrays that are views of its input.
          waiter.resolve(decodeValue(this.#reused && payload[0] === 0xff ? Buffer.from(payload) : payload));
        } catch (error) {
          waiter.reject(error);
        }
      }
      return;
    }
    const frame = keepable(payload, this.#reused);
    this.#frames.push(frame);
    this.#queuedBytes += frame.length;
  };

  #onData = (chunk: Buffer, reused = false): void => {
    this.#writer.newTurn();
    if (this.#readEnd) return;
    try {
      this.#decoder.push(chunk, this.#onFrame, reused);
    } catch (error) {
      // The stream cannot be resynchronised after a bad header: stop here.
      this.#finishRead(error as Error);
      this.#abandon(error as Error);
      return;
    }
    if (!this.#paused && this.#queuedBytes >= this.#highWater) {
      this.#paused = true;
      this.#readable.pause();
    }
  };

  /**
   * Ends a connection whose peer sent what cannot be read: our side is ended first, so a
   * peer whose send waits for room hears that we are gone (an in-memory duplexPair passes
   * no destroy across), then both streams are destroyed.
   */
  #abandon(reason: Error): void {
    const writable = this.#writable;
    this.#writer.flush();
    this.#endWrite(new ConnectionClosedError(`connection ended: ${reason.message}`, { cause: reason }));
    if (!writable.destroyed && !writable.writableEnded) writable.end();
    setImmediate(() => {
      this.#readable.destroy();
      writable.destroy();
    });
  }

  #onEnd = (): void => {
    const partial = this.#decoder.pending;
    this.#finishRead(partial > 0 ? new TruncatedFrameError(partial) : new ConnectionClosedError());
    // One stream both ways: the peer that closed its end reads no more of ours.
    if (this.#readable === (this.#writable as unknown))
      this.#endWrite(new ConnectionClosedError('the peer closed the connection'));
  };

  #onReadError = (cause: Error): void => {
    this.#finishRead(new ConnectionClosedError(`connection broken: ${cause.message}`, { cause }));
  };

  #onWriteError = (cause: Error): void => {
    this.#endWrite(new ConnectionClosedError(`connection broken: ${cause.message}`, { cause }));
  };

  #onWriteClose = (): void => {
    this.#endWrite(new ConnectionClosedError('connection closed'));
  };

  #finishRead(reason: Error): void {
    if (this.#readEnd) return;
    this.#readEnd = reason;
    this.#handle?.unref();
    for (const waiter of this.#waiters.drain()) waiter.reject(reason);
  }
}
