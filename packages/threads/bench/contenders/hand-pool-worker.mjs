// The hand-rolled pool's worker: one message in, one message out, the task fixed here.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (m) => parentPort.postMessage([m[0], m[1] + 1]));
