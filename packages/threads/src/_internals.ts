import { OptionError } from '@sys/core';

// What the classes of this package share with each other and nobody else: symbol-keyed
// methods (a user cannot name them, so they are no part of the public surface) and the way a
// class is rebuilt on memory that already exists, without a public buffer parameter.

/** Condition's use of its lock: held by this thread? */
export const IS_OWNED: unique symbol = Symbol('isOwned');
/** Release completely, returning what RESTORE needs (an RLock's depth). */
export const SAVE_RELEASE: unique symbol = Symbol('saveRelease');
/** Take the lock back after a condition wait. */
export const RESTORE: unique symbol = Symbol('restore');
/** RESTORE without blocking the event loop. */
export const RESTORE_ASYNC: unique symbol = Symbol('restoreAsync');

/** The lock protocol a Condition needs from Lock and RLock. */
export interface ConditionLock {
  [IS_OWNED](): boolean;
  [SAVE_RELEASE](): number;
  [RESTORE](saved: number): void;
  [RESTORE_ASYNC](saved: number): Promise<void>;
}

let incoming: { buffer: SharedArrayBuffer; byteOffset: number } | undefined;

/** Runs `make()` (a `new X()`) so that X's constructor adopts `buffer` at `byteOffset`. */
export function rebuilding<T>(buffer: SharedArrayBuffer, make: () => T, byteOffset = 0): T {
  if (!(buffer instanceof SharedArrayBuffer))
    throw new OptionError('buffer', 'must be the SharedArrayBuffer of a shared object');
  incoming = { buffer, byteOffset };
  try {
    return make();
  } finally {
    incoming = undefined;
  }
}

/** In a constructor, first thing: the memory to adopt, if `rebuilding` is under way. */
export function adopt(): { buffer: SharedArrayBuffer; byteOffset: number } | undefined {
  const memory = incoming;
  incoming = undefined;
  return memory;
}
