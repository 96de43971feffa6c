import { decodeName, encodeName, isWellFormed, rawPath } from './_bytes.js';
import { quoteName } from './_quote.js';

/**
 * An absolute path from @sys/find as exact text: names that are not UTF-8 carry their bytes
 * as lone surrogates (see decodeName) instead of U+FFFD.
 */
export function exactPath(path: string): string {
  return path.includes('\uFFFD') ? decodeName(rawPath(path)) : path;
}

/**
 * A path as a record on stdout: the raw bytes on a pipe or in a file (as GNU find and fd
 * write them, so `xargs -0` gets the real name), control characters escaped on a terminal.
 */
export function pathRecord(path: string, terminal: boolean): string | Buffer {
  if (terminal) return quoteName(path, Number.POSITIVE_INFINITY);
  return isWellFormed(path) ? path : encodeName(path);
}
