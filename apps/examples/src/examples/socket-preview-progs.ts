// Sockets between programs: mode 1 serves, mode 2 is one client process, mode 3 runs five clients (the chapter's socket-preview-progs); args: MODE [PORT] [CLIENTS]
// The chapter's three modes, one program each: 1 serves (for ever, or CLIENTS clients),
// 2 is a client process, 3 runs five clients (async, not threads). Run mode 1 in one shell
// and 2 or 3 in another, with the same PORT (default 50008).
import { Listener } from '@sys/ipc';
import { client, PORT, server } from './socket_preview.js';

const [mode = '', port = String(PORT), clients] = process.argv.slice(2);
const address = { host: '127.0.0.1', port: Number(port) };
if (mode === '1') {
  // Serve until killed, or until CLIENTS clients were served.
  const listener = await Listener.listen(address);
  console.log(`serving on port ${(listener.address as { port: number }).port}`);
  await server(listener, clients === undefined ? Number.POSITIVE_INFINITY : Number(clients));
  await listener.close();
} else if (mode === '2') {
  await client(address, `client:process=${process.pid}`);
} else if (mode === '3') {
  await Promise.all([0, 1, 2, 3, 4].map((i) => client(address, `client:thread=${i}`)));
} else {
  console.error('usage: socket-preview-progs 1|2|3 [PORT] [CLIENTS]');
  process.exitCode = 2;
}
