import type { DirTask } from './_listing.js';
import { children, type Plan, readSync, rootTask, type Step } from './_step.js';

/** A directory waiting, bottom-up, for the subdirectories below it to be walked first. */
interface Frame {
  step: Step;
  pending: DirTask[];
  next: number;
}

/** The subdirectories of a step to walk bottom-up: fixed when it is read (editing `dirs` later changes nothing). */
function pendingOf(step: Step, plan: Plan): DirTask[] {
  return step.task.depth < plan.maxDepth ? children(step.task, step.listing, step.entry.dirs, plan.options) : [];
}

/** The blocking walk; top-down, the caller may edit `step.entry.dirs` before asking for the next step. */
export function* stepsSync(root: string, plan: Plan): Generator<Step, void, undefined> {
  if (plan.options.topDown === false) yield* bottomUpSync(root, plan);
  else yield* stepsFrom([rootTask(root)], plan);
}

/** The blocking top-down walk of the trees below `tasks`, one after another in the order given. */
export function* stepsFrom(tasks: readonly DirTask[], plan: Plan): Generator<Step, void, undefined> {
  const stack = tasks.toReversed();
  for (let task = stack.pop(); task; task = stack.pop()) {
    const step = readSync(task, plan);
    if (!step) continue;
    yield step;
    if (task.depth >= plan.maxDepth) continue;
    const next = children(task, step.listing, step.entry.dirs, plan.options);
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i] as DirTask);
  }
}

function* bottomUpSync(root: string, plan: Plan): Generator<Step, void, undefined> {
  const frames: Frame[] = [];
  const open = (task: DirTask) => {
    const step = readSync(task, plan);
    if (step) frames.push({ step, pending: pendingOf(step, plan), next: 0 });
  };
  open(rootTask(root));
  while (frames.length > 0) {
    const frame = frames.at(-1) as Frame;
    const child = frame.pending[frame.next++];
    if (child) open(child);
    else {
      frames.pop();
      yield frame.step;
    }
  }
}
