import { describe, expect, it } from 'vitest';
import { ReadAhead } from '../src/_read-ahead.js';
import { children, rootTask } from '../src/_step.js';
import { tree } from './_tree.js';

/** 40 directories of 30 files: wide enough that what is read ahead can be told by its names. */
function wideTree(): string {
  const paths: string[] = [];
  for (let d = 0; d < 40; d++) for (let f = 0; f < 30; f++) paths.push(`d${d}/f${f}.txt`);
  return tree(paths);
}

/** Reads the root, then lets the read-ahead run on its own while the walk takes nothing more; counts the reads. */
async function readsAhead(root: string, bounds: { dirs: number; names: number }): Promise<number> {
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
  // Plenty of turns for every read the bounds allow to finish.
  for (let i = 0; i < 50; i++) await new Promise((resolve) => setTimeout(resolve, 2));
  reader.close();
  return read;
}

describe('ReadAhead', () => {
  it('stops reading ahead once the listings waiting hold as many names as allowed', async () => {
    const root = wideTree();
    // Unbounded by names, every directory is read while the walk waits.
    expect(await readsAhead(root, { dirs: 1024, names: Number.POSITIVE_INFINITY })).toBe(41);
    // 30 names a directory, a bound of 100: after the first reads in flight land, no new one starts.
    const bounded = await readsAhead(root, { dirs: 1024, names: 100 });
    expect(bounded).toBeGreaterThan(1);
    expect(bounded).toBeLessThanOrEqual(1 + 16 + 4);
  });
});
