export {
  AtomicWriteError,
  type AtomicWriteOptions,
  type AtomicWriteStream,
  atomicWrite,
  atomicWriteStream,
  type FillTemp,
} from './atomic-write.js';
export { BINARY_SNIFF_BYTES, isBinary } from './binary.js';
export { type Deferred, deferred } from './deferred.js';
export { describeErrno } from './errno.js';
export { decodeError, type EncodedError, encodeError, registerErrorClass } from './error-codec.js';
export {
  Empty,
  Full,
  isSysError,
  OptionError,
  StateError,
  SysError,
  type SysErrorOptions,
  UnknownSignalError,
} from './errors.js';
export { Fifo } from './fifo.js';
export { type FsPath, joinName, nameText, parentOf, pathText } from './fs-path.js';
export { isJsonExact } from './json-exact.js';
export { lines } from './lines.js';
export { childExecArgv, moduleUrl, startWorker, workerOptions } from './node-child.js';
export type { WaitOptions } from './options.js';
export { ordered } from './ordered.js';
export { processAlive } from './process-alive.js';
export { type ProducerControl, type PullOptions, type PushSink, pull } from './pull.js';
export { signalName, signalNumber } from './signals.js';
export { isStaleTemp, isTempName, removeStaleTemps, tempPathFor } from './temp-files.js';
export { checkTimeout, startTimer, type Timer } from './timers.js';
export { utimesSeconds } from './times.js';
