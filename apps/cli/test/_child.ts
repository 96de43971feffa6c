import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { bin, plainEnv } from './_sys.js';

/** A running `sys` bin in a real child process, its stderr collected. */
export interface Running {
  child: ChildProcessWithoutNullStreams;
  stderr: () => string;
  /** Resolves with the exit code (or 128 + signal number if it died by a signal). */
  exit: Promise<number>;
}

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGPIPE: 13, SIGTERM: 15 };

/** Starts `sys ARGV` in `cwd` with stdin, stdout and stderr as pipes. */
export function start(cwd: string, argv: string[]): Running {
  const child = spawn(process.execPath, [bin, ...argv], { cwd, env: plainEnv(), stdio: 'pipe' });
  const err: Buffer[] = [];
  child.stderr.on('data', (b: Buffer) => err.push(b));
  const exit = once(child, 'close').then(([code, signal]) =>
    code === null ? 128 + (SIGNALS[signal as string] ?? 0) : (code as number),
  );
  return { child, stderr: () => Buffer.concat(err).toString(), exit };
}

/** Resolves once `stream` has given at least `bytes` bytes. */
export async function firstBytes(stream: NodeJS.ReadableStream, bytes = 1): Promise<Buffer> {
  const got: Buffer[] = [];
  let n = 0;
  for await (const chunk of stream) {
    got.push(chunk as Buffer);
    n += (chunk as Buffer).length;
    if (n >= bytes) break;
  }
  return Buffer.concat(got);
}
