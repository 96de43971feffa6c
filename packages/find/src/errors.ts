/** A followed symlink that leads back to a directory above it; the walk goes on without it. */
export class SymlinkLoopError extends Error {
  readonly code = 'ERR_SYS_SYMLINK_LOOP';
  constructor(readonly path: string) {
    super(`${path}: symlink loop (leads back to a directory above it); not entered`);
    this.name = 'SymlinkLoopError';
  }
}

/** A pattern or option that cannot work, such as a negative depth. */
export class FindOptionError extends Error {
  readonly code = 'ERR_SYS_FIND_OPTION';
  constructor(message: string) {
    super(message);
    this.name = 'FindOptionError';
  }
}
