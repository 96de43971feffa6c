// Fifos without blocking: open(2) of a fifo waits for the other side, and Node's fs.open
// would wait on one of libuv's four pool threads — four fifos waiting stall every fs call
// in the process and keep it from exiting (nodejs/node#23220). Here both ends open with
// O_NONBLOCK, which returns at once, and are read and written by the event loop.
import { execFile } from 'node:child_process';
import { closeSync, constants, fstatSync, lstatSync, openSync, statSync } from 'node:fs';
import { Socket } from 'node:net';
import { addAbortSignal, type Readable, type Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { OptionError } from '@sys/core';
import { FifoError } from './errors.js';

const SUPPORTED = process.platform === 'linux' || process.platform === 'darwin';

function unsupported(): FifoError {
  return new FifoError('ERR_SYS_UNSUPPORTED', `fifos are supported on Linux and macOS, not ${process.platform}`);
}

/**
 * Makes a named pipe at `path` with exactly `mode` (not reduced by the umask), as
 * `mkfifo -m`. Node has no mkfifo(2): this runs the system's `mkfifo` command,
 * asynchronously, so nothing waits on it.
 */
export async function mkfifo(path: string, mode = 0o666): Promise<void> {
  if (!SUPPORTED) throw unsupported();
  if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) throw new OptionError('mode', 'must be a file mode');
  await new Promise<void>((resolve, reject) => {
    execFile('mkfifo', ['-m', mode.toString(8), '--', path], (error, _stdout, stderr) => {
      if (!error) return resolve();
      let exists = false;
      try {
        lstatSync(path);
        exists = true;
      } catch {}
      const why =
        String(stderr)
          .trim()
          .replace(/^mkfifo: /, '') || error.message;
      reject(
        exists
          ? new FifoError('ERR_SYS_EXISTS', `${path}: already exists`, { path, cause: error })
          : new FifoError('ERR_SYS_FIFO', `${path}: cannot make a fifo: ${why}`, { path, cause: error }),
      );
    });
  });
}

/** Options of `openFifo`. */
export interface FifoOptions {
  /** Cancels a writer waiting for a reader, or a reader waiting for data; destroys the stream. */
  signal?: AbortSignal;
  /** How often a writer looks for a reader, in ms. @default 20 */
  pollInterval?: number;
}

function openNonBlocking(path: string, flags: number): number | null {
  let fd: number;
  try {
    fd = openSync(path, flags | constants.O_NONBLOCK);
  } catch (cause) {
    // A write-only open of a fifo with no reader fails with ENXIO: not yet. But so does any
    // open of a Unix socket file, which would be waited on for ever.
    if ((cause as NodeJS.ErrnoException).code === 'ENXIO') {
      if (statSync(path, { throwIfNoEntry: false })?.isFIFO() === false) throw notFifo(path);
      return null;
    }
    throw new FifoError('ERR_SYS_FIFO', `${path}: ${(cause as Error).message}`, { path, cause });
  }
  if (!fstatSync(fd).isFIFO()) {
    closeSync(fd);
    throw notFifo(path);
  }
  return fd;
}

function notFifo(path: string): FifoError {
  return new FifoError('ERR_SYS_NOT_FIFO', `${path}: not a fifo`, { path });
}

/**
 * Opens a fifo without blocking anything. `'r'`: resolves at once with a stream that
 * yields what writers write (and ends when the last one closes). `'w'`: waits, polling,
 * until a reader has the fifo open, then resolves with a stream to write to.
 */
export async function openFifo(path: string, mode: 'r', options?: FifoOptions): Promise<Readable>;
export async function openFifo(path: string, mode: 'w', options?: FifoOptions): Promise<Writable>;
export async function openFifo(path: string, mode: 'r' | 'w', options: FifoOptions = {}): Promise<Readable | Writable> {
  if (!SUPPORTED) throw unsupported();
  if (mode !== 'r' && mode !== 'w') throw new OptionError('mode', "must be 'r' or 'w'");
  const { signal } = options;
  const pollInterval = options.pollInterval ?? 20;
  if (!Number.isFinite(pollInterval) || pollInterval < 1 || pollInterval > 2 ** 31 - 1)
    throw new OptionError('pollInterval', 'must be a number of ms from 1 to 2147483647');
  signal?.throwIfAborted();
  let fd = openNonBlocking(path, mode === 'r' ? constants.O_RDONLY : constants.O_WRONLY);
  while (fd === null) {
    // The wait keeps the process alive, as any pending wait does; `signal` ends it with its reason.
    await sleep(pollInterval, undefined, { signal }).catch((error: unknown) => {
      throw signal?.aborted ? signal.reason : error;
    });
    fd = openNonBlocking(path, constants.O_WRONLY);
  }
  const stream = new Socket({ fd, readable: mode === 'r', writable: mode === 'w' });
  return signal ? addAbortSignal(signal, stream) : stream;
}
