import { describeErrno, SysError } from '@sys/core';

/** A directory the walk could not read (permission denied, vanished, not a directory); the walk goes on without it. */
export class UnreadableDirError extends SysError {
  constructor(path: string, cause: unknown) {
    super('ERR_SYS_UNREADABLE_DIR', `${path}: ${describeErrno(cause)}`, { path, cause });
  }
}

/** A followed symlink that leads back to a directory above it; the walk goes on without it. */
export class SymlinkLoopError extends SysError {
  constructor(path: string) {
    super('ERR_SYS_SYMLINK_LOOP', `${path}: symlink loop (leads back to a directory above it); not entered`, { path });
  }
}

/** What a walk reports to `onError` for one directory it could not walk. */
export type WalkError = UnreadableDirError | SymlinkLoopError;
