export {
  Converter,
  type ConvertOptions,
  convertBuffer,
  createConverter,
  normalizeTarget,
  type Target,
} from './convert.js';
export type { Bom, Counts } from './counts.js';
export {
  BINARY_SNIFF_BYTES,
  bomOf,
  type Detection,
  detect,
  detectBuffer,
  detectFile,
  EndingCounter,
} from './detect.js';
export { ConvertError, ConverterStateError, UnknownTargetError } from './errors.js';
export { convertFile } from './file.js';
export type { FileOptions, FileResult } from './file-options.js';
export { convertTree, DEFAULT_PRUNE, type TreeOptions, type TreeSummary } from './tree.js';
