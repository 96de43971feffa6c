import { createConnection, type Socket } from 'node:net';
import { authkeyBytes, checkedAddress } from './_address.js';
import { openConnection } from './_open.js';
import type { Address } from './address.js';
import type { Connection, ConnectionOptions } from './connection.js';
import { ConnectError } from './errors.js';

/** Options of `connect`. */
export interface ConnectOptions extends ConnectionOptions {
  /** The listener's authkey: both sides prove they know it before any message. */
  authkey?: string | Uint8Array;
  /** Give up on a listener that has not finished the handshake by then, in ms. @default 10000 */
  handshakeTimeout?: number;
}

/** Connects to a `Listener` (ours or Python's) at a Unix socket path or `{ host, port }`. */
export async function connect(address: Address, options: ConnectOptions = {}): Promise<Connection> {
  const target = checkedAddress(address);
  const authkey = authkeyBytes(options.authkey);
  const socket: Socket =
    typeof target === 'string'
      ? createConnection({ path: target })
      : createConnection({ host: target.host ?? '127.0.0.1', port: target.port, noDelay: true });
  await new Promise<void>((resolve, reject) => {
    const failed = (cause: Error) => {
      const where = typeof target === 'string' ? target : `${target.host ?? '127.0.0.1'}:${target.port}`;
      reject(new ConnectError(where, { cause }));
    };
    socket.once('error', failed);
    socket.once('connect', () => {
      socket.off('error', failed);
      resolve();
    });
  });
  return openConnection(socket, options, authkey, 'client');
}
