export {
  AtomicWriteError,
  type AtomicWriteOptions,
  type AtomicWriteStream,
  atomicWrite,
  atomicWriteStream,
  type FillTemp,
} from './atomic-write.js';
export { BINARY_SNIFF_BYTES, isBinary } from './binary.js';
export { describeErrno } from './errno.js';
export { isSysError, OptionError, SysError, type SysErrorOptions } from './errors.js';
export { type FsPath, joinName, nameText, parentOf, pathText } from './fs-path.js';
export { isJsonExact } from './json-exact.js';
export { lines } from './lines.js';
export { type ProducerControl, type PullOptions, type PushSink, pull } from './pull.js';
export { isStaleTemp, isTempName, removeStaleTemps, tempPathFor } from './temp-files.js';
export { utimesSeconds } from './times.js';
export { startWorker } from './worker.js';
