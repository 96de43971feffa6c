import type { Socket } from 'node:net';
import { checkTimeout, startTimer } from '@sys/core';
import { answerChallenge, deliverChallenge, HANDSHAKE_LIMIT } from './_handshake.js';
import { Connection, type ConnectionOptions, DEFAULT_MAX_FRAME_SIZE } from './connection.js';
import { AuthenticationError } from './errors.js';

/**
 * A Connection on a connected socket, after the authkey handshake when there is a key: the
 * client answers first and then challenges, the listener the other way round, as Python's
 * Client() and Listener.accept() do. Until the peer is proven, frames are bounded to
 * the handshake's size. A failed or timed-out handshake closes the socket and throws
 * AuthenticationError.
 */
export async function openConnection(
  socket: Socket,
  options: ConnectionOptions & { handshakeTimeout?: number },
  authkey: Buffer | null | undefined,
  side: 'client' | 'listener',
): Promise<Connection> {
  const timeout = checkTimeout('handshakeTimeout', options.handshakeTimeout) ?? 10_000;
  const max = options.maxFrameSize ?? DEFAULT_MAX_FRAME_SIZE;
  const conn = new Connection(socket, { ...options, maxFrameSize: authkey ? HANDSHAKE_LIMIT : max });
  if (!authkey) return conn;
  let timedOut = false;
  const timer = startTimer(timeout, () => {
    timedOut = true;
    socket.destroy();
  });
  try {
    if (side === 'client') {
      await answerChallenge(conn, authkey);
      await deliverChallenge(conn, authkey);
    } else {
      await deliverChallenge(conn, authkey);
      // The client has proven its key. Its first message may follow its last handshake
      // message in the same read, and is decoded with it: the handshake's bound must not
      // apply to it (a 1,000-byte first message was refused as over 256 bytes).
      conn.maxFrameSize = max;
      await answerChallenge(conn, authkey);
    }
  } catch (cause) {
    await conn.close();
    const peer = side === 'client' ? 'listener' : 'client';
    if (timedOut) throw new AuthenticationError(`${peer} did not finish the handshake within ${timeout} ms`, { cause });
    throw cause instanceof AuthenticationError
      ? cause
      : new AuthenticationError(`handshake failed: ${(cause as Error).message}`, { cause });
  } finally {
    timer.clear();
  }
  conn.maxFrameSize = max;
  return conn;
}
