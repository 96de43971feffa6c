import { closeSync } from 'node:fs';
import { Socket } from 'node:net';
import { PassThrough, pipeline, type Readable, type Writable } from 'node:stream';
import { lines } from '@sys/core';
import { closePipes, type OsPipe, osPipes } from './_os-pipe.js';
import { checkStart, type StartOptions } from './_spawn.js';
import { shellStatus } from './_status.js';
import { Popen } from './popen.js';
import { type RunOptions, run } from './run.js';

/** Options for `system`: where it runs, its environment, and what ends it early. */
export type SystemOptions = Omit<
  RunOptions,
  'input' | 'stdin' | 'stdout' | 'stderr' | 'encoding' | 'maxBuffer' | 'check' | 'shell'
>;

/**
 * Runs a shell command line with our stdin, stdout and stderr (os.system) and resolves
 * with its exit status: the code, or 128 + the signal's number.
 */
export async function system(command: string, options: SystemOptions = {}): Promise<number> {
  // As os.system: while the command runs, SIGINT and SIGQUIT are the command's business (it
  // gets the terminal's Ctrl-C itself); we live on to report how it ended. Ignored before the
  // command starts, so no Ctrl-C lands in between.
  ignoreInterrupts(+1);
  try {
    const r = await run(command, {
      // Our foreground job, as os.system's fork is: in our group, Ctrl-C reaches it.
      group: false,
      ...options,
      shell: true,
      stdin: 'inherit',
      stdout: 'inherit',
      stderr: 'inherit',
    });
    return shellStatus(r.code, r.signal);
  } finally {
    ignoreInterrupts(-1);
  }
}

let systems = 0;
function ignore(): void {}

/** Counts running system() calls; SIGINT and SIGQUIT are ignored while there is one. */
function ignoreInterrupts(delta: 1 | -1): void {
  systems += delta;
  for (const signal of ['SIGINT', 'SIGQUIT'] as const) {
    if (delta === 1 && systems === 1) process.on(signal, ignore);
    if (delta === -1 && systems === 0) process.removeListener(signal, ignore);
  }
}

/** A shell command's output to read (os.popen(cmd)): as text, as lines, or as a stream. */
export interface PopenReader extends AsyncIterable<string> {
  /** The command's stdout. */
  readonly stdout: Readable;
  /** Everything it writes, once it closes its output. */
  read(): Promise<string>;
  /** Its lines as they come, without line endings. */
  lines(): AsyncGenerator<string, void, undefined>;
  /** Stops reading, waits for the command and resolves with its exit status. */
  close(): Promise<number>;
  /** `await using`: close() when the scope ends. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** A shell command's input to write (os.popen(cmd, 'w')). */
export interface PopenWriter {
  /** The command's stdin. */
  readonly stdin: Writable;
  /** Writes text or bytes, waiting when the pipe is full. */
  write(data: string | Uint8Array): Promise<void>;
  /** Closes its input, waits for it and resolves with its exit status. */
  close(): Promise<number>;
  /** `await using`: close() when the scope ends. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** Starts a shell command line reading its output ('r', default) or writing its input ('w'). */
export function popen(command: string, mode?: 'r', options?: StartOptions): PopenReader;
export function popen(command: string, mode: 'w', options?: StartOptions): PopenWriter;
export function popen(command: string, mode: 'r' | 'w' = 'r', options: StartOptions = {}): PopenReader | PopenWriter {
  if (mode === 'w') {
    const p = new Popen(command, { ...options, shell: true, stdin: 'pipe' });
    const stdin = p.stdin as Writable;
    return {
      stdin,
      write: (data) =>
        new Promise<void>((resolve, reject) => {
          stdin.write(data, (error) => (error ? reject(error) : resolve()));
        }),
      close: async () => {
        stdin.end();
        return status(p);
      },
      [Symbol.asyncDispose]: async () => {
        stdin.end();
        await status(p);
      },
    };
  }
  // A real pipe, not Node's socket pair: when we stop reading, the command dies of SIGPIPE
  // quietly, as under os.popen, instead of failing with "Connection reset by peer". The pipe is
  // made without holding the event loop, so the command starts a little later and its output
  // reaches `stdout`, handed out now, from the pipe; what stops it from starting (the pipe, a
  // spawn failure) fails read(), the lines and close(). Bad options still throw here.
  const shellOptions = { ...options, shell: true };
  checkStart(command, shellOptions);
  const stdout = new PassThrough();
  // A failure reaches read(), lines() and close(); nobody need listen to the stream for it.
  stdout.on('error', () => {});
  const started = osPipes(1).then(([pipe]) => {
    const { read, write } = pipe as OsPipe;
    let p: Popen;
    try {
      p = new Popen(command, { ...shellOptions, stdout: write });
    } catch (error) {
      closePipes([{ read, write }]);
      throw error;
    }
    closeSync(write);
    // Destroying stdout (close(), a loop left early) destroys our end: a writer gets SIGPIPE.
    pipeline(new Socket({ fd: read, readable: true, writable: false }), stdout, () => {});
    return p;
  });
  started.catch((error) => stdout.destroy(error));
  const finish = async (): Promise<number> => {
    // As os.popen's close: our end goes away, so a writer that is not done gets SIGPIPE.
    stdout.destroy();
    return status(await started);
  };
  return {
    stdout,
    read: async () => {
      stdout.setEncoding('utf8');
      let text = '';
      for await (const chunk of stdout) text += chunk;
      return text;
    },
    lines: () => lines(stdout),
    [Symbol.asyncIterator]: () => lines(stdout),
    close: finish,
    [Symbol.asyncDispose]: async () => {
      await finish();
    },
  };
}

async function status(p: Popen): Promise<number> {
  await p.wait();
  return p.signalCode ? shellStatus(null, p.signalCode) : (p.returncode as number);
}
