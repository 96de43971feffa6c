export { FindWorkerError, SymlinkLoopError, UnreadableDirError, type WalkError } from './errors.js';
export {
  type EntryType,
  type FindOptions,
  type Found,
  find,
  findEntries,
  findEntriesSync,
  findList,
  findSync,
} from './find.js';
export { compile, filter, fnmatch, fnmatchCase, translate } from './fnmatch.js';
export { type GlobOptions, glob, globSync } from './glob.js';
export { type LargestOptions, largest, largestSync, type SizedFile } from './largest.js';
export { type WalkEntry, type WalkOptions, walk, walkSync } from './walk.js';
