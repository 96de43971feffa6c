import { setTimeout as sleep, setImmediate as turn } from 'node:timers/promises';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { Ctrl, HEAD, Kind, type ReadLoopData, readLoop } from './_read-loop.js';
import { PackThreadError } from './errors.js';
import { LF_BACKSLASH, LF_COLON } from './format.js';

/** The ring's size: a power of two, room for the biggest small file twice over. */
const RING = 4 << 20;
/** How long to wait for the reader before looking at the event loop (a crash is told there). */
const PATIENCE_MS = 50;
/** How many times to look at the reader's progress before sleeping on it. */
const SPINS = 500;
/** Records the reader publishes before it wakes a sleeping packer (fewer when it runs out of paths). */
const WAKE_BATCH = 16;

/**
 * A file the reader thread read: its bytes (valid until `release()`), mode, mtime in µs,
 * and where the line starts escaping looks for first occur.
 */
export interface ReadFile {
  kind: 'file';
  data: Buffer;
  mode: number;
  us: number;
  first: { colon: number; slash: number };
}

/** What the reader found for a path: a small regular file read whole, or not (`other`: take the general path; `fault`: read it here). */
export type ReadResult = ReadFile | { kind: 'other' } | { kind: 'fault' };

const other = { kind: 'other' } as const;
const fault = { kind: 'fault' } as const;

/**
 * Small files read on a second thread, ahead of the packer: paths go to it in batches, in
 * pack order, and come back in that order through a ring in shared memory — no message per
 * file, and the bytes are read straight into memory the packer reads from.
 */
export class ReadAhead {
  readonly #ctrl = new Int32Array(new SharedArrayBuffer(Ctrl.length * 4));
  readonly #ring = new SharedArrayBuffer(RING);
  readonly #i32 = new Int32Array(this.#ring);
  readonly #f64 = new Float64Array(this.#ring);
  readonly #port: MessagePort;
  readonly #worker: Worker;
  #released = 0;
  /** Records taken so far (the reader counts those it published). */
  #records = 0;
  /** Times a record was not ready when asked for: the reader is behind. */
  #misses = 0;
  /** Bytes the record last handed out takes (with padding before it), given back by release(). */
  #taken = 0;
  #failed: Error | undefined;
  #closed = false;

  constructor(options: { small: number; flags: number; times: boolean }) {
    const { port1, port2 } = new MessageChannel();
    this.#port = port1;
    const data: ReadLoopData = {
      ...options,
      ctrl: this.#ctrl,
      ring: this.#ring,
      port: port2,
      ctrlSlots: Ctrl,
      kinds: Kind,
      head: HEAD,
      lineStarts: [LF_COLON.toString(), LF_BACKSLASH.toString()],
    };
    const source = `(${readLoop})(require, require('node:worker_threads').workerData)`;
    this.#worker = new Worker(source, { eval: true, workerData: data, transferList: [port2] });
    // It never keeps the process alive: the pack closes it, and a pack abandoned mid-way must not hang Node.
    this.#worker.unref();
    this.#worker.on('error', (error) => this.#fail(error));
    this.#worker.on('exit', (code) => this.#fail(new Error(`it exited with code ${code}`)));
  }

  /** Results taken so far, and how many of them had to be waited for. */
  get counts(): { taken: number; waited: number } {
    return { taken: this.#records, waited: this.#misses };
  }

  /** The thread itself (a test stops it to see a crash reported). */
  get thread(): Worker {
    return this.#worker;
  }

  /** True once the thread runs and takes paths. */
  get ready(): boolean {
    return Atomics.load(this.#ctrl, Ctrl.state) === 1;
  }

  /** Resolves once the thread runs (rejects if it died first). */
  async up(): Promise<void> {
    while (!this.ready) {
      if (this.#failed) throw new PackThreadError(this.#failed);
      await sleep(1);
    }
  }

  /** Queues paths to be read, in the order their results will be taken. */
  request(paths: string[]): void {
    this.#port.postMessage(paths);
    Atomics.add(this.#ctrl, Ctrl.posted, 1);
    if (Atomics.load(this.#ctrl, Ctrl.asleep) === 1) Atomics.notify(this.#ctrl, Ctrl.posted);
  }

  /**
   * The next result, in request order. Blocks for it (the thread is microseconds away),
   * looking at the event loop now and then so that a thread that died is noticed.
   */
  next(): ReadResult | Promise<ReadResult> {
    return this.#take() ?? this.#slowly();
  }

  /** Lets the thread reuse the memory of the result last taken. */
  release(): void {
    this.#released = (this.#released + this.#taken) | 0;
    this.#taken = 0;
    Atomics.store(this.#ctrl, Ctrl.released, this.#released);
    const ctrl = this.#ctrl;
    if (Atomics.load(ctrl, Ctrl.asleep) === 2 && ((this.#released - Atomics.load(ctrl, Ctrl.roomAt)) | 0) >= 0) {
      Atomics.notify(ctrl, Ctrl.released);
    }
  }

  /** Stops the thread and waits until it is gone. */
  async close(): Promise<void> {
    this.#closed = true;
    Atomics.store(this.#ctrl, Ctrl.stop, 1);
    Atomics.notify(this.#ctrl, Ctrl.posted);
    Atomics.notify(this.#ctrl, Ctrl.released);
    this.#port.close();
    await this.#worker.terminate();
  }

  #fail(error: Error): void {
    if (!this.#closed) this.#failed ??= error;
  }

  async #slowly(): Promise<ReadResult> {
    for (;;) {
      await turn();
      if (this.#failed) throw new PackThreadError(this.#failed);
      const got = this.#take();
      if (got) return got;
    }
  }

  /** The next record, if the thread publishes it within PATIENCE_MS. */
  #take(): ReadResult | undefined {
    const ctrl = this.#ctrl;
    let written = Atomics.load(ctrl, Ctrl.written);
    if (written === this.#released) this.#misses++;
    for (let spin = 0; written === this.#released && spin < SPINS; spin++) written = Atomics.load(ctrl, Ctrl.written);
    if (written === this.#released) {
      // Woken once the reader has a batch ready, or has run out of paths to read.
      Atomics.store(ctrl, Ctrl.wakeAt, this.#records + WAKE_BATCH);
      written = Atomics.load(ctrl, Ctrl.written);
      if (written === this.#released) Atomics.wait(ctrl, Ctrl.written, written, PATIENCE_MS);
      Atomics.store(ctrl, Ctrl.wakeAt, 0);
      written = Atomics.load(ctrl, Ctrl.written);
      if (written === this.#released) return undefined;
    }
    this.#records++;
    let at = this.#released & (RING - 1);
    let pad = 0;
    if (this.#i32[at >> 2] === Kind.pad) {
      pad = RING - at;
      at = 0;
    }
    const kind = this.#i32[at >> 2];
    const size = this.#i32[(at >> 2) + 1] as number;
    this.#taken = pad + ((HEAD + size + 7) & ~7);
    if (kind === Kind.other) return other;
    if (kind === Kind.fault) return fault;
    const i32 = this.#i32;
    const first = { colon: i32[(at >> 2) + 3] as number, slash: i32[(at >> 2) + 4] as number };
    const us = this.#f64[(at >> 3) + 3] as number;
    return {
      kind: 'file',
      data: Buffer.from(this.#ring, at + HEAD, size),
      mode: i32[(at >> 2) + 2] as number,
      us,
      first,
    };
  }
}
