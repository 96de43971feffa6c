// The payload of a value frame. Measured (bench/codec.bench.ts): JSON text is about three
// times faster than v8.serialize for small objects, so values JSON carries exactly go as
// JSON; the rest (Map, Set, Date, BigInt, typed arrays, undefined, NaN, -0, cycles...) go as
// v8.serialize, whose output always starts with 0xFF, a byte JSON text never starts with.
// A frame of JSON text from any peer (Python's json.dumps(...).encode()) decodes too.
import { deserialize, serialize } from 'node:v8';
import { FrameError } from './errors.js';

const V8_TAG = 0xff;
/** Deeper than this, JSON.stringify's recursion is not worth the risk: v8 takes it. */
const MAX_DEPTH = 100;

/** True when JSON.parse(JSON.stringify(value)) gives back an equal value. */
export function jsonExact(value: unknown, depth = 0): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (depth >= MAX_DEPTH) return false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          if (!(i in value) || !jsonExact(value[i], depth + 1)) return false;
        }
        return Object.getPrototypeOf(value) === Array.prototype;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      for (const key in value) {
        if (!jsonExact((value as Record<string, unknown>)[key], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** The encoded value: JSON text (a string, written straight into the frame) or v8 bytes. */
export function encodeValue(value: unknown): string | Buffer {
  if (jsonExact(value)) return JSON.stringify(value);
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
