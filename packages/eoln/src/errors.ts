import { isUtf8 } from 'node:buffer';
import { type FsPath, OptionError, pathText, SysError } from '@sys/core';

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
  /** The file that could not be converted, as text (U+FFFD for a byte that is not UTF-8). */
  declare readonly path: string;
  /** Only when the path was given as bytes that are not valid UTF-8: those bytes. */
  declare readonly bytePath?: Buffer;

  constructor(
    file: FsPath,
    /** What went wrong, without the path. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    const path = pathText(file);
    super('ERR_SYS_EOLN_CONVERT', `${path}: ${reason}`, { path, cause: options?.cause });
    // Set only then, as SysError sets `path`: other errors keep their shape.
    if (typeof file !== 'string' && !isUtf8(file)) (this as { bytePath?: Buffer }).bytePath = file;
  }
}

/**
 * A `Converter` used out of order: a chunk converted in place right after a chunk that ended
 * in CR, without `lead(chunk)` first (the held CRs need room in front of it).
 */
export class ConverterStateError extends SysError {
  constructor(reason: string) {
    super('ERR_SYS_EOLN_CONVERTER_STATE', `Converter: ${reason}`);
  }
}
