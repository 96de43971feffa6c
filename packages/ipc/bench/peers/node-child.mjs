// The child of the Node transports: echoes every message (rt) or counts them and answers once (ow).
import { createConnection } from 'node:net';
import { connect, parentConnection } from '@sys/ipc';
import { frame, unframer } from './_message.mjs';

const [transport, workload, count, address] = process.argv.slice(2);
const n = Number(count);
let seen = 0;
let sum = 0;

/** What the child does with message `m`: the reply to send, or undefined. */
function handle(m) {
  if (workload === 'rt') return m;
  seen++;
  sum += m.id;
  return seen === n ? { seen, sum } : undefined;
}

if (transport.startsWith('fork')) {
  process.on('message', (m) => {
    const reply = handle(m);
    if (reply !== undefined) process.send(reply);
  });
  process.on('disconnect', () => process.exit(0));
} else if (transport.startsWith('unix-hand')) {
  const socket = createConnection(address);
  socket.on(
    'data',
    unframer((m) => {
      const reply = handle(m);
      if (reply !== undefined) socket.write(frame(reply));
    }),
  );
  socket.on('end', () => process.exit(0));
} else {
  let conn;
  if (transport === 'pipe-ipc') conn = parentConnection();
  else if (transport === 'tcp-ipc') conn = await connect({ host: '127.0.0.1', port: Number(address) });
  else conn = await connect(address);
  for await (const m of conn) {
    const reply = handle(m);
    if (reply !== undefined) await conn.send(reply);
  }
  await conn.close();
}
