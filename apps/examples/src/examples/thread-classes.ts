// A Thread subclass whose run() prints a count under a shared mutex (the chapter's threading.Thread subclass).
import { Lock, Thread } from '@sys/threads';

class MyThread extends Thread {
  constructor(
    readonly myId: number,
    readonly count: number,
    readonly stdoutmutex: Lock,
  ) {
    super();
  }

  // Runs in the new thread, with this instance's fields (the lock arrives shared).
  override run(): void {
    for (let i = 0; i < this.count; i++) {
      this.stdoutmutex.withLock(() => console.log(`[${this.myId}] => ${i}`));
    }
  }
}

const stdoutmutex = new Lock();
const threads = [0, 1, 2].map((i) => new MyThread(i, Number(process.argv[2] ?? 3), stdoutmutex));
for (const thread of threads) thread.start();
for (const thread of threads) await thread.join(); // wait for exit
console.log('Main thread exiting.');
