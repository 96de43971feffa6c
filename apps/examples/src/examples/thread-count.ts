// The counter race: threads add to one shared count; without a lock the total comes out short, with one it is exact.
import { Barrier, Lock, Thread } from '@sys/threads';

const THREADS = 4;
const TIMES = Number(process.argv[2] ?? 100_000);

type Adder = (count: Int32Array, times: number, start: Barrier, lock?: Lock) => void;

// count[0] = count[0] + 1 is a read then a write: another thread may write in between, and
// its update is lost (Python's count = count + 1 has the same gap between bytecodes).
const unlocked: Adder = (count, times, start) => {
  start.wait(); // all start together, so the threads really overlap
  for (let i = 0; i < times; i++) count[0] = (count[0] as number) + 1;
};

const locked: Adder = (count, times, start, lock) => {
  start.wait();
  for (let i = 0; i < times; i++) {
    lock?.acquire();
    count[0] = (count[0] as number) + 1;
    lock?.release();
  }
};

// The chapter's `with lock:`: withLock releases the lock however the function ends.
const scoped: Adder = (count, times, start, lock) => {
  start.wait();
  for (let i = 0; i < times; i++) lock?.withLock(() => (count[0] = (count[0] as number) + 1));
};

async function total(adder: Adder): Promise<number> {
  const count = new Int32Array(new SharedArrayBuffer(4));
  const start = new Barrier(THREADS);
  const lock = new Lock();
  const threads = Array.from({ length: THREADS }, () =>
    new Thread({ target: adder, args: [count, TIMES, start, lock] }).start(),
  );
  await Promise.all(threads.map((t) => t.join()));
  return count[0] as number;
}

console.log(`${THREADS} threads add 1 to a shared count ${TIMES} times each; expected ${THREADS * TIMES}`);
console.log(`without a lock:   ${await total(unlocked)}`);
console.log(`with a lock:      ${await total(locked)}`);
console.log(`with withLock():  ${await total(scoped)}`);
