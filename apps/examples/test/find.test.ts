import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, folder } from './_run.js';

const lines = (text: string) => text.split('\n').filter(Boolean);

describe('the chapter’s directory tools', () => {
  const root = folder({
    'about-pp.html': '<p>',
    'newdir/temp1': '1',
    'newdir/more/xxx.txt': 'xx',
    'newdir/more/yyy.txt': 'yyyyyyyyyy',
  });

  it('find prints every name matching the pattern below DIR', async () => {
    const r = await example(['find', '*.txt', root]);
    expect(r.code).toBe(0);
    expect(lines(r.stdout).sort()).toEqual([join(root, 'newdir/more/xxx.txt'), join(root, 'newdir/more/yyy.txt')]);
    expect((await example(['find'])).code).toBe(2);
  });

  it('lister prints [dir] then its files, for every directory', async () => {
    const out = lines((await example(['lister', root])).stdout);
    expect(out[0]).toBe(`[${root}]`);
    expect(out).toContain(`[${join(root, 'newdir/more')}]`);
    expect(out).toContain(join(root, 'newdir/more/yyy.txt'));
    expect(out.filter((l) => l.startsWith('['))).toHaveLength(3);
  });

  it('walk prints each directory with its files indented', async () => {
    const out = lines((await example(['walk', root])).stdout);
    expect(out[0]).toBe(`${root} =>`);
    expect(out[1]).toBe('\tabout-pp.html');
    expect(out).toContain('\txxx.txt');
  });

  it('scandir prints name, path and whether each entry is a file', async () => {
    const out = lines((await example(['scandir', root])).stdout).sort();
    expect(out).toEqual([`about-pp.html ${join(root, 'about-pp.html')} true`, `newdir ${join(root, 'newdir')} false`]);
  });

  it('bigfiles prints the largest files first', async () => {
    const out = lines((await example(['bigfiles', root, '2'])).stdout);
    expect(out).toEqual([`10 ${join(root, 'newdir/more/yyy.txt')}`, `3 ${join(root, 'about-pp.html')}`]);
  });

  it('rename upper-cases the files a glob matches', async () => {
    const dir = folder({ 'cheader1.py': '', 'finder1.py': '', 'summer.py': '', 'keep.txt': '' });
    const r = await example(['rename', '*.py'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['CHEADER1.PY', 'FINDER1.PY', 'SUMMER.PY', 'keep.txt']);
    expect(lines(r.stdout).at(-1)).toContain('SUMMER.PY');
  });
});
