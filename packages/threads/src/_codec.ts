import { deserialize, serialize } from 'node:v8';
import { isJsonExact } from '@sys/core';

// Values in a queue are encoded straight into shared memory. Structured-clone semantics are
// kept (what v8.serialize does), but the common cases go a cheaper way: strings as UTF-8,
// numbers as 8 bytes, and JSON-shaped data (plain objects, arrays, strings, finite numbers,
// booleans, null) as JSON text, which encodes and decodes several times faster.
export const TAG_STRING = 1;
export const TAG_NUMBER = 2;
export const TAG_JSON = 3;
export const TAG_V8 = 4;

/** A value ready to be written: a tag and its text, bytes or number. */
export interface Encoded {
  tag: number;
  text?: string;
  bytes?: Uint8Array;
  number?: number;
}

/** Chooses the cheapest encoding that gives back an equal value. */
export function encode(value: unknown): Encoded {
  // UTF-8 has no form for a lone surrogate ('a\ud800b'): such a string goes the exact way.
  if (typeof value === 'string')
    return (value as unknown as { isWellFormed(): boolean }).isWellFormed()
      ? { tag: TAG_STRING, text: value }
      : { tag: TAG_V8, bytes: serialize(value) };
  if (typeof value === 'number') return { tag: TAG_NUMBER, number: value };
  if (isJsonExact(value)) return { tag: TAG_JSON, text: JSON.stringify(value) };
  return { tag: TAG_V8, bytes: serialize(value) };
}

/** Bytes the encoded value may take at most (UTF-8 needs up to 3 bytes per UTF-16 unit). */
export function bound(e: Encoded): number {
  if (e.text !== undefined) return e.text.length * 3;
  return e.bytes ? e.bytes.length : 8;
}

/** The exact byte length (costs a pass over long text). */
export function exactLength(e: Encoded): number {
  if (e.text !== undefined) return Buffer.byteLength(e.text, 'utf8');
  return e.bytes ? e.bytes.length : 8;
}

const encoder = new TextEncoder();

/** Writes the value into `ring` at `at`, within `room` bytes; the bytes written, or -1 if it did not fit. */
export function writeInto(e: Encoded, ring: Uint8Array, view: DataView, at: number, room: number): number {
  if (e.text !== undefined) {
    const { read, written } = encoder.encodeInto(e.text, ring.subarray(at, at + room));
    return read === e.text.length ? written : -1;
  }
  if (e.bytes) {
    if (e.bytes.length > room) return -1;
    ring.set(e.bytes, at);
    return e.bytes.length;
  }
  if (room < 8) return -1;
  view.setFloat64(at, e.number as number, true);
  return 8;
}

/** Copies a value's bytes out of `ring[start, start + length)` (done under the queue's lock). */
export function take(tag: number, ring: Buffer, view: DataView, start: number, length: number): Encoded {
  switch (tag) {
    case TAG_STRING:
    case TAG_JSON:
      return { tag, text: ring.toString('utf8', start, start + length) };
    case TAG_NUMBER:
      return { tag, number: view.getFloat64(start, true) };
    default:
      return { tag, bytes: Buffer.from(ring.subarray(start, start + length)) };
  }
}

/** Turns what `take` copied back into the value (done after the lock is released). */
export function finish(e: Encoded): unknown {
  if (e.tag === TAG_STRING) return e.text;
  if (e.tag === TAG_NUMBER) return e.number;
  if (e.tag === TAG_JSON) return JSON.parse(e.text as string);
  return deserialize(e.bytes as Uint8Array);
}
