import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, folder } from './_run.js';

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'latin1');

describe('the fixeoln examples', () => {
  it('fixeoln_one converts one file, and converting again changes nothing', async () => {
    const dir = folder({ 'spam.txt': 'a\r\nb\r\n' });
    expect(await example(['fixeoln_one', 'tounix', 'spam.txt'], { cwd: dir })).toMatchObject({
      code: 0,
      stdout: 'Converted spam.txt\n',
    });
    expect(read(dir, 'spam.txt')).toBe('a\nb\n');
    expect((await example(['fixeoln_one', 'tounix', 'spam.txt'], { cwd: dir })).stdout).toBe('Unchanged spam.txt\n');
    expect((await example(['fixeoln_one', 'tomac', 'spam.txt'], { cwd: dir })).code).toBe(2);
  });

  it('fixeoln_dir converts the matching files of one directory, not below it', async () => {
    const dir = folder({ 'a.py': 'x\n', 'b.txt': 'y\n', 'c.md': 'z\n', 'sub/d.py': 'w\n' });
    const r = await example(['fixeoln_dir', 'todos'], { cwd: dir });
    expect(r.stdout).toBe('1 => a.py\n2 => b.txt\nConverted 2 files\n');
    expect(read(dir, 'a.py')).toBe('x\r\n');
    expect(read(dir, 'c.md')).toBe('z\n');
    expect(read(dir, 'sub/d.py')).toBe('w\n');
  });

  it('fixeoln_all converts matching files in the whole tree', async () => {
    const dir = folder({ 'a.py': 'x\r\n', 'sub/deep/b.py': 'y\r\n', 'sub/c.md': 'z\r\n' });
    const r = await example(['fixeoln_all', 'tounix', '*.py'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').at(-2)).toBe('Converted 2 files, 0 already fine, 0 skipped');
    expect(read(dir, 'sub/deep/b.py')).toBe('y\n');
    expect(read(dir, 'sub/c.md')).toBe('z\r\n');
  });
});
