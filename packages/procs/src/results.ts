// What a finished command or pipeline reports: plain types that errors.ts and pipeline.ts
// both need, kept below both so neither imports the other.

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

/** How one stage of a pipeline ended. */
export interface StageResult<T extends string | Buffer = string> {
  command: string[];
  /** Exit code, or null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** What this stage wrote on stderr, when stderr is captured. */
  stderr: T;
}

/** What a pipeline produced: the last stage's output, every stage's stderr, and every stage's status. */
export interface PipelineResult<T extends string | Buffer = string> {
  stdout: T;
  /** Every stage's stderr, in stage order. */
  stderr: T;
  stages: StageResult<T>[];
}
