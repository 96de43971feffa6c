export { ProcessError, type RunResult } from './errors.js';
export { type RunOptions, run } from './run.js';
