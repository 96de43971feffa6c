import { unlockContended } from './_futex.js';
import { C, CELLS } from './_queue-layout.js';

// A queue's internal lock must survive the death of a thread that holds it (a terminated
// worker): its owner is recorded in shared memory, and every change made under the lock is
// journaled so that whoever sees the owner dead (the Thread or pool that started it) can put
// the queue back as it was before that change, or as it is after it, and free the lock.
// Values are only ever written to free space, so restoring the control cells undoes a change;
// the one step that rewrites live bytes (a PriorityQueue moving records to keep its order) is
// marked first, and from there on the change is completed instead.
// A thread is ended only where V8 checks for interrupts (function entries, loop back-edges), so
// stores with no call between them, and a single native copy, are never cut in the middle.
const SAVED = [C.COUNT, C.UNFINISHED, C.HEAD, C.TAIL, C.WRAPPED, C.WRAP_AT, C.CAP] as const;
const NONE = 0;
const UNDO = 1;
const REDO = 2;

/** Lock held: saves the control cells before a change. */
export function begin(c: Int32Array): void {
  for (let k = 0; k < SAVED.length; k++) c[C.JOURNAL + k] = c[SAVED[k] as number] as number;
  c[C.OP] = UNDO;
}

/** Lock held, about to rewrite live bytes: from here a recovery completes the put, ending at `tail`. */
export function redo(c: Int32Array, tail: number): void {
  c[C.REDO_TAIL] = tail;
  c[C.OP] = REDO;
}

/** Lock held: the change is complete. */
export function end(c: Int32Array): void {
  c[C.OP] = NONE;
}

/**
 * Called when the thread `threadId` has ended: if it held the queue's lock, the change it was
 * making is undone (or completed) and the lock is freed, waking whoever waits for it.
 */
export function recover(c: Int32Array, threadId: number): boolean {
  if (Atomics.load(c, 0) === 0 || Atomics.load(c, C.OWNER) !== threadId + 1) return false;
  const op = c[C.OP];
  if (op === UNDO) {
    for (let k = 0; k < SAVED.length; k++) c[SAVED[k] as number] = c[C.JOURNAL + k] as number;
  } else if (op === REDO) {
    c[C.TAIL] = c[C.REDO_TAIL] as number;
    c[C.COUNT] = (c[C.JOURNAL] as number) + 1;
    c[C.UNFINISHED] = (c[C.JOURNAL + 1] as number) + 1;
  }
  c[C.OP] = NONE;
  Atomics.store(c, C.OWNER, 0);
  // Sleepers may wait for a wake-up the dead thread would have sent: every one checks again.
  for (const word of [C.NOT_EMPTY, C.NOT_FULL]) {
    Atomics.add(c, word, 1);
    Atomics.notify(c, word);
  }
  return unlockContended(c, 0);
}

/** After the thread `threadId` ended: frees the internal lock of each queue it held (see `recover`). */
export function recoverQueues(buffers: Iterable<SharedArrayBuffer>, threadId: number): void {
  for (const buffer of buffers) recover(new Int32Array(buffer, 0, CELLS), threadId);
}
