export {
  Converter,
  type ConvertOptions,
  convertBuffer,
  createConverter,
  normalizeTarget,
  type Target,
} from './convert.js';
export {
  BINARY_SNIFF_BYTES,
  type Bom,
  bomOf,
  type Counts,
  type Detection,
  detect,
  detectBuffer,
  detectFile,
  EndingCounter,
} from './detect.js';
export { ConvertError, UnknownTargetError } from './errors.js';
export { convertFile, type FileOptions, type FileResult } from './file.js';
export { convertTree, DEFAULT_PRUNE, type TreeOptions, type TreeSummary } from './tree.js';
