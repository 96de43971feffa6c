import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folder, sys, sysBinBytes } from './_sys.js';

const names = (dir: string) => readdirSync(dir).sort();

describe('sys rename', () => {
  it('upper-cases the files a glob matches, as the chapter does', async () => {
    const dir = folder(['cheader1.py', 'finder1.py', 'notes.txt']);
    const r = await sys(dir, 'rename', '*.py', '--upper');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean).sort()).toEqual([
      'cheader1.py -> CHEADER1.PY',
      'finder1.py -> FINDER1.PY',
    ]);
    expect(names(dir)).toEqual(['CHEADER1.PY', 'FINDER1.PY', 'notes.txt']);
  });

  it('replaces text and regex matches, and changes nothing on --dry-run', async () => {
    const dir = folder(['a-1.txt', 'b-2.txt']);
    expect((await sys(dir, 'rename', '*.txt', '--replace', '-', '_', '--dry-run')).stdout).toContain(
      'a-1.txt -> a_1.txt',
    );
    expect(names(dir)).toEqual(['a-1.txt', 'b-2.txt']);
    await sys(dir, 'rename', '*.txt', '--sub', '^(\\w)-(\\d)', '$2-$1');
    expect(names(dir)).toEqual(['1-a.txt', '2-b.txt']);
  });

  it('refuses to overwrite an existing file or to let two renames collide, and says which', async () => {
    const dir = folder(['x.py', 'X.PY', 'a.txt', 'A.txt', 'ok.md']);
    const r = await sys(dir, 'rename', '*', '--upper');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('sys rename: x.py: not renamed to X.PY: a file of that name exists\n');
    expect(r.stderr).toContain('sys rename: a.txt: not renamed to A.TXT: so would A.txt\n');
    expect(names(dir)).toEqual(['A.txt', 'OK.MD', 'X.PY', 'a.txt', 'x.py']);
  });

  it('renames files below the folder with --recursive, leaving directories', async () => {
    const dir = folder(['top.js', 'src/deep/inner.js', 'src/keep.ts']);
    await sys(dir, 'rename', '*.js', '--recursive', '--replace', '.js', '.mjs');
    expect(existsSync(join(dir, 'src/deep/inner.mjs'))).toBe(true);
    expect(existsSync(join(dir, 'top.mjs'))).toBe(true);
  });

  it('renames a file whose name is not UTF-8, keeping the bytes it does not change', async () => {
    const dir = folder(['ok.txt']);
    writeFileSync(Buffer.from([...Buffer.from(`${dir}/`), 0xff, ...Buffer.from('.txt')]), 'x');
    const r = await sysBinBytes(dir, ['rename', '*.txt', '--upper']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    // The line names the file by its bytes, as find does.
    expect(r.stdout.includes(Buffer.from([0xff, ...Buffer.from('.txt -> '), 0xff, ...Buffer.from('.TXT\n')]))).toBe(
      true,
    );
    expect(readdirSync(dir, { encoding: 'buffer' }).sort(Buffer.compare)).toEqual([
      Buffer.from('OK.TXT'),
      Buffer.from([0xff, ...Buffer.from('.TXT')]),
    ]);
    const json = await sys(dir, 'rename', '*.TXT', '--lower', '--json');
    expect(
      json.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { from: 'OK.TXT', to: 'ok.txt' },
      { from: '\udcff.TXT', to: '\udcff.txt' },
    ]);
  });

  it('prints each rename as JSON with --json', async () => {
    const dir = folder(['a b.txt']);
    const r = await sys(dir, 'rename', '*.txt', '--replace', ' ', '_', '--json');
    expect(r).toMatchObject({ code: 0, stdout: '{"from":"a b.txt","to":"a_b.txt"}\n' });
  });

  it('wants exactly one way to rename', async () => {
    const dir = folder(['a']);
    expect((await sys(dir, 'rename', '*', '--upper', '--lower')).code).toBe(2);
    expect((await sys(dir, 'rename', '*', '--sub', '(')).code).toBe(2);
  });
});
