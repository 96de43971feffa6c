// Atomics.waitAsync holds no handle on the event loop: a program whose only pending work is an
// async wait would exit in the middle of it (code 13 under top-level await, 0 in `async main()`).
// While any async wait of this thread is pending, one ref'd handle keeps the loop alive, as a
// timer would. One handle for all waits: ref() and unref() cost far less than a timer each.
let waits = 0;
let handle: NodeJS.Timeout | undefined;

/** Counts an async wait in; the process stays alive until it is counted out. */
export function holdLoop(): void {
  if (waits++ > 0) return;
  // Never fires: a handle to ref, not a timer for anybody's timeout.
  handle ??= setInterval(() => {}, 2 ** 31 - 1);
  handle.ref();
}

/** Counts an async wait out. */
export function releaseLoop(): void {
  if (--waits === 0) handle?.unref();
}
