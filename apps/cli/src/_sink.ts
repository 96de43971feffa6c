import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { type AtomicWriteStream, atomicWriteStream } from '@sys/core';
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
 * Opens where `-o` output goes. A file is written through @sys/core's `atomicWriteStream`:
 * under a temp name in its folder, renamed over NAME only when complete, so a failed or
 * interrupted run leaves nothing.
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
  // @sys/core's atomic writer: a temp beside NAME (O_EXCL, O_NOFOLLOW), opened now so a walk that
  // starts next always meets it, fsynced and renamed at commit; it removes the temp however the run ends.
  let file: AtomicWriteStream;
  try {
    file = atomicWriteStream(target.path);
  } catch (error) {
    // Name what the user gave, not our temp name: 'x.pack: permission denied'.
    throw Object.assign(((error as Error).cause ?? error) as Error, { path: target.shown });
  }
  const stream = quiet(file.stream);
  return {
    stream,
    temp: file.temp as string,
    commit: () => file.commit(),
    discard: () => file.discard(),
    // Writes in flight fail, which ends whatever is writing, and the temp file goes at once.
    stop: () => file.discard(),
  };
}
