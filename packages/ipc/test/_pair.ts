// Two ends of a real Unix stream socket, for tests.
import { createConnection, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { tempDir } from '@sys/config/temp-dirs';

let count = 0;

/** A connected pair of Unix sockets in a temp folder; the listening socket is gone once they connect. */
export async function socketPair(): Promise<[Socket, Socket]> {
  const path = join(tempDir('sys-ipc-pair-'), `s${count++}`);
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(path, resolve));
  const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
  const client = createConnection(path);
  await new Promise<void>((resolve) => client.once('connect', resolve));
  const other = await accepted;
  // close() stops listening at once; its callback would wait for both ends to close.
  server.close();
  return [client, other];
}
