export { type Limits, safeParts } from './_entry-checks.js';
export type { PackInput } from './_input.js';
export type { Format } from './_parse.js';
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
export { type UnpackOptions, type UnpackSummary, unpack } from './unpack.js';
