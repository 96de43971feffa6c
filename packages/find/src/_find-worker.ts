// find's worker thread: walks the trees it is handed with blocking reads and sends the matches
// back in batches, in walk order. See `_handoff.ts` for the other side.
import { parentPort, workerData } from 'node:worker_threads';
import { encodeError } from '@sys/core';
import { findPlan, selector } from './_select.js';
import { stepsFrom } from './_walk-sync.js';
import { encodeFound, type FromWorker, fromWireTask, type Job, SEPARATOR, type WireTask } from './_wire.js';
import type { WalkError } from './errors.js';

/** A batch is sent when it holds this many matches... */
const BATCH = 512;
/** ...or when its first match has waited this long (a consumer that wants one match gets it soon). */
const LATENCY_MS = 4;
/** Batches sent and not yet taken before the walk waits: with the caller's backlog, all that is held. */
const UNTAKEN = 2;

const job = workerData as Job;
const port = parentPort as NonNullable<typeof parentPort>;
const send = (message: FromWorker) => port.postMessage(message);

let batch: string[] = [];
let since = 0;
const flush = () => {
  if (batch.length === 0) return;
  send({ items: batch.join(SEPARATOR) });
  batch = [];
  // Blocking is the point here: the walk waits while the caller is this far behind.
  for (let n = Atomics.add(job.credit, 0, 1) + 1; n >= UNTAKEN; n = Atomics.load(job.credit, 0)) {
    Atomics.wait(job.credit, 0, n);
  }
};

const options = {
  ...job.options,
  onError: job.reportErrors
    ? (error: WalkError) => {
        flush();
        // core's codec keeps its class (registered in _wire.ts), path and errno cause.
        send({ error: encodeError(error) });
      }
    : undefined,
};
const plan = findPlan(options);
const select = selector(job.pattern, job.root, options);

port.once('message', (rest: WireTask[]) => {
  for (const step of stepsFrom(rest.map(fromWireTask), plan)) {
    for (const found of select(step)) {
      if (batch.length === 0) since = performance.now();
      batch.push(encodeFound(found, job.entries));
    }
    if (batch.length >= BATCH || (batch.length > 0 && performance.now() - since >= LATENCY_MS)) flush();
  }
  flush();
  send({ done: true });
});
send({ ready: true });
