import { StateError, SysError } from '@sys/core';
import type { FailureReason, PipelineResult, RunResult } from './results.js';

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
    options: { cause?: unknown; cwd?: string } = {},
  ) {
    const { cause, cwd } = options;
    const file = command[0] ?? '';
    const message =
      errno === 'ENOENT_CWD'
        ? `cannot run ${file}: the working directory ${cwd} does not exist`
        : `${file}: ${STARTS[errno] ?? errno}`;
    super('ERR_SYS_SPAWN', message, { cause, path: errno === 'ENOENT_CWD' ? cwd : file });
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

/**
 * A Process or Pool child that could not start: it died before it ever answered (a bad
 * `execArgv`, a module that throws at import), or the runner it runs is missing. `stderr`
 * is the last line it wrote there.
 */
export class ChildStartError extends SysError {
  constructor(
    /** Why, in words. */
    readonly reason: string,
    /** How it ended, when it ran at all. */
    readonly exitCode: number | null = null,
    readonly signal: NodeJS.Signals | null = null,
    /** The last line of its stderr, when it wrote one. */
    readonly stderr = '',
    options: { cause?: unknown; path?: string } = {},
  ) {
    super('ERR_SYS_CHILD_START', `${reason}${stderr ? `: ${stderr}` : ''}`, options);
  }
}

/** A task given to a Pool that was closed or terminated, or queued in it when it was terminated. */
export class PoolClosedError extends StateError {
  constructor(reason = 'the Pool is closed: it takes no more tasks') {
    super('ERR_SYS_POOL_CLOSED', reason);
  }
}

/** A Pool call its state does not allow: `join()` before `close()` or `terminate()`. */
export class PoolStateError extends StateError {
  constructor(reason: string) {
    super('ERR_SYS_POOL_STATE', reason);
  }
}

/** A Process call its state does not allow: started twice, joined before start, `send()` outside the child. */
export class ProcessStateError extends StateError {
  constructor(reason: string) {
    super('ERR_SYS_PROCESS_STATE', reason);
  }
}

/** A Pool task that ran past its `timeout`: its worker was ended and replaced. */
export class TaskTimeoutError extends SysError {
  constructor(
    /** The timeout, in milliseconds. */
    readonly timeout: number,
  ) {
    super('ERR_SYS_TASK_TIMEOUT', `the task timed out after ${timeout} ms`);
  }
}
