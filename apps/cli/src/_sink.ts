import { closeSync, createWriteStream, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Session } from './_session.js';
import type { Target } from './_target.js';

/** An output being written: `commit` makes it real, `discard` removes every trace of it. */
export interface Sink {
  stream: Writable;
  /** The temp file being written, when there is one (so a walk can leave it out). */
  temp?: string;
  commit(): Promise<void>;
  discard(): void;
}

async function ended(stream: Writable): Promise<void> {
  if (!stream.writableEnded) stream.end();
  await finished(stream);
}

/**
 * Opens where `-o` output goes. A file is written under `NAME.PID.partial` in its folder
 * (opened now, exclusively, so a walk that starts next always meets it), fsynced and
 * renamed over NAME only when complete: a failed or interrupted run leaves nothing.
 */
export function openSink(target: Target, session: Session): Sink {
  if (target.kind === 'stdout') return { stream: session.io.stdout, commit: async () => {}, discard: () => {} };
  if (target.kind === 'stream') {
    const stream = createWriteStream(target.path, { flags: 'w' });
    return { stream, commit: () => ended(stream), discard: () => stream.destroy() };
  }
  const temp = `${target.path}.${process.pid}.partial`;
  const fd = openSync(temp, 'wx', 0o666);
  const stream = createWriteStream('', { fd, autoClose: false });
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    stream,
    temp,
    async commit() {
      await ended(stream);
      fsyncSync(fd);
      close();
      renameSync(temp, target.path);
    },
    discard() {
      stream.destroy();
      close();
      rmSync(temp, { force: true });
    },
  };
}
