export type { OutputEncoding } from './_capture.js';
export type { ForkOptions } from './_fork.js';
export type { StartOptions } from './_spawn.js';
export type { InputChoice, OutputChoice } from './_stdio.js';
export type { EndOptions } from './_watch.js';
export { type DetachedOptions, type DetachedOutput, spawnDetached } from './detached.js';
export {
  ChildExitError,
  type FailureReason,
  ProcessError,
  RemoteError,
  type RunResult,
  SpawnError,
} from './errors.js';
export { type PipelineOptions, type PipelineResult, pipeline, type StageResult } from './pipeline.js';
export { Pool, type PoolOptions, type TaskFunction } from './pool.js';
export { type Communicated, type CommunicateOptions, Popen, type PopenOptions } from './popen.js';
export { Process, type ProcessOptions } from './process.js';
export { type RunOptions, run } from './run.js';
export { type PopenReader, type PopenWriter, popen, type SystemOptions, system } from './shell.js';
