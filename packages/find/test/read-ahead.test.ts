import { describe, expect, it } from 'vitest';
import { ReadAhead } from '../dist/_read-ahead.js';
import { children, planWalk, rootTask } from '../dist/_step.js';
import { visitTopDown } from '../dist/_visit-top-down.js';
import { stepsFrom, stepsSync } from '../dist/_walk-sync.js';
import { tree } from './_tree.js';

/** 40 directories of 30 files: wide enough that what is read ahead can be told by its names. */
function wideTree(): string {
  const paths: string[] = [];
  for (let d = 0; d < 40; d++) for (let f = 0; f < 30; f++) paths.push(`d${d}/f${f}.txt`);
  return tree(paths);
}

/**
 * Reads the root, then lets the read-ahead run on its own while the walk takes nothing more, for
 * 100 ms and then until `enough` reads (a loaded machine may need longer); counts the reads.
 */
async function readsAhead(root: string, bounds: { dirs: number; names: number }, enough = 0): Promise<number> {
  let read = 0;
  const reader = new ReadAhead(
    {
      enter: async () => true,
      follow: false,
      prepare: (task, listing) => {
        read++;
        return children(task, listing, listing.dirs, {});
      },
      ahead: (kids) => kids,
    },
    bounds,
  );
  await reader.take(rootTask(root));
  for (let i = 0; i < 50 || (read < enough && i < 5000); i++) await new Promise((resolve) => setTimeout(resolve, 2));
  reader.close();
  return read;
}

describe('ReadAhead', () => {
  it('stops reading ahead once the listings waiting hold as many names as allowed', async () => {
    const root = wideTree();
    // Unbounded by names, every directory is read while the walk waits.
    expect(await readsAhead(root, { dirs: 1024, names: Number.POSITIVE_INFINITY }, 41)).toBe(41);
    // 30 names a directory, a bound of 100: after the first reads in flight land, no new one starts.
    const bounded = await readsAhead(root, { dirs: 1024, names: 100 });
    expect(bounded).toBeGreaterThan(1);
    expect(bounded).toBeLessThanOrEqual(1 + 16 + 4);
  });
});

describe('visitTopDown', () => {
  /** The directories a walk visits (relative to root) until it ends; `failAt` makes preparing that one throw. */
  async function visits(root: string, failAt?: string): Promise<{ visited: string[]; error?: unknown }> {
    const visited: string[] = [];
    const walk = visitTopDown(
      root,
      planWalk({}),
      (step) => {
        const rel = step.task.path.slice(root.length);
        if (rel === failAt) throw new Error(`cannot prepare ${rel}`);
        return rel;
      },
      (rel) => {
        visited.push(rel ?? '?');
        return true;
      },
    );
    const error = await walk.done.then(
      () => undefined,
      (e: unknown) => e,
    );
    return { visited, error };
  }

  it('fails at the directory whose preparing threw, after visiting exactly those before it in walk order', async () => {
    const root = tree(['a/x/1', 'b/2', 'c/3', 'd/4', 'e/5']);
    const { visited: order } = await visits(root);
    expect(order.slice().sort()).toEqual(['', '/a', '/a/x', '/b', '/c', '/d', '/e']);
    const { visited, error } = await visits(root, '/c');
    expect((error as Error).message).toBe('cannot prepare /c');
    expect(visited).toEqual(order.slice(0, order.indexOf('/c')));
  });

  it('detached after any number of directories, gives back exactly the rest of the walk, in order', async () => {
    const root = tree(['a/x/1', 'a/y/', 'b/2', 'c/p/q/3', 'c/r/', 'd/4', 'e/5/6/']);
    const plan = planWalk({});
    const all = [...stepsSync(root, plan)].map((step) => step.entry.dir);
    for (let k = 1; k <= all.length; k++) {
      const visited: string[] = [];
      const walk = visitTopDown(
        root,
        plan,
        () => undefined,
        (_, step) => {
          visited.push(step.entry.dir);
          return visited.length < k; // pause after k directories
        },
      );
      while (visited.length < k) await new Promise((resolve) => setTimeout(resolve, 1));
      const rest = walk.detach() ?? [];
      await walk.done;
      const after = [...stepsFrom(rest, plan)].map((step) => step.entry.dir);
      expect([...visited, ...after]).toEqual(all);
      expect(walk.detach()).toBeUndefined();
    }
  });
});
