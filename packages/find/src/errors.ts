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

/**
 * The worker thread an async find handed its walk to stopped before the walk was done: the
 * find rejects with this (the walk cannot be finished on the thread pool from where it was).
 * `exitCode` is the thread's exit code, undefined when it stopped before taking the walk over.
 */
export class FindWorkerError extends SysError {
  constructor(readonly exitCode?: number) {
    const when =
      exitCode === undefined
        ? 'before it could take the walk over'
        : `(exit code ${exitCode}) before the walk was done`;
    super('ERR_SYS_FIND_WORKER', `find's worker thread stopped ${when}`);
  }
}

/** What a walk reports to `onError` for one directory it could not walk. */
export type WalkError = UnreadableDirError | SymlinkLoopError;
