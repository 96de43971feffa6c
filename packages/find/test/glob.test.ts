import { describe, expect, it } from 'vitest';
import { glob, globSync } from '../dist/index.js';
import { tree } from './_tree.js';

describe('glob', () => {
  const root = tree(['a.py', 'b.py', '.c.py', 'd.txt', 'sub/e.py', 'sub2/f.py', 'sub2/.g.py']);

  it('matches one directory, hiding dotfiles as Python glob does', async () => {
    expect((await glob('*.py', { cwd: root })).sort()).toEqual(['a.py', 'b.py']);
    expect(await glob('.*.py', { cwd: root })).toEqual(['.c.py']);
  });

  it('expands patterns in directory parts and keeps the path as written', async () => {
    expect((await glob('sub*/*.py', { cwd: root })).sort()).toEqual(['sub/e.py', 'sub2/f.py']);
    expect(await glob(`${root}/sub/*.py`)).toEqual([`${root}/sub/e.py`]);
    expect(await glob('./d.txt', { cwd: root })).toEqual(['./d.txt']);
  });

  it('gives an empty list for no match or a missing directory', async () => {
    expect(await glob('*.rs', { cwd: root })).toEqual([]);
    expect(await glob('missing/*.py', { cwd: root })).toEqual([]);
  });

  it.each([
    '*',
    '*.py',
    '.*',
    'sub*/*',
    'sub2/.*',
    '*/e.py',
    'd.txt',
    'missing/*',
    `${root}/*/*.py`,
    '[ab].py',
    'sub?',
  ])('globSync gives what glob gives, in the same order, for %s', async (pattern) => {
    expect(globSync(pattern, { cwd: root })).toEqual(await glob(pattern, { cwd: root }));
  });

  it('stops when its signal aborts, with the reason', async () => {
    const controller = new AbortController();
    const reason = new Error('enough');
    controller.abort(reason);
    await expect(glob('*/*.py', { cwd: root, signal: controller.signal })).rejects.toBe(reason);
  });
});
