// Named pipe: run with no mode to read, with -child (in another shell) to write "Spam 000".. (the chapter's pipefifo); args: [-child] [FIFO] [COUNT]
// Python's open() of a fifo blocks until the other side opens it; in Node that would hold
// one of libuv's four pool threads, so openFifo() opens without blocking: the reader at
// once, the writer once a reader is there. The reader ends when the writer closes.
import { setTimeout as sleep } from 'node:timers/promises';
import { lines, mkfifo, openFifo } from '@sys/ipc';

const args = process.argv.slice(2);
const child = args[0] === '-child';
const [fifoname = '/tmp/pipefifo', count = '5'] = child ? args.slice(1) : args;
// Whichever side comes first makes the fifo; the other finds it there.
await mkfifo(fifoname, 0o600).catch((error: { code?: string }) => {
  if (error.code !== 'ERR_SYS_EXISTS') throw error;
});

if (child) {
  // Waits for a reader without blocking anything, then writes COUNT lines.
  const pipeout = await openFifo(fifoname, 'w');
  let zzz = 0;
  for (let i = 0; i < Number(count); i++) {
    await sleep(zzz * 100);
    pipeout.write(`Spam ${String(zzz).padStart(3, '0')}\n`);
    zzz = (zzz + 1) % 5;
  }
  pipeout.end();
} else {
  // Reads lines until the writer closes its end.
  const pipein = await openFifo(fifoname, 'r');
  for await (const line of lines(pipein)) console.log(`Parent ${process.pid} got "${line}" at ${Date.now() / 1000}`);
}
