import { SysError } from '@sys/core';

/** Where in a pack an error was found: the 1-based line, when a line is known. */
const at = (line: number | undefined): string => (line ? `line ${line}: ` : '');

/** A pack that cannot be read: malformed, truncated or edited. `line` is 1-based. */
export class PackFormatError extends SysError {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super('ERR_SYS_PACK_FORMAT', `${at(line)}${reason}`);
  }
}

/**
 * An entry that would be written outside the destination, or through a symlink. Nothing
 * of it is written. `line` is 0 when it was found while moving entries into place.
 */
export class UnsafePathError extends SysError {
  constructor(
    readonly entry: string,
    readonly line: number,
    reason: string,
  ) {
    super('ERR_SYS_PACK_UNSAFE', `${at(line)}refused ${JSON.stringify(entry)}: ${reason}`, { path: entry });
  }
}

/** An entry whose path already exists in the destination, and `force` was not given. */
export class PackExistsError extends SysError {
  constructor(
    readonly entry: string,
    readonly line: number,
  ) {
    super('ERR_SYS_PACK_EXISTS', `${at(line)}${entry} already exists (force overwrites it)`, { path: entry });
  }
}

/** Something `pack` could not pack (it goes on with the rest): `path` says what, `reason` why. */
export class PackSkipError extends SysError {
  constructor(
    path: string,
    readonly reason: string,
    cause?: unknown,
  ) {
    super('ERR_SYS_PACK_SKIPPED', `${path}: ${reason}`, { path, cause });
  }
}

/**
 * No input of `pack` exists (or none was given): nothing is written, as an empty pack would
 * hide the mistake. Inputs that exist beside missing ones are packed; the missing ones are
 * reported as PackSkipErrors.
 */
export class NothingToPackError extends SysError {
  constructor(readonly paths: readonly string[]) {
    const what = paths.length === 0 ? 'no input given' : `${paths.join(', ')}: no such file or directory`;
    super('ERR_SYS_PACK_NOTHING', `nothing to pack: ${what}`, { path: paths[0] });
  }
}
