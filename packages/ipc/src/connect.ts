import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkTimeout } from '@sys/core';
import { authkeyBytes, checkedAddress } from './_address.js';
import { openConnection } from './_open.js';
import { readerSocket } from './_reader.js';
import { unixPath } from './_unix-path.js';
import type { Address } from './address.js';
import type { Connection, ConnectionOptions } from './connection.js';
import { ConnectError, SocketPathTooLongError } from './errors.js';

/** Options of `connect`. */
export interface ConnectOptions extends ConnectionOptions {
  /** The listener's authkey: both sides prove they know it before any message. */
  authkey?: string | Uint8Array;
  /** Give up on a listener that has not finished the handshake by then, in ms. @default 10000 */
  handshakeTimeout?: number;
  /** Most ms to keep trying while a Unix listener's backlog is full (EAGAIN), any length. @default 10000 */
  timeout?: number;
}

/** One attempt: the connected socket, or the error of the attempt. */
function attempt(target: Exclude<Address, string> | string): Promise<Socket> {
  const unix = typeof target === 'string' ? unixPath(target) : null;
  const socket =
    unix !== null
      ? readerSocket({ path: unix.path })
      : readerSocket({
          host: (target as { host?: string }).host ?? '127.0.0.1',
          port: (target as { port: number }).port,
          noDelay: true,
        });
  return new Promise<Socket>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
  }).finally(() => unix?.release());
}

/**
 * Connects to a `Listener` (ours or Python's) at a Unix socket path or `{ host, port }`.
 * A Unix listener whose backlog is full refuses with EAGAIN: that is a busy listener, not a
 * missing one, so the connect tries again (a few ms apart) until `timeout`.
 */
export async function connect(address: Address, options: ConnectOptions = {}): Promise<Connection> {
  const target = checkedAddress(address);
  const authkey = authkeyBytes(options.authkey);
  const timeout = checkTimeout('timeout', options.timeout) ?? 10_000;
  checkTimeout('handshakeTimeout', options.handshakeTimeout);
  const deadline = performance.now() + timeout;
  let socket: Socket | undefined;
  for (let pause = 2; socket === undefined; pause = Math.min(pause * 2, 50)) {
    try {
      socket = await attempt(target);
    } catch (cause) {
      if (cause instanceof SocketPathTooLongError) throw cause;
      const busy = (cause as NodeJS.ErrnoException).code === 'EAGAIN';
      if (!busy || performance.now() + pause > deadline) {
        const where = typeof target === 'string' ? target : `${target.host ?? '127.0.0.1'}:${target.port}`;
        throw new ConnectError(where, { cause });
      }
      await sleep(pause);
    }
  }
  return openConnection(socket, options, authkey, 'client');
}
