import { closeSync, ftruncateSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { largest, largestSync } from '../dist/index.js';
import { takesByteNames, tree } from './_tree.js';

function sized(root: string, files: Record<string, number>): void {
  for (const [name, size] of Object.entries(files)) {
    const path = join(root, name);
    mkdirSync(join(path, '..'), { recursive: true });
    const fd = openSync(path, 'w');
    ftruncateSync(fd, size);
    closeSync(fd);
  }
}

describe.each([
  ['largest', largest],
  ['largestSync', async (...args: Parameters<typeof largestSync>) => largestSync(...args)],
] as const)('%s', (_name, top) => {
  it('returns the n largest files, biggest first, as a full sort would', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(50_000), { minLength: 0, maxLength: 40 }), fc.nat(12), async (sizes, n) => {
        const root = tree([]);
        sized(root, Object.fromEntries(sizes.map((s, i) => [`d${i % 4}/f${i}`, s])));
        const got = await top(root, n);
        const want = sizes
          .map((size, i) => ({ path: join(root, `d${i % 4}`, `f${i}`), size }))
          .sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1))
          .slice(0, n);
        expect(got).toEqual(want);
      }),
      { numRuns: 25 },
    );
  });

  it('counts only files whose name matches the pattern, and skips pruned directories', async () => {
    const root = tree([]);
    sized(root, { 'a.log': 500, 'b.txt': 900, 'skip/c.log': 800, 'keep/d.log': 10 });
    expect(await top(root, 5, { pattern: '*.log', prune: ['skip'] })).toEqual([
      { path: join(root, 'a.log'), size: 500 },
      { path: join(root, 'keep', 'd.log'), size: 10 },
    ]);
  });

  it('does not count symlinks or directories', async () => {
    const root = tree(['dir/', 'link -> /etc/passwd']);
    sized(root, { 'only.bin': 3 });
    expect(await top(root, 10)).toEqual([{ path: join(root, 'only.bin'), size: 3 }]);
  });

  it.skipIf(!takesByteNames)(
    'sizes each of two files whose names differ only in bytes that are not UTF-8',
    async () => {
      const root = tree([]);
      for (const [last, size] of [
        [0xff, 7],
        [0xfe, 5],
      ] as const) {
        const fd = openSync(Buffer.concat([Buffer.from(`${root}/f`), Buffer.from([last])]), 'w');
        ftruncateSync(fd, size);
        closeSync(fd);
      }
      expect((await top(root, 5)).map((f) => f.size)).toEqual([7, 5]);
    },
  );

  it('rejects an n that is not a whole number', async () => {
    await expect(top('.', -1)).rejects.toThrow(/whole number/);
    await expect(top('.', 1.5)).rejects.toThrow(/whole number/);
  });
});
