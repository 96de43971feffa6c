// Python's queue.Empty and queue.Full, and unknown signals: one class each for every @sys package.
export { Empty, Full, UnknownSignalError } from '@sys/core';

import { registerErrorClass, StateError, SysError } from '@sys/core';

/** A frame whose announced length is over the connection's `maxFrameSize`; nothing was allocated for it. */
export class FrameTooLargeError extends SysError {
  constructor(
    /** The length the peer announced, in bytes. */
    readonly size: bigint | number,
    /** The limit it broke. */
    readonly maxFrameSize: number,
  ) {
    super('ERR_SYS_FRAME_TOO_LARGE', `frame of ${size} bytes is over the limit of ${maxFrameSize} bytes`);
  }
}

/** Bytes that are not a frame (a negative length) or a payload that does not decode. */
export class FrameError extends SysError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('ERR_SYS_BAD_FRAME', message, options);
  }
}

/** The stream ended inside a frame: the peer died or closed mid-message. */
export class TruncatedFrameError extends SysError {
  constructor(
    /** Bytes of the unfinished frame that did arrive, header included. */
    readonly received: number,
  ) {
    super('ERR_SYS_TRUNCATED_FRAME', `connection ended inside a frame (${received} bytes of it arrived)`);
  }
}

/** `recv` after the peer closed (Python's EOFError), or `send` on a closed or broken connection. */
export class ConnectionClosedError extends SysError {
  constructor(message = 'connection closed', options: { cause?: unknown } = {}) {
    super('ERR_SYS_CONNECTION_CLOSED', message, options);
  }
}

/** The authkey handshake failed: a wrong key, a peer that does not speak it, or one too slow to answer. */
export class AuthenticationError extends SysError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('ERR_SYS_AUTH', message, options);
  }
}

/** `connect()` reached no listener at the address (nothing there, refused, unreachable). */
export class ConnectError extends SysError {
  constructor(address: string, options: { cause?: unknown } = {}) {
    super(
      'ERR_SYS_CONNECT',
      `cannot connect to ${address}: ${(options.cause as Error)?.message ?? 'refused'}`,
      options,
    );
  }
}

/** A Unix socket path where a live listener already answers, or a file that is not a socket (bind's EADDRINUSE). */
export class AddressInUseError extends SysError {
  constructor(path: string, why: string, options: { cause?: unknown } = {}) {
    super('ERR_SYS_ADDRESS_IN_USE', `${path}: address already in use: ${why}`, { path, ...options });
  }
}

/** A Unix socket path longer than sun_path holds, on a system where it cannot be reached another way. */
export class SocketPathTooLongError extends SysError {
  constructor(path: string, limit: number) {
    super(
      'ERR_SYS_SOCKET_PATH_TOO_LONG',
      `${path}: a Unix socket path may be at most ${limit} bytes here, and this one is ${Buffer.byteLength(path)}`,
      { path },
    );
  }
}

/** `kill()` failed: no such process (`ERR_SYS_NO_SUCH_PROCESS`) or not allowed (`ERR_SYS_PERMISSION`). */
export class KillError extends SysError {
  constructor(
    /** The process that was to receive the signal. */
    readonly pid: number,
    cause: NodeJS.ErrnoException,
  ) {
    const denied = cause.code === 'EPERM';
    super(
      denied ? 'ERR_SYS_PERMISSION' : 'ERR_SYS_NO_SUCH_PROCESS',
      denied ? `not allowed to signal process ${pid}` : `no process ${pid}`,
      { cause },
    );
  }
}

/** A fifo could not be made or opened: codes `ERR_SYS_EXISTS`, `ERR_SYS_NOT_FIFO`, `ERR_SYS_FIFO`, `ERR_SYS_UNSUPPORTED`. */
export class FifoError extends SysError {}

/** `parentConnection()` in a process that was not started by `Pipe()`. */
export class NoPipeError extends SysError {
  constructor() {
    super('ERR_SYS_NO_PIPE', 'this process was not started by Pipe(): no connection to its parent');
  }
}

/** `send` on the receiving end of a one-way pipe, or `recv` on its sending end. */
export class OneWayError extends StateError {
  constructor(
    /** The call that was refused: `'send'` or `'recv'`. */
    readonly call: 'send' | 'recv',
  ) {
    super('ERR_SYS_ONE_WAY', `${call}: this end of a one-way pipe only ${call === 'send' ? 'receives' : 'sends'}`);
  }
}

/** A queue's owner closed it or went away: a client's waits, and its later calls, end with this. */
export class QueueClosedError extends StateError {
  constructor(reason = 'the queue was closed by its owner', options: { cause?: unknown } = {}) {
    super('ERR_SYS_QUEUE_CLOSED', reason, options);
  }
}

// Errors that cross a process (a Queue's answers) come back as their own class.
registerErrorClass('ERR_SYS_ONE_WAY', OneWayError);
registerErrorClass('ERR_SYS_QUEUE_CLOSED', QueueClosedError);
registerErrorClass('ERR_SYS_CONNECTION_CLOSED', ConnectionClosedError);
