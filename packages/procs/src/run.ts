import type { Readable } from 'node:stream';
import { Capture, capLimit, empty, type OutputEncoding } from './_capture.js';
import { checkStart, commandList, type StartOptions, spawnError, start } from './_spawn.js';
import { checkInput, type InputChoice, type OutputChoice, planStdio } from './_stdio.js';
import { endTree } from './_tree.js';
import { type EndOptions, ending, type Failure, positive, watch } from './_watch.js';
import { ProcessError } from './errors.js';
import type { RunResult } from './results.js';

/** Options for `run`. */
export interface RunOptions extends StartOptions, EndOptions {
  /** Text or bytes written to the child's stdin, which is then closed. */
  input?: string | Uint8Array;
  /** Where stdin comes from when there is no `input`. @default 'pipe' (closed at once: end of file) */
  stdin?: InputChoice;
  /** Where stdout goes; only 'pipe' is captured into the result. @default 'pipe' */
  stdout?: OutputChoice;
  /** Where stderr goes; only 'pipe' is captured into the result. @default 'pipe' */
  stderr?: OutputChoice;
  /** Text encoding of the captured output, or 'buffer' for bytes. @default 'utf8' */
  encoding?: OutputEncoding;
  /** Bytes of stdout (and of stderr) kept at most; past it the child is ended. @default 100 MiB */
  maxBuffer?: number;
  /** Reject with a ProcessError when the command exits non-zero or dies of a signal. @default false */
  check?: boolean;
}

const MAX_BUFFER = 100 * 1024 * 1024;

/** Runs a command (no shell unless asked) and resolves with its output, exit code and signal. */
export function run(
  command: readonly string[] | string,
  options?: RunOptions & { encoding?: BufferEncoding },
): Promise<RunResult>;
/** Runs a command and resolves with its output as bytes. */
export function run(
  command: readonly string[] | string,
  options: RunOptions & { encoding: 'buffer' },
): Promise<RunResult<Buffer>>;
export function run(
  command: readonly string[] | string,
  options: RunOptions = {},
): Promise<RunResult<string | Buffer>> {
  return new Promise((resolve, reject) => {
    const encoding = options.encoding ?? 'utf8';
    const limit = capLimit(positive('maxBuffer', options.maxBuffer, MAX_BUFFER), encoding);
    const ends = ending(options);
    checkStart(command, options);
    checkInput(options);
    const plan = planStdio(
      options.input === undefined ? (options.stdin ?? 'pipe') : 'pipe',
      options.stdout ?? 'pipe',
      options.stderr ?? 'pipe',
    );
    const { child, group } = start(command, options, plan);
    let failure: Failure | undefined;
    let settled = false;
    const end = (f: Failure) => {
      if (failure || settled) return;
      failure = f;
      endTree(child, group, ends.killSignal, ends.grace);
    };
    const out = plan.stdio[1] === 'pipe' && !plan.sinks[0] ? capture(child.stdout, limit, 'stdout', end) : undefined;
    const err = plan.stdio[2] === 'pipe' && !plan.sinks[1] ? capture(child.stderr, limit, 'stderr', end) : undefined;
    const disarm = watch(ends, end);
    child.once('error', (error) => {
      if (child.pid !== undefined) return; // a failed kill; 'close' still tells the end
      settled = true;
      disarm();
      reject(spawnError(commandList(command), error, options.cwd));
    });
    child.once('close', (code, signal) => {
      if (settled) return;
      settled = true;
      disarm();
      const result: RunResult<string | Buffer> = {
        command: commandList(command),
        stdout: out ? out.value(encoding) : empty(encoding),
        stderr: err ? err.value(encoding) : empty(encoding),
        code,
        signal,
      };
      if (failure) reject(new ProcessError(result, failure));
      else if (options.check && (code !== 0 || signal)) reject(new ProcessError(result));
      else resolve(result);
    });
    if (child.stdin && !plan.feed) child.stdin.end(options.input);
  });
}

function capture(stream: Readable | null, limit: number, name: string, end: (f: Failure) => void): Capture | undefined {
  if (!stream) return undefined;
  return new Capture(stream, limit, () => end({ reason: 'maxBuffer', detail: `${limit} bytes on ${name}` }));
}
