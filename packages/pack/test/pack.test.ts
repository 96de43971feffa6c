import { execFileSync } from 'node:child_process';
import { lstatSync, lutimesSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { isSysError, utimesSeconds } from '@sys/core';
import { describe, expect, it } from 'vitest';
import { NothingToPackError, pack, unpack } from '../dist/index.js';
import { chunked, folder, packToBuffer, snapshot } from './_util.js';

describe('pack', () => {
  it('skips a fifo, a socket-like special file, without hanging, and says why', async () => {
    const src = folder();
    mkdirSync(join(src, 'd'));
    writeFileSync(join(src, 'd', 'ok.txt'), 'ok\n');
    execFileSync('mkfifo', [join(src, 'd', 'pipe')]);
    const skipped: [string, string][] = [];
    const packed = await packToBuffer(['d'], { cwd: src, onError: (e) => skipped.push([e.path as string, e.reason]) });
    expect(skipped).toEqual([[join(src, 'd', 'pipe'), 'not a file, directory or symlink']]);
    const dest = folder();
    await unpack(chunked(packed), { dest });
    expect(Object.keys(snapshot(dest))).toEqual(['d', 'd/ok.txt']);
  });

  it('skips names with a backslash, which unpack would refuse', async () => {
    const src = folder();
    mkdirSync(join(src, 'd'));
    writeFileSync(join(src, 'd', 'a\\b.txt'), 'x');
    const skipped: string[] = [];
    await packToBuffer(['d'], { cwd: src, onError: (e) => skipped.push(e.reason) });
    expect(skipped).toEqual(['a backslash in the name (unpack refuses it: a Windows separator)']);
  });

  it('streams a file bigger than its read size, escaping separator-like lines at chunk edges', async () => {
    const src = folder();
    // Lines of colons fall across the 64 KiB read boundaries at every offset.
    const text = Array.from({ length: 40_000 }, (_, i) =>
      i % 3 === 0 ? '::::::x' : i % 3 === 1 ? '\\::::::y' : 'z'.repeat(i % 11),
    ).join('\n');
    writeFileSync(join(src, 'big.txt'), `${'a'.repeat(2 << 20)}\n${text}`);
    const dest = folder();
    await unpack(chunked(await packToBuffer(['big.txt'], { cwd: src }), [70_000, 140_001]), { dest });
    expect(snapshot(dest)).toEqual(snapshot(src));
  });

  it('records modification times when asked, and unpack restores them to the microsecond', async () => {
    const src = folder();
    mkdirSync(join(src, 'd', 'sub'), { recursive: true });
    writeFileSync(join(src, 'd', 'a.txt'), 'a\n');
    writeFileSync(join(src, 'd', 'big.bin'), Buffer.alloc(2 << 20, 1));
    symlinkSync('a.txt', join(src, 'd', 'link'));
    const times = new Map([
      ['d/sub', 1_000_000_000_123_456_000n],
      ['d/a.txt', 1_500_000_000_000_001_000n],
      ['d/big.bin', 1_600_000_000_999_999_000n],
      ['d/link', 1_700_000_000_000_000_000n],
      ['d', 1_234_567_890_000_000_000n],
    ]);
    for (const [path, ns] of times) lutimesSync(join(src, path), utimesSeconds(ns), utimesSeconds(ns));
    const packed = await packToBuffer(['d'], { cwd: src, times: true });
    expect(packed.toString('latin1')).toContain('::::::d/a.txt\tmtime=1500000000.000001\n');
    const dest = folder();
    await unpack(chunked(packed), { dest });
    // The microsecond is what utimes restores everywhere (Node 24 sets 250 ns into it).
    for (const [path, ns] of times) {
      expect([path, lstatSync(join(dest, path), { bigint: true }).mtimeNs / 1000n]).toEqual([path, ns / 1000n]);
    }
    const plain = await packToBuffer(['d'], { cwd: src });
    expect(plain.toString('latin1')).not.toContain('mtime=');
  });

  it('leaves out directories whose names match a prune pattern, at any depth', async () => {
    const src = folder();
    for (const dir of ['p/node_modules/x', 'p/a/node_modules', 'p/a/keep', 'p/.git'])
      mkdirSync(join(src, dir), { recursive: true });
    writeFileSync(join(src, 'p', 'a', 'keep', 'f'), 'f\n');
    const dest = folder();
    await unpack(chunked(await packToBuffer(['p'], { cwd: src, prune: ['node_modules', '.g*'] })), { dest });
    expect(Object.keys(snapshot(dest))).toEqual(['p', 'p/a', 'p/a/keep', 'p/a/keep/f']);
  });

  it('reports a missing input and goes on with the others', async () => {
    const src = folder();
    writeFileSync(join(src, 'here.txt'), 'x\n');
    const skipped: string[] = [];
    await packToBuffer(['missing', 'here.txt'], { cwd: src, onError: (e) => skipped.push(e.path as string) });
    expect(skipped).toEqual(['missing']);
  });

  it('refuses to pack when no input exists, and writes nothing', async () => {
    const src = folder();
    const out = new PassThrough();
    const written: Buffer[] = [];
    out.on('data', (chunk: Buffer) => written.push(chunk));
    const error = await pack(['missing', 'gone'], out, { cwd: src }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NothingToPackError);
    expect(isSysError(error) && error.code).toBe('ERR_SYS_PACK_NOTHING');
    expect((error as Error).message).toBe('nothing to pack: missing, gone: no such file or directory');
    expect(Buffer.concat(written).length).toBe(0);
  });
});
