import type { Worker, WorkerOptions } from 'node:worker_threads';

// A worker inherits the parent's Node flags; `--input-type` (set by `node -e` scripts) is
// refused in a worker, whose entry is a file.
const execArgv = process.execArgv.filter((flag) => !flag.startsWith('--input-type'));

/** Starts a worker thread on `script` with the parent's Node flags, less those a worker refuses. */
export function startWorker(script: URL | string, options: WorkerOptions = {}): Worker {
  // Loaded here, not at import: every user of @sys/core would pay ~2 ms of start-up for it.
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  return new Worker(script, { execArgv, ...options });
}
