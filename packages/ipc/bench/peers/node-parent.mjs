// One run of one Node transport: sets up a child, says "ready", waits for "go" on stdin,
// then runs the workload (rt: N round trips; ow: N one-way messages and one answer) and
// prints "done <check>". Only the part between "go" and "done" is timed by the bench.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Listener, Pipe } from '@sys/ipc';
import { frame, message, unframer } from './_message.mjs';

const [transport, workload, count] = process.argv.slice(2);
const n = Number(count);
const childModule = fileURLToPath(new URL('./node-child.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sys-ipc-bench-'));
const path = join(dir, 's');

/** Messages arriving through callbacks, handed out in order to whoever awaits next(). */
function inbox() {
  const queue = [];
  let waiting = null;
  return {
    push(m) {
      if (waiting) {
        const w = waiting;
        waiting = null;
        w(m);
      } else queue.push(m);
    },
    next() {
      return queue.length ? Promise.resolve(queue.shift()) : new Promise((r) => (waiting = r));
    },
  };
}

async function setup() {
  const args = [transport, workload, count];
  if (transport.startsWith('fork')) {
    const serialization = transport === 'fork-json' ? 'json' : 'advanced';
    const child = fork(childModule, args, { serialization, stdio: 'inherit' });
    const box = inbox();
    child.on('message', (m) => box.push(m));
    await new Promise((r) => child.once('spawn', r));
    return { send: (m) => child.send(m), next: box.next, end: () => child.disconnect() };
  }
  if (transport.startsWith('unix-hand')) {
    const server = createServer();
    await new Promise((r) => server.listen(path, r));
    fork(childModule, [...args, path], { stdio: 'inherit' });
    const socket = await new Promise((r) => server.once('connection', r));
    server.close();
    const box = inbox();
    socket.on(
      'data',
      unframer((m) => box.push(m)),
    );
    if (transport === 'unix-hand')
      return { send: (m) => socket.write(frame(m)), next: box.next, end: () => socket.end() };
    // Batched: frames gathered and written together once per turn of the event loop.
    let batch = [];
    const flush = () => {
      const out = Buffer.concat(batch);
      batch = [];
      return socket.write(out);
    };
    return {
      send: (m) => {
        batch.push(frame(m));
        if (batch.length === 1) setImmediate(flush);
        if (batch.length >= 512 && !flush()) return new Promise((r) => socket.once('drain', r));
      },
      next: box.next,
      end: () => socket.end(),
    };
  }
  let conn;
  if (transport === 'pipe-ipc') {
    conn = Pipe({ module: childModule, args, execArgv: [] }).connection;
  } else if (transport === 'tcp-ipc') {
    const listener = await Listener.listen({ host: '127.0.0.1', port: 0 });
    fork(childModule, [...args, String(listener.address.port)], { stdio: 'inherit' });
    conn = await listener.accept();
    await listener.close();
  } else {
    const listener = await Listener.listen(path);
    fork(childModule, [...args, path], { stdio: 'inherit' });
    conn = await listener.accept();
    await listener.close();
  }
  return { send: (m) => conn.send(m), next: () => conn.recv(), end: () => conn.close() };
}

const t = await setup();
rmSync(dir, { recursive: true, force: true });
process.stdout.write('ready\n');
const input = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
await input.next();
let check;
if (workload === 'rt') {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    await t.send(message(i));
    sum += (await t.next()).id;
  }
  check = `${n} ${sum}`;
} else {
  for (let i = 0; i < n; i++) {
    const wait = t.send(message(i));
    if (wait) await wait;
  }
  const { seen, sum } = await t.next();
  check = `${seen} ${sum}`;
}
process.stdout.write(`done ${check}\n`);
await t.end();
process.exit(0);
