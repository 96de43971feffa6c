// A Unix socket path as bind(2) and connect(2) can take it. sun_path holds 107 bytes on
// Linux (103 on macOS); a longer path is reached on Linux through a descriptor of its
// folder, as /proc/self/fd/N/NAME, which is short whatever the folder's path.
import { closeSync, constants, openSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { SocketPathTooLongError } from './errors.js';

/** Bytes of sun_path less its NUL. */
export const SUN_PATH_MAX = process.platform === 'linux' ? 107 : 103;

/** A path bind/connect can take for `path`, and the descriptor it holds open (close with `release`). */
export interface UnixPath {
  path: string;
  /** Closes the folder's descriptor, if one was opened; safe to call twice. */
  release(): void;
}

/** `path` itself when it fits in sun_path; on Linux, its folder's descriptor path; otherwise SocketPathTooLongError. */
export function unixPath(path: string): UnixPath {
  if (Buffer.byteLength(path) <= SUN_PATH_MAX) return { path, release() {} };
  if (process.platform !== 'linux') throw new SocketPathTooLongError(path, SUN_PATH_MAX);
  let fd: number | null = openSync(dirname(path), constants.O_RDONLY | constants.O_DIRECTORY);
  const short = `/proc/self/fd/${fd}/${basename(path)}`;
  if (Buffer.byteLength(short) > SUN_PATH_MAX) {
    closeSync(fd);
    throw new SocketPathTooLongError(path, SUN_PATH_MAX);
  }
  return {
    path: short,
    release() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}
