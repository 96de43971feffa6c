export type { OutputEncoding } from './_capture.js';
export type { ForkOptions } from './_fork.js';
export type { StartOptions } from './_spawn.js';
export type { InputChoice, OutputChoice } from './_stdio.js';
export type { EndOptions } from './_watch.js';
export { type DetachedOptions, type DetachedOutput, spawnDetached } from './detached.js';
export {
  ChildExitError,
  ChildStartError,
  PoolClosedError,
  PoolStateError,
  ProcessError,
  ProcessStateError,
  SpawnError,
  TaskTimeoutError,
} from './errors.js';
export { type PipelineOptions, pipeline } from './pipeline.js';
export {
  type ImapOptions,
  type MapOptions,
  Pool,
  type PoolOptions,
  type TaskFunction,
  type TaskOptions,
} from './pool.js';
export { type Communicated, type CommunicateOptions, Popen, type PopenOptions } from './popen.js';
export { Process, type ProcessOptions } from './process.js';
export type { FailureReason, PipelineResult, RunResult, StageResult } from './results.js';
export { type RunOptions, run } from './run.js';
export { type PopenReader, type PopenWriter, popen, type SystemOptions, system } from './shell.js';
