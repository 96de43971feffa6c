// The payload of a value frame. Measured (bench/codec.bench.ts): JSON text is about three
// times faster than v8.serialize for small objects, so values JSON carries exactly go as
// JSON; the rest (Map, Set, Date, BigInt, typed arrays, undefined, NaN, -0, cycles...) go as
// v8.serialize, whose output always starts with 0xFF, a byte JSON text never starts with.
// A frame of JSON text from any peer (Python's json.dumps(...).encode()) decodes too.
import { deserialize, serialize } from 'node:v8';
import { isJsonExact } from '@sys/core';
import { FrameError } from './errors.js';

const V8_TAG = 0xff;

/** The encoded value: JSON text (a string, written straight into the frame) or v8 bytes. */
export function encodeValue(value: unknown): string | Buffer {
  if (isJsonExact(value)) return JSON.stringify(value);
  return serialize(value);
}

/** The value held in a payload written by `encodeValue` (or JSON text from any peer). */
export function decodeValue(payload: Buffer): unknown {
  try {
    if (payload.length > 0 && payload[0] === V8_TAG) return deserialize(payload);
    return JSON.parse(payload.toString('utf8'));
  } catch (cause) {
    throw new FrameError(`frame of ${payload.length} bytes is neither JSON nor a v8-serialized value`, { cause });
  }
}
