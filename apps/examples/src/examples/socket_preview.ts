// Sockets: a server and five clients in one program, each client sending its name and printing the reply (the chapter's socket_preview); args: [PORT]
// Python uses five threads; here the server and the clients are async functions in one
// event loop. Messages are framed (sendBytes/recvBytes), where Python's recv(1024) reads
// whatever bytes have arrived. Also a module: socket-preview-progs imports server and client.
import { pathToFileURL } from 'node:url';
import { type Address, connect, Listener } from '@sys/ipc';

/** The chapter's port: both sides must agree on it. */
export const PORT = 50008;

/** Serves clients: each sends one message and gets `server got: [message]` back. Stops after `limit` clients. */
export async function server(listener: Listener, limit = Number.POSITIVE_INFINITY): Promise<void> {
  for (let served = 0; served < limit; served++) {
    const conn = await listener.accept();
    const data = await conn.recvBytes();
    await conn.sendBytes(Buffer.from(`server got: [${data}]`));
    await conn.close();
  }
}

/** Connects, sends `name`, prints the reply. */
export async function client(address: Address, name: string): Promise<void> {
  const conn = await connect(address);
  await conn.sendBytes(Buffer.from(name));
  const reply = await conn.recvBytes();
  await conn.close();
  console.log(`client got: [${reply}]`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const listener = await Listener.listen({ host: '127.0.0.1', port: Number(process.argv[2] ?? PORT) });
  const serving = server(listener, 5);
  // Five clients at once, as the chapter's five threads.
  await Promise.all([0, 1, 2, 3, 4].map((i) => client(listener.address, `client${i}`)));
  await serving;
  await listener.close();
}
