import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OptionError } from '@sys/core';
import { describe, expect, it } from 'vitest';
import {
  type FindOptions,
  find,
  findEntries,
  findEntriesSync,
  findList,
  findSync,
  type WalkError,
} from '../dist/index.js';
import { tree } from './_tree.js';

const sample = [
  'setup.py',
  '.hidden.py',
  'pkg/__init__.py',
  'pkg/mod.txt',
  'pkg/sub.py/inner.py',
  'node_modules/dep/index.py',
  '.git/hooks/pre.py',
  'link.py -> pkg/mod.txt',
];

async function both(pattern: string, root: string, options: FindOptions = {}) {
  const asyncPaths: string[] = [];
  for await (const p of find(pattern, root, options)) asyncPaths.push(p);
  const syncPaths = [...findSync(pattern, root, options)];
  expect(asyncPaths).toEqual(syncPaths); // same order too: both walk in the same order
  return syncPaths.map((p) => p.slice(root.length + 1)).sort();
}

describe('find', () => {
  it('yields files and directories whose name matches, dotfiles included, as root/relative paths', async () => {
    const root = tree(sample);
    expect(await both('*.py', root)).toEqual([
      '.git/hooks/pre.py',
      '.hidden.py',
      'link.py',
      'node_modules/dep/index.py',
      'pkg/__init__.py',
      'pkg/sub.py',
      'pkg/sub.py/inner.py',
      'setup.py',
    ]);
  });

  it('prunes directories by name pattern: neither entered nor reported', async () => {
    const root = tree(sample);
    const found = await both('*', root, { prune: ['node_modules', '.git'] });
    expect(found.some((p) => p.startsWith('node_modules') || p.startsWith('.git'))).toBe(false);
    expect(found).toContain('pkg/mod.txt');
  });

  it.each([
    [
      'file',
      [
        '.git/hooks/pre.py',
        '.hidden.py',
        'node_modules/dep/index.py',
        'pkg/__init__.py',
        'pkg/sub.py/inner.py',
        'setup.py',
      ],
    ],
    ['dir', ['pkg/sub.py']],
    ['symlink', ['link.py']],
  ] as const)('keeps only the type %s', async (type, expected) => {
    expect(await both('*.py', tree(sample), { type })).toEqual(expected);
  });

  it('counts a followed symlink as what it points at', async () => {
    const root = tree(sample);
    expect(await both('link.py', root, { type: 'file', followSymlinks: true })).toEqual(['link.py']);
  });

  it('reports a symlink to a directory as a symlink, not entered; followed, as the directory', async () => {
    const root = tree(['real/inner.py', 'alias -> real']);
    const typed = async (options: FindOptions) => {
      const sync = [...findEntriesSync('*', root, options)];
      const async: typeof sync = [];
      for await (const e of findEntries('*', root, options)) async.push(e);
      expect(async).toEqual(sync);
      return sync.map((e) => `${e.path.slice(root.length + 1)} ${e.type}`).sort();
    };
    expect(await typed({})).toEqual(['alias symlink', 'real dir', 'real/inner.py file']);
    expect(await typed({ type: 'symlink' })).toEqual(['alias symlink']);
    expect(await typed({ followSymlinks: true })).toEqual([
      'alias dir',
      'alias/inner.py file',
      'real dir',
      'real/inner.py file',
    ]);
  });

  it('reports no deeper than maxDepth (1: the root entries)', async () => {
    const root = tree(sample);
    expect(await both('*.py', root, { maxDepth: 1 })).toEqual(['.hidden.py', 'link.py', 'setup.py']);
    expect(await both('*.py', root, { maxDepth: 0 })).toEqual([]);
  });

  it('matches the path below the root with a glob when asked', async () => {
    const root = tree(sample);
    expect(await both('pkg/**/*.py', root, { glob: true })).toEqual([
      'pkg/__init__.py',
      'pkg/sub.py',
      'pkg/sub.py/inner.py',
    ]);
  });

  it('joins paths as os.path.join does, whatever the root looks like', async () => {
    const root = tree(['a/b.py']);
    expect(await findList('b.py', `${root}/`)).toEqual([join(root, 'a', 'b.py')]);
  });

  it('findList sorts on request, and the entries forms carry types', async () => {
    const root = tree(['b.py', 'a.py', 'c/']);
    expect(await findList('*', root, { sort: true })).toEqual(['a.py', 'b.py', 'c'].map((n) => join(root, n)));
    const entries = [];
    for await (const e of findEntries('*', root)) entries.push(e);
    expect(entries.sort((x, y) => x.path.localeCompare(y.path))).toEqual(
      [...findEntriesSync('*', root)].sort((x, y) => x.path.localeCompare(y.path)),
    );
    expect(entries.find((e) => e.path.endsWith('c'))?.type).toBe('dir');
  });

  it.each([false, true])(
    'lets the consumer stop early: no directory is read after it leaves (thread: %s)',
    async (thread) => {
      // Every directory has a match, so only pausing or stopping can keep the walk from the rest.
      const root = tree(Array.from({ length: 1500 }, (_, i) => `d${i}/f.py`));
      const errors: WalkError[] = [];
      let n = 0;
      for await (const _ of find('*.py', root, { thread, onError: (e) => errors.push(e) })) {
        if (++n < 3) continue;
        // Take the unread directories away: a walk that ran on would fail to read them.
        for (const name of readdirSync(root)) rmSync(join(root, name), { recursive: true });
        break;
      }
      // Turns of the event loop in which a walk that did not stop would read on.
      for (let i = 0; i < 50; i++) await new Promise((resolve) => setTimeout(resolve, 1));
      expect(n).toBe(3);
      expect(errors).toEqual([]);
    },
  );

  it('is held back by a slow consumer, and still yields everything', async () => {
    const total = 2000;
    const root = tree(Array.from({ length: total }, (_, i) => `d${i}/f.py`));
    const paths: string[] = [];
    for await (const path of find('*.py', root)) {
      paths.push(path);
      if (paths.length !== 1) continue;
      // A slow consumer: time in which a walk that does not pause would read on through the tree.
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Directories the paused walk has not read yet show this new file when it reaches them.
      for (let i = 0; i < total; i++) writeFileSync(join(root, `d${i}`, 'late.py'), '');
    }
    const late = paths.filter((p) => p.endsWith('late.py')).length;
    expect(paths.length - late).toBe(total);
    // Paused, the walk has read at most its backlog (256 matches, one a directory here) and its
    // read-ahead (1,024 listings, 16 reads in flight): the rest must be read after the pause.
    expect(late).toBeGreaterThanOrEqual(total - 1400);
  });

  it('rejects a negative maxDepth with OptionError', async () => {
    await expect(findList('*', '.', { maxDepth: -2 })).rejects.toThrow(OptionError);
    expect(() => [...findSync('*', '.', { maxDepth: -2 })]).toThrow(/maxDepth: must be 0 or more/);
  });

  it('rejects an unknown type with OptionError', async () => {
    const type = 'socket' as FindOptions['type'];
    await expect(findList('*', '.', { type })).rejects.toMatchObject({ code: 'ERR_SYS_OPTION', option: 'type' });
  });

  it('checks its options when iterated, as a generator does, not when called', async () => {
    const iterators = [find('*', '.', { maxDepth: -2 }), findEntries('*', '.', { maxDepth: -2 })];
    for (const it of iterators) await expect(it.next()).rejects.toThrow(OptionError);
  });
});
