export { FindWorkerError, SymlinkLoopError, UnreadableDirError, type WalkError } from './errors.js';
export {
  find,
  findEntries,
  findEntriesSync,
  findList,
  findSync,
} from './find.js';
export type { EntryType, FindOptions, Found } from './find-options.js';
export { compile, filter, fnmatch, fnmatchCase, translate } from './fnmatch.js';
export { type GlobOptions, glob, globSync } from './glob.js';
export { type LargestOptions, largest, largestSync, type SizedFile } from './largest.js';
export { walk, walkSync } from './walk.js';
export type { WalkEntry, WalkOptions } from './walk-options.js';
