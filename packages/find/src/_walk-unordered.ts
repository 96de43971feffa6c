import type { DirTask } from './_listing.js';
import { list } from './_listing.js';
import { IN_FLIGHT } from './_read-ahead.js';
import { children, enter, type Plan, reportUnreadable, rootTask, type Step, stepOf } from './_step.js';

/**
 * Every directory in no particular order, as fast as the thread pool reads them: for callers
 * whose result does not depend on the order (`largest`). `visit` runs synchronously for each
 * directory as its listing arrives and may prune `step.entry.dirs`.
 */
export function walkUnordered(root: string, plan: Plan, visit: (step: Step) => void): Promise<void> {
  const { options, maxDepth } = plan;
  const follow = options.followSymlinks === true;
  return new Promise((resolve, reject) => {
    const waiting: DirTask[] = [rootTask(root)];
    let reading = 0;
    let failed = false;
    const fail = (error: unknown) => {
      failed = true;
      reject(error);
    };
    const pump = () => {
      if (failed) return;
      if (options.signal?.aborted) return fail(options.signal.reason);
      while (reading < IN_FLIGHT && waiting.length > 0) start(waiting.pop() as DirTask);
      if (reading === 0 && waiting.length === 0) resolve();
    };
    const read = (task: DirTask) =>
      list(task, follow, (error, listing) => {
        reading--;
        if (failed) return;
        try {
          if (error) reportUnreadable(task, error, options);
          else if (listing) {
            const step = stepOf(task, listing, plan);
            visit(step);
            if (task.depth < maxDepth) waiting.push(...children(task, listing, step.entry.dirs, options));
          }
        } catch (thrown) {
          return fail(thrown);
        }
        pump();
      });
    const start = (task: DirTask) => {
      reading++;
      if (!follow) return read(task);
      enter(task, options).then((entered) => {
        if (entered) return read(task);
        reading--;
        pump();
      }, fail);
    };
    pump();
  });
}
