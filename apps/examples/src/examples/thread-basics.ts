// Ten threads each print a count, one line at a time under a shared mutex (the chapter's thread-basics).
import { Lock, startThread } from '@sys/threads';

const count = Number(process.argv[2] ?? 5);

// Runs in its own thread: it gets everything it uses as arguments (the lock arrives shared).
function counter(myId: number, count: number, mutex: Lock): void {
  for (let i = 0; i < count; i++) {
    mutex.withLock(() => console.log(`[${myId}] => ${i}`));
  }
}

const mutex = new Lock();
const threads = Array.from({ length: 10 }, (_, i) => startThread(counter, i, count, mutex));
// Instead of the chapter's time.sleep(10): wait for exactly as long as the threads run.
await Promise.all(threads.map((t) => t.join()));
console.log('Main thread exiting.');
