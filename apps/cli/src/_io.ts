import type { Writable } from 'node:stream';

/** Where a command reads and writes: the process's streams, or a test's. */
export interface Io {
  stdout: Writable;
  stderr: Writable;
  /** Relative paths on the command line are taken from here. */
  cwd: string;
}

/** The real process's streams and folder. */
export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
}
