import { bottomUpSteps } from './_bottom-up.js';
import { planWalk } from './_step.js';
import { topDownItems } from './_visit-top-down.js';
import { stepsSync } from './_walk-sync.js';
import type { WalkEntry, WalkOptions } from './walk-options.js';

/** Walks a tree as os.walk does, blocking the thread: the fastest way for scripts and CLIs. */
export function* walkSync(root: string, options: WalkOptions = {}): Generator<WalkEntry, void, undefined> {
  for (const step of stepsSync(root, planWalk(options))) yield step.entry;
}

/** Walks a tree as os.walk does, reading directories on the thread pool, several at a time. */
export async function* walk(root: string, options: WalkOptions = {}): AsyncGenerator<WalkEntry, void, undefined> {
  const plan = planWalk(options);
  if (options.topDown === false) {
    for await (const step of bottomUpSteps(root, plan)) yield step.entry;
    return;
  }
  // One directory at a time: the walk waits until the caller has seen it (and pruned `dirs`).
  yield* topDownItems(root, () => ({ plan, take: (step) => [step.entry] }), 1);
}
