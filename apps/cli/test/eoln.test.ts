import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folder, sys, sysBin } from './_sys.js';

function repo(): string {
  const dir = folder(['src/', '.git/', 'node_modules/']);
  writeFileSync(join(dir, 'dos.txt'), 'a\r\nb\r\n');
  writeFileSync(join(dir, 'src/unix.ts'), 'x\n');
  writeFileSync(join(dir, 'src/mixed.md'), 'm\r\nn\n');
  writeFileSync(join(dir, 'image.bin'), Buffer.from([0, 13, 10]));
  writeFileSync(join(dir, '.git/config'), 'g\r\n');
  writeFileSync(join(dir, 'node_modules/dep.js'), 'd\r\n');
  return dir;
}
const text = (dir: string, path: string) => readFileSync(join(dir, path), 'latin1');

describe('sys eoln', () => {
  it('check lists what tounix would change, exits 1, and changes nothing', async () => {
    const dir = repo();
    const r = await sys(dir, 'eoln', 'check', '.');
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter(Boolean).sort()).toEqual(['./dos.txt', './src/mixed.md']);
    expect(r.stderr).toBe('would convert 2 files, skipped 1, failed 0\n');
    expect(text(dir, 'dos.txt')).toBe('a\r\nb\r\n');
  });

  it('tounix converts the tree, leaving .git, node_modules and binaries alone; then check passes', async () => {
    const dir = repo();
    const r = await sys(dir, 'eoln', 'tounix', '.');
    expect(r).toMatchObject({ code: 0, stderr: 'converted 2 files, skipped 1, failed 0\n' });
    expect(text(dir, 'src/mixed.md')).toBe('m\nn\n');
    expect(text(dir, '.git/config')).toBe('g\r\n');
    expect(text(dir, 'node_modules/dep.js')).toBe('d\r\n');
    expect((await sys(dir, 'eoln', 'check', '.')).code).toBe(0);
  });

  it('todos converts only files matching --pattern; --dry-run changes nothing', async () => {
    const dir = repo();
    expect((await sys(dir, 'eoln', 'todos', 'src', '--pattern', '*.ts', '--dry-run')).stdout).toBe('src/unix.ts\n');
    expect(text(dir, 'src/unix.ts')).toBe('x\n');
    await sys(dir, 'eoln', 'todos', 'src', '--pattern', '*.ts');
    expect(text(dir, 'src/unix.ts')).toBe('x\r\n');
    expect(text(dir, 'src/mixed.md')).toBe('m\r\nn\n');
  });

  it('leaves binary files alone unless --binary', async () => {
    const dir = repo();
    await sys(dir, 'eoln', 'tounix', 'image.bin');
    expect(text(dir, 'image.bin')).toBe('\0\r\n');
    expect(await sys(dir, 'eoln', 'tounix', 'image.bin', '--binary')).toMatchObject({ code: 0, stdout: 'image.bin\n' });
    expect(text(dir, 'image.bin')).toBe('\0\n');
  });

  it('info prints counts, BOM and type per file, as a table or JSON', async () => {
    const dir = repo();
    const r = await sys(dir, 'eoln', 'info', 'dos.txt', 'image.bin', '--json');
    expect(
      r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { path: 'dos.txt', crlf: 2, lf: 0, cr: 0, bom: null, binary: false },
      { path: 'image.bin', crlf: 1, lf: 0, cr: 0, bom: null, binary: true },
    ]);
    const table = (await sys(dir, 'eoln', 'info', 'src')).stdout.split('\n');
    expect(table[0]).toMatch(/CRLF\s+LF\s+CR\s+BOM\s+TYPE\s+FILE/);
    expect(table).toContain('       1       1       0  no_bom  text    src/mixed.md');
  });

  it('reports a file that fails on stderr, goes on with the others, and exits 2', async () => {
    const dir = repo();
    const r = await sysBin(dir, ['eoln', 'tounix', 'missing.txt', 'dos.txt']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('dos.txt\n');
    expect(r.stderr).toBe('sys eoln: missing.txt: no such file or directory\nconverted 1 file, skipped 0, failed 0\n');
  });

  it.each([
    [['eoln'], 'missing ACTION'],
    [['eoln', 'tomac', '.'], "ACTION is tounix, todos, check or info, not 'tomac'"],
    [['eoln', 'tounix'], 'missing PATH'],
    [['eoln', 'check', '.', '--to', 'cr'], "--to wants lf or crlf, not 'cr'"],
  ])('refuses bad usage %j with exit 2', async (argv, message) => {
    const stderr = `sys eoln: ${message} (see 'sys eoln --help')\n`;
    expect(await sys(repo(), ...argv)).toMatchObject({ code: 2, stderr });
  });
});
