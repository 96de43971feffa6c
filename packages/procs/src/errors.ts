import { SysError } from '@sys/core';
import type { PipelineResult } from './pipeline.js';

/** The result of a finished child process; `stdout`/`stderr` are Buffers with `encoding: 'buffer'`. */
export interface RunResult<T extends string | Buffer = string> {
  command: string[];
  stdout: T;
  stderr: T;
  /** Exit code, or null when a signal ended the process. */
  code: number | null;
  /** The signal that ended the process, if one did. */
  signal: NodeJS.Signals | null;
}

/** Why a ProcessError was thrown; each reason has its own stable code. */
export type FailureReason = 'exit' | 'timeout' | 'aborted' | 'maxBuffer';

const CODES = {
  exit: 'ERR_SYS_PROCESS',
  timeout: 'ERR_SYS_PROCESS_TIMEOUT',
  aborted: 'ERR_SYS_PROCESS_ABORTED',
  maxBuffer: 'ERR_SYS_PROCESS_MAX_BUFFER',
} as const;

/** What the message says after the command, for each reason. */
function how(reason: FailureReason, result: RunResult<string | Buffer>, detail: string): string {
  if (reason === 'timeout') return `timed out after ${detail} ms and was ended`;
  if (reason === 'aborted') return 'was aborted and ended';
  if (reason === 'maxBuffer') return `wrote more than maxBuffer (${detail}) and was ended`;
  return result.signal ? `was killed by ${result.signal}` : `exited with code ${result.code}`;
}

/**
 * A command that failed: exited non-zero or died of a signal (with `check`), ran past its
 * `timeout`, was aborted, or wrote more than `maxBuffer`. `result` holds what it had written.
 */
export class ProcessError extends SysError {
  /** Why it failed; the same as `code` in words. */
  readonly reason: FailureReason;
  /** The 0-based pipeline stage that failed, for pipelines. */
  readonly stage?: number;
  /** For a pipeline, the whole result: output and every stage's status. */
  readonly pipeline?: PipelineResult<string | Buffer>;

  constructor(
    /** The output captured up to the failure, its exit code and signal. */
    readonly result: RunResult<string | Buffer>,
    options: {
      reason?: FailureReason;
      detail?: string | number;
      stage?: number;
      pipeline?: PipelineResult<string | Buffer>;
      cause?: unknown;
    } = {},
  ) {
    const reason = options.reason ?? 'exit';
    const stderr = typeof result.stderr === 'string' ? result.stderr : result.stderr.toString();
    const tail = stderr.trim().split('\n').slice(-3).join('\n');
    const where = options.stage === undefined ? '' : `stage ${options.stage} of the pipeline, `;
    const message = `${where}${result.command.join(' ')} ${how(reason, result, String(options.detail ?? ''))}`;
    super(CODES[reason], `${message}${tail ? `:\n${tail}` : ''}`, { cause: options.cause });
    this.reason = reason;
    if (options.stage !== undefined) this.stage = options.stage;
    if (options.pipeline !== undefined) this.pipeline = options.pipeline;
  }
}

/** Why a command could not start, as the errno that said so. */
const STARTS: Record<string, string> = {
  ENOENT: 'command not found',
  EACCES: 'permission denied (not executable)',
  EISDIR: 'is a directory, not a command',
  ENOTDIR: 'a part of the path is not a directory',
  ENOEXEC: 'not an executable format',
  E2BIG: 'argument list too long',
};

/** A command that could not be started: missing, not executable, a directory, a missing cwd. */
export class SpawnError extends SysError {
  constructor(
    /** The command that was asked for. */
    readonly command: string[],
    /** The errno code underneath (ENOENT, EACCES, EISDIR...), or ENOENT_CWD for a missing cwd. */
    readonly errno: string,
    cause?: unknown,
    cwd?: string,
  ) {
    const file = command[0] ?? '';
    const message =
      errno === 'ENOENT_CWD'
        ? `cannot run ${file}: the working directory ${cwd} does not exist`
        : `${file}: ${STARTS[errno] ?? errno}`;
    super('ERR_SYS_SPAWN', message, { cause, path: errno === 'ENOENT_CWD' ? cwd : file });
  }
}

/** An error thrown by a function run in a child process, carried back with its stack and code. */
export class RemoteError extends SysError {
  /** The remote error's class name (`TypeError`, `SysError`...). */
  readonly remoteName: string;
  /** The remote error's own `code`, when it had one (`ENOENT`, `ERR_SYS_OPTION`...). */
  readonly remoteCode: string | undefined;

  constructor(remote: { name: string; message: string; stack?: string; code?: string }) {
    super('ERR_SYS_REMOTE', `${remote.name}: ${remote.message}`);
    this.remoteName = remote.name;
    this.remoteCode = remote.code;
    if (remote.stack) this.stack = `${this.name}: in the child process: ${remote.stack}`;
  }
}

/** A child process of a Pool or Process that died before it answered (process.exit, a kill). */
export class ChildExitError extends SysError {
  constructor(
    readonly exitCode: number | null,
    readonly signal: NodeJS.Signals | null,
  ) {
    super(
      'ERR_SYS_CHILD_EXIT',
      `the child process ${signal ? `was killed by ${signal}` : `exited with code ${exitCode}`} before it answered`,
    );
  }
}
