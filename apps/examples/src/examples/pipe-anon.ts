// Anonymous pipe: a child writes "Spam 000".. to its parent on an extra descriptor (the chapter's pipe1); args: [COUNT]
// Node has no fork(): the child is this file started again with --child, and the pipe is
// an extra stdio entry ('pipe' at fd 3) instead of os.pipe() before the fork. A pipe is a
// byte stream, so the parent reads lines, not the child's write() calls.
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { lines, openPipe } from '@sys/ipc';

const [first = '5', second] = process.argv.slice(2);
if (first === '--child') {
  // The child: writes COUNT messages to fd 3, sleeping 0, 1, 2, 3, 4 tenths of a second between them.
  const pipeout = openPipe(3);
  let zzz = 0;
  for (let i = 0; i < Number(second); i++) {
    await sleep(zzz * 100);
    pipeout.write(`Spam ${String(zzz).padStart(3, '0')}\n`);
    zzz = (zzz + 1) % 5;
  }
  pipeout.end();
} else {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', first], {
    stdio: ['ignore', 'inherit', 'inherit', 'pipe'],
  });
  // The pipe is a byte stream: lines restore the child's messages, however the bytes arrive.
  for await (const line of lines(child.stdio[3] as Readable)) {
    console.log(`Parent ${process.pid} got [${line}] at ${Date.now() / 1000}`);
  }
}
