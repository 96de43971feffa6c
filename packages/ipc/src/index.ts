export { lines } from '@sys/core';
export type { Address } from './address.js';
export { type ConnectOptions, connect } from './connect.js';
export { type ByteStream, Connection, type ConnectionOptions, DEFAULT_MAX_FRAME_SIZE } from './connection.js';
export {
  AddressInUseError,
  AuthenticationError,
  ConnectError,
  ConnectionClosedError,
  Empty,
  FifoError,
  FrameError,
  FrameTooLargeError,
  Full,
  KillError,
  NoPipeError,
  OneWayError,
  QueueClosedError,
  TruncatedFrameError,
  UnknownSignalError,
} from './errors.js';
export { type FifoOptions, mkfifo, openFifo } from './fifo.js';
export { Listener, type ListenerOptions } from './listener.js';
export { Pipe, type PipeChild, type PipeOptions, parentConnection } from './pipe.js';
export { Queue, type QueueOptions, type QueueWaitOptions } from './queue.js';
export { kill, onSignal, signalName, signalNumber, waitForSignal } from './signals.js';
export { type Crosslinked, crosslink, openPipe } from './streams.js';
