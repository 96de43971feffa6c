/** A line-ending target that is not one of lf, crlf, tounix, todos. */
export class UnknownTargetError extends Error {
  readonly code = 'ERR_SYS_EOLN_TARGET';
  constructor(readonly target: string) {
    super(`unknown line-ending target '${target}' (use lf, crlf, tounix or todos)`);
    this.name = 'UnknownTargetError';
  }
}

/** One file that could not be converted; the original is untouched. `cause` holds the fs error. */
export class ConvertError extends Error {
  readonly code = 'ERR_SYS_EOLN_CONVERT';
  constructor(
    readonly path: string,
    /** What went wrong, without the path. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${reason}`, options);
    this.name = 'ConvertError';
  }
}
