// The script every Thread runs: rebuild the target, call it, post back its result or error.
import { parentPort, workerData } from 'node:worker_threads';
import { encodeError } from '@sys/core';
import { compile, load, type TargetSpec } from './_job.js';
import { decodeShared } from './_shareable.js';

/** What a Thread sends its worker. */
export interface ThreadJob {
  target?: TargetSpec;
  args: unknown[];
  /** The subclass form: the instance's data and its methods' source. */
  self?: { data: Record<string, unknown>; methods: Record<string, string> };
}

async function main(job: ThreadJob): Promise<unknown> {
  const args = decodeShared(job.args) as unknown[];
  if (job.self) {
    const proto: Record<string, unknown> = {};
    for (const [name, source] of Object.entries(job.self.methods)) proto[name] = compile(source);
    const self = Object.assign(Object.create(proto), decodeShared(job.self.data));
    return await (self.run as () => unknown).call(self);
  }
  const fn = await load(job.target as TargetSpec);
  return await fn(...args);
}

const port = parentPort;
if (port) {
  try {
    port.postMessage({ ok: true, value: await main(workerData as ThreadJob) });
  } catch (error) {
    port.postMessage({ ok: false, error: encodeError(error) });
  }
}
