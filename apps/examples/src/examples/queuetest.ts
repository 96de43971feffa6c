// Producer and consumer threads communicating through a shared queue (the chapter's queuetest).
import { Lock, Queue, Thread } from '@sys/threads';

const numconsumers = 2; // how many consumers to start
const numproducers = 4; // how many producers to start
const nummessages = 4; // messages per producer to put
const unit = Number(process.argv[2] ?? 100); // the chapter's second, in milliseconds

// Threads get everything they use as arguments, so each defines its own sleep.
function producer(idnum: number, dataQueue: Queue<string>, nummessages: number, unit: number): void {
  const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  for (let msgnum = 0; msgnum < nummessages; msgnum++) {
    sleep(idnum * unit);
    dataQueue.put(`[producer id=${idnum}, count=${msgnum}]`);
  }
}

function consumer(idnum: number, dataQueue: Queue<string>, safeprint: Lock, unit: number): void {
  const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  for (;;) {
    sleep(unit / 10);
    let data: string;
    try {
      data = dataQueue.get({ block: false });
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_SYS_QUEUE_SHUTDOWN') return; // no more to come
      continue; // Empty: look again later
    }
    safeprint.withLock(() => console.log('consumer', idnum, 'got =>', data));
    dataQueue.taskDone();
  }
}

const safeprint = new Lock(); // else prints may overlap
const dataQueue = new Queue<string>(); // shared, infinite size
const consumers = Array.from({ length: numconsumers }, (_, i) =>
  new Thread({ target: consumer, args: [i, dataQueue, safeprint, unit] }).start(),
);
const producers = Array.from({ length: numproducers }, (_, i) =>
  new Thread({ target: producer, args: [i, dataQueue, nummessages, unit] }).start(),
);
// Where the chapter sleeps long enough, wait for exactly what is needed: every message put and taken.
await Promise.all(producers.map((t) => t.join()));
await dataQueue.joinAsync();
dataQueue.shutdown(); // the consumers' next get() says ShutDown and they return
await Promise.all(consumers.map((t) => t.join()));
console.log('Main thread exit.');
