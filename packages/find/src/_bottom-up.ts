import type { DirTask } from './_listing.js';
import { type Plan, rootTask, type Step } from './_step.js';
import { readAheadFor, takenReady } from './_visit-top-down.js';

/** The async bottom-up walk: each directory after everything below it, read ahead on the pool. */
export async function* bottomUpSteps(root: string, plan: Plan): AsyncGenerator<Step, void, undefined> {
  const reader = readAheadFor(plan);
  const frames: { step: Step; pending: DirTask[]; next: number }[] = [];
  const open = async (task: DirTask) => {
    plan.options.signal?.throwIfAborted();
    // The subdirectories to walk are fixed when it is read: editing `dirs` later changes nothing.
    const ready = takenReady(await reader.take(task), plan);
    if (ready) frames.push({ step: ready.step, pending: ready.kids, next: 0 });
  };
  try {
    await open(rootTask(root));
    while (frames.length > 0) {
      const frame = frames.at(-1) as (typeof frames)[number];
      const child = frame.pending[frame.next++];
      if (child) await open(child);
      else {
        frames.pop();
        yield frame.step;
      }
    }
  } finally {
    reader.close();
  }
}
