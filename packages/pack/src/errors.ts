/** A pack that cannot be read: malformed, truncated or edited. `line` is 1-based. */
export class PackFormatError extends Error {
  readonly code = 'ERR_SYS_PACK_FORMAT';
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'PackFormatError';
  }
}

/** An entry that would be written outside the destination, or through a symlink. Nothing of it is written. */
export class UnsafePathError extends Error {
  readonly code = 'ERR_SYS_PACK_UNSAFE';
  constructor(
    readonly entry: string,
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: refused ${JSON.stringify(entry)}: ${reason}`);
    this.name = 'UnsafePathError';
  }
}

/** An entry whose path already exists in the destination, and `force` was not given. */
export class PackExistsError extends Error {
  readonly code = 'ERR_SYS_PACK_EXISTS';
  constructor(
    readonly entry: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${entry} already exists (use force to overwrite)`);
    this.name = 'PackExistsError';
  }
}
