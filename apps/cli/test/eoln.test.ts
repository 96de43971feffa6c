import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folder, sys, sysBin, sysBinBytes } from './_sys.js';

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

/** `dir/part/...` as bytes; a part given as numbers is raw bytes. */
const at = (dir: string, ...parts: (string | number[])[]) =>
  Buffer.concat([Buffer.from(dir), ...parts.flatMap((p) => [Buffer.from('/'), Buffer.from(p)])]);

/** Whether the temp file system takes names that are not UTF-8 (some refuse them with EILSEQ). */
const takesByteNames = (() => {
  try {
    writeFileSync(at(folder([]), [0xff]), '');
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!takesByteNames)('sys eoln, names that are not UTF-8', () => {
  /** bad\xff.txt, bad\xfe.txt and a literal bad\uFFFD.txt side by side, a folder d\xfe with one inside. */
  function oddTree(): { dir: string; files: Buffer[] } {
    const dir = folder(['sub/']);
    mkdirSync(at(dir, 'sub', [0x64, 0xfe]));
    const bad = (b: number) => [0x62, 0x61, 0x64, b, 0x2e, 0x74, 0x78, 0x74];
    const files = [
      at(dir, 'sub', bad(0xff)),
      at(dir, 'sub', bad(0xfe)),
      at(dir, 'sub', 'bad\uFFFD.txt'),
      at(dir, 'sub', [0x64, 0xfe], 'in.txt'),
    ];
    for (const [i, f] of files.entries()) writeFileSync(f, `${i}\r\n`);
    return { dir, files };
  }
  const shown = (files: Buffer[], dir: string) =>
    files.map((f) => f.subarray(dir.length + 1).toString('latin1')).sort();

  it('tounix converts every file, exits 0, prints each name as its bytes', async () => {
    const { dir, files } = oddTree();
    const r = await sysBinBytes(dir, ['eoln', 'tounix', 'sub']);
    expect(r).toMatchObject({ code: 0, stderr: 'converted 4 files, skipped 0, failed 0\n' });
    expect(files.map((f) => readFileSync(f, 'latin1'))).toEqual(['0\n', '1\n', '2\n', '3\n']);
    expect(r.stdout.toString('latin1').split('\n').filter(Boolean).sort()).toEqual(shown(files, dir));
    expect(readdirSync(at(dir, 'sub'), { encoding: 'buffer' })).toHaveLength(4); // no temp file left
  });

  it('info reports each of them, its name as bytes (\\udcXX in --json)', async () => {
    const { dir } = oddTree();
    const r = await sysBinBytes(dir, ['eoln', 'info', 'sub', '--json']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const rows = r.stdout
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(rows.map((row) => row.path).sort()).toEqual(
      ['sub/bad\udcfe.txt', 'sub/bad\udcff.txt', 'sub/bad\uFFFD.txt', 'sub/d\udcfe/in.txt'].sort(),
    );
    expect(rows.every((row) => row.crlf === 1)).toBe(true);
  });

  it('names a file that fails with its bad byte escaped, and exits 2', async () => {
    const { dir, files } = oddTree();
    chmodSync(files[0] as Buffer, 0o444);
    const r = await sysBinBytes(dir, ['eoln', 'tounix', 'sub']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sys eoln: "sub/bad\\xff.txt": read-only file');
    expect(readFileSync(files[1] as Buffer, 'latin1')).toBe('1\n');
  });
});
