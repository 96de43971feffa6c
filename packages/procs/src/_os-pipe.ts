// Real pipes (pipe(2) semantics), which Node does not make: its child pipes are socket pairs,
// and a writer whose socket reader left with bytes unread gets ECONNRESET ("Connection reset
// by peer") instead of dying of SIGPIPE as in a shell. A FIFO in a private folder, opened
// at both ends and unlinked at once, is a pipe in all but name.
import { execFile } from 'node:child_process';
import { closeSync, constants, openSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The two ends of a pipe, as descriptors: read and write. */
export interface OsPipe {
  read: number;
  write: number;
}

/**
 * Makes `count` pipes with one `mkfifo` (Node has no mkfifo(2)); each end blocking, close-on-exec.
 * mkfifo runs as a child we wait for without holding the event loop (run synchronously, it held
 * the loop 3-8 ms a pipeline).
 */
export async function osPipes(count: number): Promise<OsPipe[]> {
  if (count === 0) return [];
  const dir = await mkdtemp(join(tmpdir(), 'sys-pipe-')); // 0700: no one else can open them
  try {
    const paths = Array.from({ length: count }, (_, i) => join(dir, String(i)));
    await new Promise<void>((resolve, reject) =>
      execFile('mkfifo', ['-m', '600', '--', ...paths], (error) => (error ? reject(error) : resolve())),
    );
    // Opened and unlinked in the same turn of the loop as mkfifo's end is seen.
    return paths.map((path) => {
      // Linux opens a FIFO read-write without waiting for a peer; with that end held, the
      // read and write opens do not wait either, and neither end is left non-blocking.
      const both = openSync(path, constants.O_RDWR);
      const read = openSync(path, constants.O_RDONLY);
      const write = openSync(path, constants.O_WRONLY);
      closeSync(both);
      return { read, write };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Closes our copies of both ends (the children keep theirs). */
export function closePipes(pipes: readonly OsPipe[]): void {
  for (const p of pipes) {
    for (const fd of [p.read, p.write]) {
      try {
        closeSync(fd);
      } catch {
        // closed already
      }
    }
  }
}
