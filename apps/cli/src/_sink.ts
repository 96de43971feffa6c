import { closeSync, createWriteStream, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { tempPathFor } from '@sys/core';
import type { Session } from './_session.js';
import type { Target } from './_target.js';

/** An output being written: `commit` makes it real, `discard` removes every trace of it. */
export interface Sink {
  stream: Writable;
  /** The temp file being written, when there is one (so a walk can leave it out). */
  temp?: string;
  commit(): Promise<void>;
  discard(): void;
  /** Ends writing at once (Ctrl-C): pending writes fail, which ends whatever is writing. */
  stop(): void;
}

/** A stream of ours whose errors reach the writer through its write callbacks, never as a crash. */
function quiet<T extends Writable>(stream: T): T {
  stream.on('error', () => {});
  return stream;
}

async function ended(stream: Writable): Promise<void> {
  if (!stream.writableEnded) stream.end();
  await finished(stream);
}

/**
 * Opens where `-o` output goes. A file is written under a temp name in its folder
 * (opened now, exclusively, so a walk that starts next always meets it), fsynced and
 * renamed over NAME only when complete: a failed or interrupted run leaves nothing.
 */
export function openSink(target: Target, session: Session): Sink {
  if (target.kind === 'stdout') {
    // stdout is the process's: a stopped run leaves it open, and the writer stops on the signal.
    return { stream: session.io.stdout, commit: async () => {}, discard: () => {}, stop: () => {} };
  }
  if (target.kind === 'stream') {
    const stream = quiet(createWriteStream(target.path, { flags: 'w' }));
    return { stream, commit: () => ended(stream), discard: () => stream.destroy(), stop: () => stream.destroy() };
  }
  // The temp naming every @sys package shares: short, with our pid, so a killed run's temp is known as stale.
  const temp = tempPathFor(target.path);
  // Opened now, exclusively: a temp that exists already is an error before any work.
  let fd: number;
  try {
    fd = openSync(temp, 'wx', 0o666);
  } catch (error) {
    // Name what the user gave, not our temp name: 'x.pack: permission denied'.
    throw Object.assign(error as Error, { path: target.shown });
  }
  const stream = quiet(createWriteStream('', { fd }));
  return {
    stream,
    temp,
    async commit() {
      await ended(stream);
      // The stream closed its descriptor when it finished; fsync through a new one.
      const fd = openSync(temp, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, target.path);
    },
    discard() {
      // The stream closes its descriptor once writes in flight are done: closing it here could
      // hand the number to a file opened meanwhile, and the late writes to that file.
      stream.destroy();
      rmSync(temp, { force: true });
    },
    stop: () => stream.destroy(),
  };
}
