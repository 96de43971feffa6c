import type { DirTask } from './_listing.js';
import { type Plan, rootTask, type Step } from './_step.js';
import { readAheadFor, takenStep } from './_visit-top-down.js';
import { pendingOf } from './_walk-sync.js';

/** The async bottom-up walk: each directory after everything below it, read ahead on the pool. */
export async function* bottomUpSteps(root: string, plan: Plan): AsyncGenerator<Step, void, undefined> {
  const reader = readAheadFor(plan);
  const frames: { step: Step; pending: DirTask[]; next: number }[] = [];
  const open = async (task: DirTask) => {
    plan.options.signal?.throwIfAborted();
    const step = takenStep(await reader.take(task), plan);
    if (step) frames.push({ step, pending: pendingOf(step, plan), next: 0 });
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
