import { OptionError, SysError } from '@sys/core';

/** A line-ending target that is not one of lf, crlf, tounix, todos: a bad `to` option. */
export class UnknownTargetError extends OptionError {
  constructor(
    /** The target given. */
    readonly target: string,
  ) {
    super('to', `unknown line-ending target '${target}' (use lf, crlf, tounix or todos)`);
  }
}

/** One file that could not be converted; the original is untouched. `cause` holds the fs error. */
export class ConvertError extends SysError {
  /** The file that could not be converted. */
  declare readonly path: string;

  constructor(
    path: string,
    /** What went wrong, without the path. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super('ERR_SYS_EOLN_CONVERT', `${path}: ${reason}`, { path, cause: options?.cause });
  }
}
