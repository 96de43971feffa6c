export { NothingToPackError, PackExistsError, PackFormatError, PackSkipError, UnsafePathError } from './errors.js';
export {
  type EntryHeader,
  encodePath,
  HEADER,
  MARKER,
  MORE_RULE,
  parseSeparator,
  type Separator,
  separatorLine,
  VERSION,
} from './format.js';
export { type ListedEntry, type ListOptions, list } from './list.js';
export { type PackOptions, type PackSummary, pack } from './pack.js';
export type { Format, Limits, PackInput } from './read-options.js';
export { type UnpackOptions, type UnpackSummary, unpack } from './unpack.js';
