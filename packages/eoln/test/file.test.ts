import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSysError, type SysError } from '@sys/core';
import { describe, expect, it } from 'vitest';
import { ConvertError, convertFile, convertTree, type FileResult } from '../dist/index.js';
import { folder } from './_files.js';

const read = (p: string) => readFileSync(p, 'latin1');

describe('convertFile', () => {
  it('rewrites a file whose endings change and reports the counts', async () => {
    const dir = folder();
    const path = join(dir, 'dos.txt');
    writeFileSync(path, 'a\r\nb\r\r\nc\rd\n');
    const result = await convertFile(path, 'tounix');
    expect(result).toMatchObject({
      status: 'changed',
      changed: true,
      before: { crlf: 2, lf: 1, cr: 2 },
      after: { crlf: 0, lf: 3, cr: 1 },
    });
    expect(read(path)).toBe('a\nb\nc\rd\n');
  });

  it('does not touch a file that is already in the target form', async () => {
    const dir = folder();
    const path = join(dir, 'unix.txt');
    writeFileSync(path, 'a\nb\n');
    const before = statSync(path);
    utimesSync(path, before.atime, new Date(2000, 0, 1));
    expect(await convertFile(path, 'lf')).toMatchObject({ status: 'unchanged', changed: false });
    expect(statSync(path).mtime.getFullYear()).toBe(2000);
    expect(statSync(path).ino).toBe(before.ino);
  });

  it('keeps the mode, and the mtime when asked', async () => {
    const dir = folder();
    const path = join(dir, 'script.sh');
    writeFileSync(path, '#!/bin/sh\necho hi\n');
    chmodSync(path, 0o751);
    utimesSync(path, new Date(2001, 1, 1), new Date(2001, 1, 1));
    await convertFile(path, 'crlf', { keepMtime: true });
    expect(read(path)).toBe('#!/bin/sh\r\necho hi\r\n');
    expect(statSync(path).mode & 0o777).toBe(0o751);
    expect(statSync(path).mtime.getFullYear()).toBe(2001);
  });

  it('skips binary files, UTF-16 files and symlinks unless asked', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'bin'), Buffer.from('a\0\r\n'));
    writeFileSync(join(dir, 'wide'), Buffer.from('\ufeffa\r\n', 'utf16le'));
    writeFileSync(join(dir, 'target.txt'), 'x\r\n');
    symlinkSync('target.txt', join(dir, 'link'));
    expect(await convertFile(join(dir, 'bin'), 'lf')).toMatchObject({ status: 'skipped', reason: 'binary' });
    expect(await convertFile(join(dir, 'wide'), 'lf')).toMatchObject({ status: 'skipped', reason: 'utf-16/32' });
    expect(await convertFile(join(dir, 'link'), 'lf')).toMatchObject({ status: 'skipped', reason: 'symlink' });
    expect(read(join(dir, 'target.txt'))).toBe('x\r\n');
    expect(await convertFile(join(dir, 'link'), 'lf', { followSymlinks: true })).toMatchObject({ status: 'changed' });
    expect(read(join(dir, 'target.txt'))).toBe('x\n');
    expect(await convertFile(join(dir, 'bin'), 'lf', { convertBinary: true })).toMatchObject({ status: 'changed' });
  });

  it('reports what would change on a dry run and changes nothing', async () => {
    const dir = folder();
    const path = join(dir, 'a.txt');
    writeFileSync(path, 'a\r\n');
    expect(await convertFile(path, 'lf', { dryRun: true })).toMatchObject({ status: 'changed', changed: false });
    expect(read(path)).toBe('a\r\n');
  });

  it('refuses read-only and missing files with a ConvertError, leaving them alone', async () => {
    const dir = folder();
    const path = join(dir, 'ro.txt');
    writeFileSync(path, 'a\r\n');
    chmodSync(path, 0o444);
    await expect(convertFile(path, 'lf')).rejects.toThrow(ConvertError);
    await expect(convertFile(path, 'lf')).rejects.toThrow(/read-only/);
    expect(read(path)).toBe('a\r\n');
    await expect(convertFile(join(dir, 'gone.txt'), 'lf')).rejects.toMatchObject({
      code: 'ERR_SYS_EOLN_CONVERT',
      message: expect.stringContaining('no such file'),
    });
  });

  it('keeps the times to the microsecond with keepMtime', async () => {
    const path = join(folder(), 'dated.txt');
    writeFileSync(path, 'a\r\n');
    execFileSync('touch', ['-d', '@1500000000.123456789', path]);
    await convertFile(path, 'lf', { keepMtime: true });
    expect(read(path)).toBe('a\n');
    expect(statSync(path, { bigint: true }).mtimeNs / 1000n).toBe(1500000000123456n);
  });

  it('converts a file whose name is 255 bytes long', async () => {
    const dir = folder();
    const path = join(dir, `${'n'.repeat(251)}.txt`);
    writeFileSync(path, 'a\r\n');
    expect(await convertFile(path, 'lf')).toMatchObject({ status: 'changed' });
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('stops on abort mid-file: the original stays, the temp file goes, the promise rejects with the reason', async () => {
    const dir = folder();
    const path = join(dir, 'big.txt');
    writeFileSync(path, Buffer.alloc(64 << 20, 'line of text\r\n'));
    const original = createHash('sha256').update(readFileSync(path)).digest('hex');
    const controller = new AbortController();
    const reason = new Error('enough');
    const run = convertFile(path, 'lf', { signal: controller.signal });
    // Abort once the temp file exists and has bytes in it: mid-conversion.
    for (;;) {
      const temp = readdirSync(dir).find((n) => n.endsWith('.sys-tmp'));
      if (temp && statSync(join(dir, temp)).size > 0) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    controller.abort(reason);
    await expect(run).rejects.toBe(reason);
    expect(readdirSync(dir)).toEqual(['big.txt']);
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(original);
  });

  it('leaves the original intact when killed mid-file, and the next run clears the temp file', async () => {
    const dir = folder();
    const path = join(dir, 'big.txt');
    const fd = openSync(path, 'w');
    const block = Buffer.alloc(1 << 20, 'line of text\r\n');
    for (let i = 0; i < 192; i++) writeSync(fd, block);
    closeSync(fd);
    const hash = () => createHash('sha256').update(readFileSync(path)).digest('hex');
    const original = hash();
    const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
    const child = spawn(process.execPath, [
      '--input-type=module',
      '-e',
      `const { convertFile } = await import(${JSON.stringify(dist)}); await convertFile(process.argv[1], 'lf');`,
      path,
    ]);
    // Kill it once the temp file exists and is partly written.
    const temp = await new Promise<string>((resolve, reject) => {
      const poll = setInterval(() => {
        const name = readdirSync(dir).find((n) => n.endsWith('.sys-tmp'));
        if (name && statSync(join(dir, name)).size > 0) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve(name);
        }
      }, 2);
      child.on('exit', () => {
        clearInterval(poll);
        reject(new Error('the conversion finished before it could be killed'));
      });
    });
    await new Promise((resolve) => child.on('exit', resolve));
    expect(hash()).toBe(original);
    expect(readdirSync(dir)).toContain(temp);
    await convertFile(path, 'lf');
    expect(readdirSync(dir)).toEqual(['big.txt']);
    const crsPerBlock = block.filter((x) => x === 13).length;
    expect(statSync(path).size).toBe(192 * ((1 << 20) - crsPerBlock));
  });
});

describe('convertTree', () => {
  function tree(): string {
    const dir = folder();
    for (const [path, text] of Object.entries({
      'a.txt': 'a\r\n',
      'b.py': 'b\r\n',
      'src/c.txt': 'c\r\n',
      'src/d.txt': 'd\n',
      'bin.dat': 'x\0\r\n',
      '.git/config': 'x\r\n',
      'node_modules/m.txt': 'x\r\n',
    })) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return dir;
  }

  it('never takes the temp file of a write in flight for a file, when a folder is given several times', async () => {
    const dir = folder();
    for (let i = 0; i < 400; i++) writeFileSync(join(dir, `f${i}.txt`), 'line\r\n'.repeat(50));
    const seen: string[] = [];
    const failed: SysError[] = [];
    // Each later root is walked while conversions from the one before are still writing.
    const summary = await convertTree(Array(10).fill(dir), 'lf', {
      onFile: (r) => void seen.push(r.path),
      onError: (e) => void failed.push(e),
    });
    expect(failed.map((e) => e.message)).toEqual([]);
    expect(seen.filter((path) => path.endsWith('.sys-tmp'))).toEqual([]);
    // A file whose conversion was still writing when a later root reached it may count twice.
    expect(summary.changed).toBeGreaterThanOrEqual(400);
    expect(readdirSync(dir).sort()).toEqual(Array.from({ length: 400 }, (_, i) => `f${i}.txt`).sort());
    for (const name of readdirSync(dir)) expect(read(join(dir, name))).toBe('line\n'.repeat(50));
  });

  it('converts matching text files, skips the rest, prunes .git and node_modules, reports each', async () => {
    const dir = tree();
    const seen: FileResult[] = [];
    const summary = await convertTree(dir, 'lf', { onFile: (r) => seen.push(r) });
    expect(summary).toEqual({ changed: 3, unchanged: 1, skipped: 1, failed: 0 });
    expect(read(join(dir, 'src/c.txt'))).toBe('c\n');
    expect(read(join(dir, '.git/config'))).toBe('x\r\n');
    expect(read(join(dir, 'node_modules/m.txt'))).toBe('x\r\n');
    expect(seen.find((r) => r.path.endsWith('bin.dat'))).toMatchObject({ status: 'skipped', reason: 'binary' });
  });

  it('keeps to the patterns, and reports each file that fails to onError as a SysError with path and cause', async () => {
    const dir = tree();
    chmodSync(join(dir, 'a.txt'), 0o444);
    const seen: FileResult[] = [];
    const errors: SysError[] = [];
    const summary = await convertTree([dir, join(dir, 'missing.txt')], 'lf', {
      patterns: ['*.txt'],
      onFile: (r) => seen.push(r),
      onError: (e) => errors.push(e),
    });
    expect(summary).toEqual({ changed: 1, unchanged: 1, skipped: 0, failed: 2 });
    expect(read(join(dir, 'b.py'))).toBe('b\r\n');
    expect(seen.map((r) => r.path.split('/').pop()).sort()).toEqual(['c.txt', 'd.txt']);
    errors.sort((x, y) => String(x.path).localeCompare(String(y.path)));
    expect(errors.every((e) => e instanceof ConvertError && isSysError(e))).toBe(true);
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      [join(dir, 'a.txt'), 'ERR_SYS_EOLN_CONVERT'],
      [join(dir, 'missing.txt'), 'ERR_SYS_EOLN_CONVERT'],
    ]);
    expect(errors[1]?.message).toBe(`${join(dir, 'missing.txt')}: no such file or directory`);
    expect(errors[1]?.cause).toMatchObject({ code: 'ENOENT' });
  });

  it('reports a directory it cannot walk to onError and converts the rest', async () => {
    const dir = tree();
    const errors: SysError[] = [];
    const summary = await convertTree([join(dir, 'src'), join(dir, 'a.txt', 'x')], 'lf', {
      onError: (e) => errors.push(e),
    });
    expect(summary).toMatchObject({ changed: 1, failed: 1 });
    expect(errors[0]).toMatchObject({ path: join(dir, 'a.txt', 'x') });
    expect(isSysError(errors[0])).toBe(true);
  });

  it('stops mid-run on abort: running conversions stop, none writes after the promise rejects', async () => {
    const dir = folder();
    const block = Buffer.alloc(1 << 20, 'a line of text\r\n');
    const hashes = new Map<string, string>();
    for (let i = 0; i < 24; i++) {
      const path = join(dir, `f${String(i).padStart(2, '0')}.txt`);
      writeFileSync(path, Buffer.concat(Array(6).fill(block)));
      hashes.set(path, createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
    const converted = readFileSync(join(dir, 'f00.txt')).toString('latin1').replaceAll('\r\n', '\n');
    const convertedHash = createHash('sha256').update(Buffer.from(converted, 'latin1')).digest('hex');
    const controller = new AbortController();
    const reason = new Error('stopped by the user');
    let results = 0;
    const run = convertTree(dir, 'lf', {
      signal: controller.signal,
      onFile: () => {
        // The first file is done; the others of its batch are being read and written.
        if (++results === 1) controller.abort(reason);
      },
    });
    await expect(run).rejects.toBe(reason);
    const snapshot = () => readdirSync(dir).map((name) => `${name}:${statSync(join(dir, name)).size}`);
    const atRejection = snapshot();
    expect(readdirSync(dir).filter((name) => name.endsWith('.sys-tmp'))).toEqual([]);
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 2));
    expect(snapshot()).toEqual(atRejection);
    // Every file is whole: converted, or as it was; and the run did stop before the end.
    let done = 0;
    for (const [path, original] of hashes) {
      const now = createHash('sha256').update(readFileSync(path)).digest('hex');
      expect([original, convertedHash]).toContain(now);
      if (now === convertedHash) done++;
    }
    expect(done).toBeGreaterThanOrEqual(1);
    expect(done).toBeLessThan(hashes.size);
  });

  it('removes temp files of killed runs beside a file root and in walked directories', async () => {
    const dir = tree();
    const dead = spawnSync('true').pid; // a process that has exited: its temp files are stale
    const stale = (at: string) => join(at, `.x.${dead}-0badc0de-0.sys-tmp`);
    writeFileSync(stale(dir), 'half');
    writeFileSync(stale(join(dir, 'src')), 'half');
    const live = join(dir, `.y.${process.pid}-0badc0de-0.sys-tmp`);
    writeFileSync(live, 'mine, still being written');
    await convertTree(join(dir, 'a.txt'), 'lf');
    expect(readdirSync(dir).filter((n) => n.endsWith('.sys-tmp'))).toEqual([live.slice(dir.length + 1)]);
    await convertTree(join(dir, 'src'), 'lf');
    expect(readdirSync(join(dir, 'src')).filter((n) => n.endsWith('.sys-tmp'))).toEqual([]);
  });

  it('does not start when its signal has already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    const dir = tree();
    await expect(convertTree(dir, 'lf', { signal: controller.signal })).rejects.toThrow('stop');
    expect(read(join(dir, 'a.txt'))).toBe('a\r\n');
  });
});
