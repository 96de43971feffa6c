// What a find takes and yields: public types, in a file of their own so the private files that use them stay private.
import type { WalkOptions } from './walk-options.js';

/** Entry types `find` can keep. */
export type EntryType = 'file' | 'dir' | 'symlink';

/** Options of `find`, `findSync` and `findList`. */
export interface FindOptions extends Pick<WalkOptions, 'onError' | 'followSymlinks' | 'signal' | 'prune'> {
  /** Keep only files, directories or symlinks (followed links count as what they point at). @default every type */
  type?: EntryType;
  /** The deepest level to report: 1 is the root's own entries, 0 reports nothing. @default Infinity */
  maxDepth?: number;
  /** Match the path relative to the root with a glob (picomatch, dotfiles included) instead of the name with fnmatch. @default false */
  glob?: boolean;
  /**
   * Where the async forms walk: `'auto'` starts on the thread pool and hands the rest of a walk
   * still going after 10 ms to a worker thread, which reads with blocking calls (faster on big
   * trees); `true` walks on the worker from the start; `false` never starts one. The sync forms
   * ignore it. @default 'auto'
   */
  thread?: boolean | 'auto';
}

/** A match: its path and what it is ('other' for fifos, sockets and devices). */
export interface Found {
  path: string;
  type: EntryType | 'other';
}
