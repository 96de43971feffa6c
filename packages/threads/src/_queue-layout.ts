// The layout of a queue's shared memory: its control cells, then its ring (_ring.ts).
/** The queue's control cells (Int32) at the start of its buffer; the futex lock is cells 0-2. */
export const C = {
  KIND: 3,
  MAXSIZE: 4,
  COUNT: 5,
  UNFINISHED: 6,
  HEAD: 7,
  TAIL: 8, // the top, for the stack kinds
  WRAPPED: 9,
  WRAP_AT: 10,
  CAP: 11,
  SHUT: 12,
  NOT_EMPTY: 13,
  NOT_FULL: 14,
  ALL_DONE: 15,
  GETTERS: 16,
  PUTTERS: 17,
  // Sleepers already signalled but not yet back under the lock: no need to signal them again.
  SIGNALLED_GETTERS: 18,
  SIGNALLED_PUTTERS: 19,
  // The internal lock's holder (threadId + 1) and the journal of its change (_journal.ts).
  OWNER: 20,
  OP: 21,
  JOURNAL: 22, // 7 cells: COUNT, UNFINISHED, HEAD, TAIL, WRAPPED, WRAP_AT, CAP as they were
  REDO_TAIL: 29,
} as const;
export const CELLS = 32;
export const HEADER_BYTES = 128;
export const FIFO = 0;
export const LIFO = 1;
export const PRIORITY = 2;
