import { createConnection, type Socket } from 'node:net';
import { type Address, authkeyBytes, checkedAddress } from './_address.js';
import { answerChallenge, deliverChallenge, HANDSHAKE_LIMIT } from './_handshake.js';
import { Connection, type ConnectionOptions, DEFAULT_MAX_FRAME_SIZE } from './connection.js';
import { AuthenticationError, ConnectError } from './errors.js';

/** Options of `connect`. */
export interface ConnectOptions extends ConnectionOptions {
  /** The listener's authkey: both sides prove they know it before any message. */
  authkey?: string | Uint8Array;
  /** Give up on a listener that has not finished the handshake by then. @default 10000 */
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
  const max = options.maxFrameSize ?? DEFAULT_MAX_FRAME_SIZE;
  const conn = new Connection(socket, { ...options, maxFrameSize: authkey ? HANDSHAKE_LIMIT : max });
  if (!authkey) return conn;
  const timeout = options.handshakeTimeout ?? 10_000;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    socket.destroy();
  }, timeout);
  try {
    // Python's Client() answers first, then challenges.
    await answerChallenge(conn, authkey);
    await deliverChallenge(conn, authkey);
  } catch (cause) {
    await conn.close();
    if (timedOut)
      throw new AuthenticationError(`listener did not finish the handshake within ${timeout} ms`, { cause });
    throw cause instanceof AuthenticationError
      ? cause
      : new AuthenticationError(`handshake failed: ${(cause as Error).message}`, { cause });
  } finally {
    clearTimeout(timer);
  }
  conn.maxFrameSize = max;
  return conn;
}
