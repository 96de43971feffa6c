// Sockets we create ourselves are read with net's `onread` option: the kernel's bytes land
// in one buffer that is reused for every read, and reach the Connection by a plain call,
// with no Buffer made per read and no stream chunk, 'data' event or readable-state work.
// (Sockets made by others, such as a listener's accepted ones, are read as streams.)
import { createConnection, type NetConnectOpts, type OnReadOpts, Socket, type SocketConstructorOpts } from 'node:net';

/** Size of the reused read buffer: one read takes at most this much. */
const READ_BUFFER = 64 * 1024;

/** Where a socket made by `readerSocket` puts what it reads; Connection looks for it. */
export const READER: unique symbol = Symbol('@sys/ipc reader');

/**
 * What the socket reads goes to `sink`, as a view of the reused buffer valid only during
 * the call. Until a Connection sets the sink, reads are kept as copies.
 */
export interface Reader {
  sink: ((bytes: Buffer) => void) | null;
  early: Buffer[];
}

/** A connected socket read through `onread`; its Reader is at `socket[READER]`. */
export function readerSocket(options: NetConnectOpts): Socket {
  return withReader((onread) => createConnection({ ...options, onread }));
}

/**
 * A socket on a descriptor we were given (a Pipe's fd 3), read through `onread`. Node's
 * Socket constructor takes `onread` as `connect()` does, though Node's types list it only there.
 */
export function readerSocketOnFd(options: SocketConstructorOpts & { fd: number }): Socket {
  return withReader((onread) => new Socket({ ...options, onread } as SocketConstructorOpts));
}

function withReader(create: (onread: OnReadOpts) => Socket): Socket {
  const reader: Reader = { sink: null, early: [] };
  const socket = create({
    buffer: Buffer.allocUnsafe(READ_BUFFER),
    callback: (bytes: number, buffer: Uint8Array): boolean => {
      const view = Buffer.from(buffer.buffer, buffer.byteOffset, bytes);
      if (reader.sink) reader.sink(view);
      else reader.early.push(Buffer.from(view));
      return true;
    },
  });
  (socket as Socket & { [READER]?: Reader })[READER] = reader;
  return socket;
}

/** The Reader of a socket made by `readerSocket`, or null for any other stream. */
export function readerOf(stream: object): Reader | null {
  return (stream as { [READER]?: Reader })[READER] ?? null;
}
