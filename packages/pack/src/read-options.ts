// What reading a pack (list, unpack) takes and tells: the input, the limits on a hostile
// pack, the formats it knows. Public types, here so the private files that use them are private.
import type { Readable } from 'node:stream';

/** What `unpack` and `list` read: a stream, any async iterable of bytes, or the path of a pack file. */
export type PackInput = Readable | AsyncIterable<Buffer | string> | string;

/** Limits that keep a hostile pack from exhausting the machine. */
export interface Limits {
  /** Most parts (names between slashes) an entry's path may have. @default 256 */
  maxParts?: number;
  /** Longest entry path, in characters. @default 4096 */
  maxPathLength?: number;
}

/** The formats `unpack` reads. */
export type Format = 'sys-pack' | 'pack1' | 'more';
