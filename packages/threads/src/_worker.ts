import { Worker, type WorkerOptions } from 'node:worker_threads';

// A worker inherits the parent's Node flags; `--input-type` (set by `node -e` scripts) is
// refused in a worker, whose entry is a file.
const execArgv = process.execArgv.filter((flag) => !flag.startsWith('--input-type'));

/** Starts a worker on one of this package's scripts with the parent's usable Node flags. */
export function startWorker(script: URL, options: WorkerOptions): Worker {
  return new Worker(script, { execArgv, ...options });
}
