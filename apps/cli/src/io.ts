import type { Readable } from 'node:stream';
import type { TerminalStream } from './_progress.js';
import { Interrupted } from './errors.js';

/** Where a command reads and writes: the process's streams, or a test's. */
export interface Io {
  stdin: Readable;
  stdout: TerminalStream;
  stderr: TerminalStream;
  /** Relative paths on the command line are taken from here. */
  cwd: string;
  /** NO_COLOR, FORCE_COLOR, TERM, SYS_DEBUG are read from here. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /** Aborted (with an Interrupted reason) when the run must stop: Ctrl-C, SIGTERM. */
  signal?: AbortSignal;
  /** From now on, SIGINT, SIGTERM and SIGHUP abort `signal` instead of ending the process. */
  trapSignals?: () => void;
}

/** How long cleanup may take after a signal before the process exits anyway. */
const GRACE_MS = 2000;

/**
 * The real process's streams and folder. Once `trapSignals` is called, SIGINT, SIGTERM and
 * SIGHUP abort `signal`, so the command stops and removes what it made; a second signal, or
 * cleanup that outlasts the grace period, exits at once with 128 + the signal's number.
 */
export function processIo(): Io {
  const controller = new AbortController();
  let trapped = false;
  const trapSignals = () => {
    if (trapped) return;
    trapped = true;
    for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(name, () => {
        const reason = new Interrupted(name);
        if (controller.signal.aborted) process.exit((controller.signal.reason as Interrupted).exitCode);
        controller.abort(reason);
        setTimeout(() => process.exit(reason.exitCode), GRACE_MS).unref();
      });
    }
  };
  // A reader that went away is handled where output is written; never a crash with a trace.
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});
  return {
    // A getter: touching process.stdin opens it, which would keep commands that never read it alive.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
    signal: controller.signal,
    trapSignals,
  };
}
