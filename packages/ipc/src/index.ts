export { type ByteStream, Connection, type ConnectionOptions, DEFAULT_MAX_FRAME_SIZE } from './connection.js';
export {
  AddressInUseError,
  AuthenticationError,
  ConnectionClosedError,
  Empty,
  FifoError,
  FrameError,
  FrameTooLargeError,
  Full,
  KillError,
  NoPipeError,
  TruncatedFrameError,
  UnknownSignalError,
} from './errors.js';
export { kill, onSignal, signalName, signalNumber, waitForSignal } from './signals.js';
