import { OptionError } from '@sys/core';

// A PriorityQueue compares items as Python compares them: numbers by value, strings by their
// UTF-16 code units, arrays element by element (a shorter array first when it is a prefix of a
// longer one). The key of an item is written as bytes that sort the same way byte by byte, so
// the queue's shared memory can be kept in order without decoding anything.
// Kinds of different types order as number < string < array (Python would refuse to compare).
// Inside an array, comparing stops at the first element that is none of these (the data of a
// `[priority, data]` pair): items equal up to there come out in the order they were put.
const END = 0;
const NUMBER = 1;
const STRING = 2;
const ARRAY = 3;
const UNIT = 1; // marks one more code unit of a string: sorts above END, so a prefix comes first
const MAX_DEPTH = 32;

/** The sort key of a PriorityQueue item, as bytes ordered as the items are. */
export function priorityKey(item: unknown): Uint8Array {
  const out: number[] = [];
  write(item, out, 0);
  return Uint8Array.from(out);
}

function write(value: unknown, out: number[], depth: number): void {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) throw refuse('NaN cannot be ordered');
    out.push(NUMBER);
    const bytes = new Uint8Array(new Float64Array([value === 0 ? 0 : value]).buffer).reverse(); // big-endian
    // Negative numbers: flip every bit (larger magnitude sorts first); positive: flip the sign bit.
    const negative = (bytes[0] as number) & 0x80;
    for (const b of bytes) out.push(negative ? ~b & 0xff : b);
    if (!negative) out[out.length - 8] = (out[out.length - 8] as number) | 0x80;
    return;
  }
  if (typeof value === 'string') {
    out.push(STRING);
    for (let i = 0; i < value.length; i++) {
      const unit = value.charCodeAt(i);
      out.push(UNIT, unit >> 8, unit & 0xff);
    }
    out.push(END);
    return;
  }
  if (Array.isArray(value) && depth < MAX_DEPTH) {
    out.push(ARRAY);
    for (const element of value) {
      if (!orderable(element)) break;
      write(element, out, depth + 1);
    }
    out.push(END);
    return;
  }
  throw refuse(`cannot order ${Array.isArray(value) ? 'arrays nested this deep' : typeof value}`);
}

function orderable(value: unknown): boolean {
  return (typeof value === 'number' && !Number.isNaN(value)) || typeof value === 'string' || Array.isArray(value);
}

function refuse(why: string): OptionError {
  return new OptionError(
    'item',
    `a PriorityQueue item is a number, a string or an array of them (compared element by element): ${why}`,
  );
}
