// Four ways to code a thread: a subclass with state, a target function, a target with args, startThread (the chapter's options).
import { startThread, Thread } from '@sys/threads';

function action(i: number): void {
  console.log(i ** 32);
}

// subclass with state: run() is the thread's work
class MyThread extends Thread {
  constructor(readonly i: number) {
    super();
  }
  override run(): void {
    console.log(this.i ** 32);
  }
}

const threads = [
  new MyThread(2).start(), // start invokes run()
  // pass the action in; a target travels as source, so it names only what it is given
  new Thread({ target: () => console.log(2 ** 32) }).start(),
  new Thread({ target: action, args: [2] }).start(), // callable plus its args
  startThread(action, 2), // the all-function interface (start_new_thread)
];
await Promise.all(threads.map((t) => t.join()));
