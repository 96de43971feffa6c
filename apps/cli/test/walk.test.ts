import { describe, expect, it } from 'vitest';
import { folder, sys } from './_sys.js';

describe('sys walk', () => {
  const root = folder(['top.txt', 'newdir/temp1', 'newdir/more/xxx.txt']);

  it("prints the chapter's lister output: [dir] then its files", async () => {
    const r = await sys(root, 'walk', '.');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines[0]).toBe('[.]');
    expect(lines[1]).toBe('./top.txt');
    expect(lines.slice(2)).toEqual(['[./newdir]', './newdir/temp1', '[./newdir/more]', './newdir/more/xxx.txt']);
  });

  it('walks bottom-up, prunes, and prints JSON entries', async () => {
    const bottomUp = (await sys(root, 'walk', '.', '--bottom-up')).stdout.split('\n').filter((l) => l.startsWith('['));
    expect(bottomUp).toEqual(['[./newdir/more]', '[./newdir]', '[.]']);
    const pruned = await sys(root, 'walk', '.', '--prune', 'more', '--json');
    expect(
      pruned.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).dir),
    ).toEqual(['.', './newdir']);
  });

  it.each(['--top-down', '--bottom-up'])('prunes %s: nothing below a pruned directory is listed', async (order) => {
    const how = order === '--bottom-up' ? [order] : [];
    const tree = folder(['a.txt', 'node_modules/dep/index.js', 'src/node_modules/x.js', 'src/b.ts']);
    const r = await sys(tree, 'walk', '.', '--prune', 'node_modules', ...how);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('node_modules');
    expect(r.stdout.split('\n').filter(Boolean).sort()).toEqual(['./a.txt', './src/b.ts', '[./src]', '[.]']);
  });

  it('wants exactly one ROOT', async () => {
    expect((await sys(root, 'walk')).code).toBe(2);
  });
});
