import { spawn } from 'node:child_process';
import { ProcessError, type RunResult } from './errors.js';

/** Options for `run`. */
export interface RunOptions {
  /** Working directory of the child. @default process.cwd() */
  cwd?: string;
  /** Text or bytes written to the child's stdin, which is then closed. */
  input?: string | Uint8Array;
  /** Environment of the child. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Throw a ProcessError when the command fails. @default false */
  check?: boolean;
}

/** Runs a command without a shell and resolves with its output, exit code and signal. */
export function run(command: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const [file, ...args] = command;
  if (file === undefined) return Promise.reject(new TypeError('run: the command is empty'));
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: options.cwd, env: options.env, stdio: 'pipe' });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const result: RunResult = {
        command: [...command],
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
        code,
        signal,
      };
      if (options.check && (code !== 0 || signal)) reject(new ProcessError(result));
      else resolve(result);
    });
    // A child that exits before reading its input must not crash us with EPIPE.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input);
  });
}
