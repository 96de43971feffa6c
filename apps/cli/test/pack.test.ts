import { chmodSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folder, sys, sysBin } from './_sys.js';

describe('sys pack / unpack / unmore', () => {
  it('packs to a file and unpacks it elsewhere, byte for byte', async () => {
    const dir = folder(['src/a.txt', 'src/sub/b.txt', 'src/node_modules/x.js']);
    writeFileSync(join(dir, 'src/a.txt'), '::::::looks like a separator\nno final newline');
    expect(await sys(dir, 'pack', 'src', '-o', 'out.pack', '--prune', 'node_modules')).toMatchObject({ code: 0 });
    const r = await sys(dir, 'unpack', 'out.pack', '-C', 'copy');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual(['src/', 'src/a.txt', 'src/sub/', 'src/sub/b.txt']);
    expect(readFileSync(join(dir, 'copy/src/a.txt'), 'utf8')).toBe('::::::looks like a separator\nno final newline');
  });

  it('records modification times with --times, and unpack restores them', async () => {
    const dir = folder(['src/a.txt']);
    const when = new Date('2001-02-03T04:05:06.789Z');
    utimesSync(join(dir, 'src/a.txt'), when, when);
    expect((await sys(dir, 'pack', 'src', '-o', 'p', '--times')).code).toBe(0);
    expect(readFileSync(join(dir, 'p'), 'utf8')).toMatch(/^::::::src\/a\.txt\t.*mtime=981173106\.789/m);
    expect((await sys(dir, 'unpack', 'p', '-C', 'copy')).code).toBe(0);
    expect(statSync(join(dir, 'copy/src/a.txt')).mtime.getTime()).toBe(when.getTime());
  });

  it('clears setuid bits from a pack unless --keep-special-bits', async () => {
    const dir = folder(['run.sh']);
    chmodSync(join(dir, 'run.sh'), 0o4755);
    expect((await sys(dir, 'pack', 'run.sh', '-o', 'p')).code).toBe(0);
    expect((await sys(dir, 'unpack', 'p', '-C', 'plain')).code).toBe(0);
    expect((await sys(dir, 'unpack', 'p', '-C', 'kept', '--keep-special-bits')).code).toBe(0);
    expect(statSync(join(dir, 'plain/run.sh')).mode & 0o7777).toBe(0o755);
    expect(statSync(join(dir, 'kept/run.sh')).mode & 0o7777).toBe(0o4755);
  });

  it('packs the folder it writes into without packing its own output', async () => {
    const dir = folder(['a.txt', 'sub/b.txt']);
    const r = await sys(dir, 'pack', '.', '-o', 'self.pack');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect((await sys(dir, 'unpack', '--list', 'self.pack')).stdout.split('\n').filter(Boolean)).toEqual([
      'a.txt',
      'sub/',
      'sub/b.txt',
    ]);
  });

  it('lists entries as JSON with --json and as raw NUL-ended names with -0', async () => {
    const dir = folder(['src/a.txt', 'src/b\nc']);
    await sys(dir, 'pack', 'src', '-o', 'p');
    const json = (await sys(dir, 'unpack', '--list', 'p', '--json')).stdout.split('\n').filter(Boolean);
    expect(json.map((l) => JSON.parse(l))).toMatchObject([
      { path: 'src', type: 'dir', size: 0 },
      { path: 'src/a.txt', type: 'file', size: 9 },
      { path: 'src/b\nc', type: 'file', size: 7 },
    ]);
    expect((await sys(dir, 'unpack', '--list', 'p', '-0')).stdout).toBe('src\0src/a.txt\0src/b\nc\0');
  });

  it('packs to stdout, readable as the files themselves', async () => {
    const dir = folder(['notes.txt']);
    const packed = await sys(dir, 'pack', 'notes.txt');
    expect(packed.stdout.split('\n').slice(0, 3)).toEqual([
      '::::::\tsys-pack 1',
      '::::::notes.txt\tnoeol',
      'x'.repeat(9),
    ]);
    writeFileSync(join(dir, 'p'), packed.stdout);
    expect((await sys(dir, 'unpack', '--list', 'p')).stdout).toBe('notes.txt\n');
  });

  it('refuses an unsafe or damaged pack with one line and exit 2', async () => {
    const dir = folder([]);
    writeFileSync(join(dir, 'evil'), '::::::/etc/cron.d/x\n* * * * * root sh\n');
    const r = await sysBin(dir, ['unpack', 'evil', '-C', 'out']);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe('sys unpack: evil: line 1: refused "/etc/cron.d/x": absolute path\n');
    writeFileSync(join(dir, 'junk'), 'not a pack\n');
    expect((await sys(dir, 'unpack', 'junk')).stderr).toMatch(/^sys unpack: junk: line 1: not a pack/);
  });

  it('keeps existing files unless --force, and changes nothing on --dry-run', async () => {
    const dir = folder(['a.txt']);
    await sys(dir, 'pack', 'a.txt', '-o', 'p');
    writeFileSync(join(dir, 'a.txt'), 'changed');
    expect(await sys(dir, 'unpack', 'p')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^sys unpack: p: line \d+: a\.txt already exists \(--force overwrites it\)\n$/),
    });
    expect((await sys(dir, 'unpack', 'p', '--dry-run', '--force')).stdout).toBe('a.txt\n');
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('changed');
    await sys(dir, 'unpack', 'p', '--force');
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('xxxxx');
  });

  it.each([
    [['unpack', 'nope.pack'], 'sys unpack: nope.pack: no such file or directory\n'],
    [['unpack', '.'], 'sys unpack: .: is a directory, not a pack\n'],
    [['unmore', 'nope.out'], 'sys unmore: nope.out: no such file or directory\n'],
  ])('sys %j says what is wrong with the input in one line, exit 2', async (argv, stderr) => {
    const r = await sysBin(folder([]), argv);
    expect(r).toEqual({ code: 2, stdout: '', stderr });
  });

  it('names stdin as the input that is wrong', async () => {
    const r = await sysBin(folder([]), ['unpack', '--list'], { input: 'not a pack\n' });
    expect(r).toMatchObject({ code: 2, stderr: expect.stringMatching(/^sys unpack: stdin: line 1: not a pack/) });
  });

  it('unmore recreates the files of more output', async () => {
    const dir = folder([]);
    const rule = '::::::::::::::';
    writeFileSync(join(dir, 'more.out'), `${rule}\nx.txt\n${rule}\nhello\n${rule}\ny.txt\n${rule}\nbye\n`);
    const r = await sys(dir, 'unmore', 'more.out', '-C', 'files');
    expect(r).toMatchObject({ code: 0, stdout: 'creating x.txt\ncreating y.txt\n' });
    expect(readFileSync(join(dir, 'files/y.txt'), 'utf8')).toBe('bye\n');
  });
});
