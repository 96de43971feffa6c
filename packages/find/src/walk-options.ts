// What a walk takes and yields: public types, in a file of their own so the private files that use them stay private.
import type { WalkError } from './errors.js';

/** One directory of a walk, in os.walk's shape. */
export interface WalkEntry {
  /** The directory's path: the root, then root + separator + names. */
  dir: string;
  /** Names of its subdirectories. Top-down, remove names here to keep the walk out of them. */
  dirs: string[];
  /** Names of everything else in it. */
  files: string[];
  /**
   * Only for a directory holding a name that is not valid UTF-8 (or a literal U+FFFD), or lying
   * anywhere below a directory that does: the full path as bytes of each name in `dirs` and in
   * `files`, by index (as `dirs` was yielded). Hand these bytes to fs: the names show each bad
   * byte as U+FFFD, which names another file, and two names may show as the same text.
   */
  bytePaths?: { readonly dirs: readonly Buffer[]; readonly files: readonly Buffer[] };
}

/** Options of `walk` and `walkSync`. */
export interface WalkOptions {
  /** Yield a directory before those below it (and let the caller prune `dirs`). @default true */
  topDown?: boolean;
  /** fnmatch patterns of directory names neither entered nor listed in `dirs`, e.g. `['.git', 'node_modules']`. @default [] */
  prune?: readonly string[];
  /** Called for a directory that cannot be read or is a symlink loop; the walk goes on. @default skip silently */
  onError?: (error: WalkError) => void;
  /** Enter symlinks to directories; loops are detected by device and inode. @default false */
  followSymlinks?: boolean;
  /** The deepest directory level to read: 0 reads only the root. @default Infinity */
  maxDepth?: number;
  /** Stops the walk: it throws the signal's reason at the next directory. */
  signal?: AbortSignal;
}
