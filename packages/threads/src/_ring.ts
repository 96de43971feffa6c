import { bound, type Encoded, exactLength, take, writeInto } from './_codec.js';
import { redo } from './_journal.js';
import { C, FIFO, HEADER_BYTES, PRIORITY } from './_queue-layout.js';
import { ValueTooLargeError } from './errors.js';

// Reserve the text's worst case (3 bytes per UTF-16 unit) only while it is small; measure big text.
const MEASURE_ABOVE = 64 * 1024;
const TRAILER = 16; // stack records end with [key bytes, padded][u32 key length][u32 0][u32 length][u32 tag]
const NO_KEY = new Uint8Array(0);

const pad8 = (n: number) => (n + 7) & ~7;

/**
 * The bytes of a queue, after its header: a ring of [u32 length][u32 tag][payload] records
 * (FIFO), or a stack of [payload][key][trailer] records kept sorted by key (LIFO: no key, always
 * on top; priority: the key bytes of _priority-key.ts, compared byte by byte). Grows the buffer, up to its maxByteLength, when a value does not fit.
 * The caller holds the queue's lock around every call.
 */
export class Ring {
  readonly #buffer: SharedArrayBuffer;
  readonly #c: Int32Array;
  #bytes!: Buffer;
  #view!: DataView;

  constructor(buffer: SharedArrayBuffer, cells: Int32Array) {
    this.#buffer = buffer;
    this.#c = cells;
    this.#refresh();
  }

  // Another thread may have grown the buffer; views made before do not see the new bytes.
  #refresh(): void {
    if (this.#bytes !== undefined && this.#bytes.length + HEADER_BYTES === this.#buffer.byteLength) return;
    this.#bytes = Buffer.from(this.#buffer, HEADER_BYTES);
    this.#view = new DataView(this.#buffer, HEADER_BYTES);
  }

  /** Stores a value; false when it does not fit even at the largest size allowed. */
  push(e: Encoded, key: Uint8Array = NO_KEY): boolean {
    this.#refresh();
    const upper = bound(e);
    const length = upper > MEASURE_ABOVE ? exactLength(e) : upper;
    return this.#c[C.KIND] === FIFO ? this.#pushFifo(e, length) : this.#pushStack(e, length, key);
  }

  #pushFifo(e: Encoded, length: number): boolean {
    const c = this.#c;
    const size = 8 + pad8(length);
    const at = this.#fifoRoom(size);
    if (at < 0) return false;
    const written = writeInto(e, this.#bytes, this.#view, at + 8, size - 8);
    this.#view.setUint32(at, written, true);
    this.#view.setUint32(at + 4, e.tag, true);
    let tail = at + 8 + pad8(written);
    if (tail === c[C.CAP]) {
      c[C.WRAPPED] = 1;
      c[C.WRAP_AT] = tail;
      tail = 0;
    }
    c[C.TAIL] = tail;
    return true;
  }

  #fifoRoom(size: number): number {
    const c = this.#c;
    if (c[C.COUNT] === 0) {
      c[C.HEAD] = c[C.TAIL] = c[C.WRAPPED] = 0;
    }
    for (;;) {
      const head = c[C.HEAD] as number;
      const tail = c[C.TAIL] as number;
      if (c[C.WRAPPED] === 0) {
        if ((c[C.CAP] as number) - tail >= size) return tail;
        if (head >= size) {
          // The end is too short: the records go on from the start, as a ring does.
          c[C.WRAPPED] = 1;
          c[C.WRAP_AT] = tail;
          c[C.TAIL] = 0;
          return 0;
        }
      } else if (head - tail >= size) return tail;
      if (!this.#grow(size)) return -1;
    }
  }

  #pushStack(e: Encoded, length: number, key: Uint8Array): boolean {
    const c = this.#c;
    const size = pad8(length) + pad8(key.length) + TRAILER;
    while ((c[C.CAP] as number) - (c[C.TAIL] as number) < size) if (!this.#grow(size)) return false;
    const top = c[C.TAIL] as number;
    const written = writeInto(e, this.#bytes, this.#view, top, size - TRAILER - pad8(key.length));
    const end = top + pad8(written) + pad8(key.length) + TRAILER;
    this.#bytes.set(key, end - TRAILER - pad8(key.length));
    this.#view.setUint32(end - 16, key.length, true);
    this.#view.setUint32(end - 12, 0, true);
    this.#view.setUint32(end - 8, written, true);
    this.#view.setUint32(end - 4, e.tag, true);
    if (c[C.KIND] === PRIORITY) this.#sink(top, end, key);
    c[C.TAIL] = end;
    return true;
  }

  /** The size of the stack record that ends at `end`, and where its key's bytes are. */
  #record(end: number): { size: number; key: Buffer } {
    const keyLength = this.#view.getUint32(end - 16, true);
    const keyAt = end - TRAILER - pad8(keyLength);
    const size = pad8(this.#view.getUint32(end - 8, true)) + pad8(keyLength) + TRAILER;
    return { size, key: this.#bytes.subarray(keyAt, keyAt + keyLength) };
  }

  /** Moves the record at [top, end) below every record that must come out before it. */
  #sink(top: number, end: number, key: Uint8Array): void {
    let at = top;
    for (;;) {
      if (at === 0) break;
      const below = this.#record(at);
      if (Buffer.compare(below.key, key) > 0) break;
      at -= below.size;
    }
    if (at === top) return;
    // The new order of [at, end) is built aside, then written in one copy: the only step that
    // rewrites live records, so a thread ended here leaves either the old order or the new one.
    const staged = Buffer.allocUnsafe(end - at);
    this.#bytes.copy(staged, 0, top, end);
    this.#bytes.copy(staged, end - top, at, top);
    redo(this.#c, end);
    this.#bytes.set(staged, at);
  }

  /** Removes the next value and returns a copy of its bytes (the caller checked that there is one). */
  pop(): Encoded {
    this.#refresh();
    const c = this.#c;
    const view = this.#view;
    if (c[C.KIND] !== FIFO) {
      const top = c[C.TAIL] as number;
      const length = view.getUint32(top - 8, true);
      const start = top - this.#record(top).size;
      c[C.TAIL] = start;
      return take(view.getUint32(top - 4, true), this.#bytes, view, start, length);
    }
    const head = c[C.HEAD] as number;
    const length = view.getUint32(head, true);
    const value = take(view.getUint32(head + 4, true), this.#bytes, view, head + 8, length);
    let next = head + 8 + pad8(length);
    if (c[C.WRAPPED] === 1 && next === c[C.WRAP_AT]) {
      c[C.WRAPPED] = 0;
      next = 0;
    }
    c[C.HEAD] = next;
    return value;
  }

  /** Forgets every record. */
  clear(): void {
    const c = this.#c;
    c[C.HEAD] = c[C.TAIL] = c[C.WRAPPED] = 0;
  }

  #grow(size: number): boolean {
    const c = this.#c;
    const cap = c[C.CAP] as number;
    const most = this.#buffer.maxByteLength - HEADER_BYTES;
    if (size > most) throw new ValueTooLargeError(size, most);
    if (cap >= most) return false;
    const wanted = Math.max(cap * 2, cap + size * 2);
    const next = Math.min(most, wanted) & ~7;
    // A change undone after the buffer grew leaves it larger than CAP says: it never shrinks.
    if (HEADER_BYTES + next > this.#buffer.byteLength) this.#buffer.grow(HEADER_BYTES + next);
    this.#refresh();
    if (c[C.KIND] === FIFO && c[C.WRAPPED] === 1) this.#unwrap(next);
    c[C.CAP] = next;
    return true;
  }

  /**
   * Lays a wrapped ring out in order, the lower part moved after the upper one, so the new space
   * follows its end. The lower part goes to free space (the bytes after WRAP_AT): no live byte is
   * overwritten, so the change can be undone.
   */
  #unwrap(cap: number): void {
    const c = this.#c;
    const head = c[C.HEAD] as number;
    const upperEnd = c[C.WRAP_AT] as number;
    const tail = c[C.TAIL] as number;
    if (upperEnd + tail <= cap) {
      this.#bytes.copy(this.#bytes, upperEnd, 0, tail);
      c[C.TAIL] = upperEnd + tail;
      c[C.WRAPPED] = 0;
      return;
    }
    // Only near maxBytes is there too little room: rotated in place, which a thread ended in
    // the middle of it could leave torn.
    const lower = Buffer.from(this.#bytes.subarray(0, tail));
    this.#bytes.copyWithin(0, head, upperEnd);
    lower.copy(this.#bytes, upperEnd - head);
    c[C.HEAD] = 0;
    c[C.TAIL] = upperEnd - head + lower.length;
    c[C.WRAPPED] = 0;
  }
}
