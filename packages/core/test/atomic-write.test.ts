import { execFileSync, spawnSync } from 'node:child_process';
import { getEventListeners } from 'node:events';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@sys/config/temp-dirs';
import { describe, expect, it } from 'vitest';
import {
  AtomicWriteError,
  atomicWrite,
  atomicWriteStream,
  isStaleTemp,
  removeStaleTemps,
  tempPathFor,
} from '../dist/index.js';

const dist = new URL('../dist/index.js', import.meta.url).pathname;
const nextTick = () => new Promise((resolve) => setImmediate(resolve));

describe('atomicWrite', () => {
  it('replaces a file with new bytes through a new inode and leaves nothing beside it', async () => {
    const dir = tempDir('sys-core-');
    const path = join(dir, 'a.txt');
    writeFileSync(path, 'old');
    const before = statSync(path).ino;
    await atomicWrite(path, 'new text');
    expect(readFileSync(path, 'utf8')).toBe('new text');
    expect(statSync(path).ino).not.toBe(before);
    await atomicWrite(join(dir, 'b.bin'), new Uint8Array([0, 1, 2]));
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'b.bin']);
  });

  it('gives back what the fill callback returns, which writes through the descriptor', async () => {
    const path = join(tempDir('sys-core-'), 'f');
    const value = await atomicWrite(path, (fd) => {
      writeSync(fd, 'abc');
      return 42;
    });
    expect(value).toBe(42);
    expect(readFileSync(path, 'utf8')).toBe('abc');
  });

  it.each([
    ['ASCII, 255 bytes', `${'n'.repeat(251)}.txt`],
    ['ASCII, 232 bytes', 'm'.repeat(232)],
    ['UTF-8, 254 bytes', `${'é'.repeat(125)}.txt`],
  ])('writes a file whose name is near the limit (%s)', async (_what, name) => {
    const dir = tempDir('sys-core-');
    await atomicWrite(join(dir, name), 'x');
    expect(readdirSync(dir)).toEqual([name]);
    expect(Buffer.byteLength(tempPathFor(join(dir, name)).slice(dir.length + 1))).toBeLessThanOrEqual(72);
  });

  it('sets the mode asked, setuid bit included, whatever the umask', async () => {
    const path = join(tempDir('sys-core-'), 'tool');
    await atomicWrite(path, '#!/bin/sh\n', { mode: 0o4751 });
    expect(statSync(path).mode & 0o7777).toBe(0o4751);
  });

  it.skipIf(process.getuid?.() !== 0)('gives the file the owner asked, keeping a setuid mode (as root)', async () => {
    const path = join(tempDir('sys-core-'), 'owned');
    await atomicWrite(path, 'x', { owner: { uid: 65534, gid: 65534 }, mode: 0o4755 });
    const st = statSync(path);
    expect([st.uid, st.gid, st.mode & 0o7777]).toEqual([65534, 65534, 0o4755]);
  });

  it('keeps times given in nanoseconds to the microsecond', async () => {
    const dir = tempDir('sys-core-');
    const ref = join(dir, 'ref');
    writeFileSync(ref, '');
    // touch sets nanoseconds exactly (utimensat); these digits need more than a double's 15.
    execFileSync('touch', ['-m', '-d', '@1700000000.123456789', ref]);
    execFileSync('touch', ['-a', '-d', '@1600000000.987654321', ref]);
    const st = statSync(ref, { bigint: true });
    const path = join(dir, 'copy');
    await atomicWrite(path, 'x', { times: { atime: st.atimeNs, mtime: st.mtimeNs } });
    const copy = statSync(path, { bigint: true });
    expect(copy.mtimeNs / 1000n).toBe(1700000000123456n);
    expect(copy.atimeNs / 1000n).toBe(1600000000987654n);
  });

  it('leaves the target as it was and no temp file when the fill fails', async () => {
    const dir = tempDir('sys-core-');
    const path = join(dir, 'keep');
    writeFileSync(path, 'original');
    const boom = new Error('disk on fire');
    await expect(
      atomicWrite(path, (fd) => {
        writeSync(fd, 'partial');
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(readFileSync(path, 'utf8')).toBe('original');
    expect(readdirSync(dir)).toEqual(['keep']);
  });

  it('on abort, waits for the fill to stop, removes the temp file and rejects with the reason', async () => {
    const dir = tempDir('sys-core-');
    const path = join(dir, 'target');
    writeFileSync(path, 'original');
    const controller = new AbortController();
    let writes = 0;
    const written = atomicWrite(
      path,
      async (fd) => {
        // A fill that does not look at the signal: the write must still not outlive the promise.
        for (let i = 0; i < 20; i++) {
          writeSync(fd, 'chunk\n');
          writes++;
          if (i === 3) controller.abort(new Error('stop now'));
          await nextTick();
        }
      },
      { signal: controller.signal },
    );
    await expect(written).rejects.toThrow('stop now');
    const atRejection = writes;
    for (let i = 0; i < 5; i++) await nextTick();
    expect(writes).toBe(atRejection);
    expect(readFileSync(path, 'utf8')).toBe('original');
    expect(readdirSync(dir)).toEqual(['target']);
  });

  it('refuses to replace a directory or a fifo, and says why', async () => {
    const dir = tempDir('sys-core-');
    mkdirSync(join(dir, 'sub'));
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    await expect(atomicWrite(join(dir, 'sub'), 'x')).rejects.toMatchObject({
      code: 'ERR_SYS_ATOMIC_WRITE',
      path: join(dir, 'sub'),
      message: expect.stringContaining('a directory'),
    });
    await expect(atomicWrite(join(dir, 'pipe'), 'x')).rejects.toBeInstanceOf(AtomicWriteError);
    expect(statSync(join(dir, 'pipe')).isFIFO()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['pipe', 'sub']);
  });

  it.skipIf(process.getuid?.() === 0)(
    'fails with AtomicWriteError naming the path in a folder it may not write',
    async () => {
      const dir = tempDir('sys-core-');
      chmodSync(dir, 0o500);
      await expect(atomicWrite(join(dir, 'x'), 'x')).rejects.toMatchObject({ code: 'ERR_SYS_ATOMIC_WRITE' });
      chmodSync(dir, 0o700);
    },
  );
});

describe('atomicWriteStream', () => {
  it('writes what the stream is given into a temp file, which becomes the target at commit', async () => {
    const dir = tempDir('sys-core-');
    const path = join(dir, 'out.txt');
    writeFileSync(path, 'old');
    const file = atomicWriteStream(path, { mode: 0o640 });
    expect(readdirSync(dir).sort()).toEqual([file.temp.toString().slice(dir.length + 1), 'out.txt'].sort());
    for (let i = 0; i < 1000; i++) file.stream.write(`line ${i}\n`);
    expect(readFileSync(path, 'utf8')).toBe('old');
    await file.commit();
    expect(readFileSync(path, 'utf8')).toBe(Array.from({ length: 1000 }, (_, i) => `line ${i}\n`).join(''));
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['out.txt']);
  });

  it('leaves the target as it was and no temp file when discarded, mid-write or by its signal', async () => {
    const dir = tempDir('sys-core-');
    const path = join(dir, 'keep');
    writeFileSync(path, 'original');
    const dropped = atomicWriteStream(path);
    dropped.stream.on('error', () => {});
    dropped.stream.write(Buffer.alloc(1 << 20));
    dropped.discard();
    dropped.discard();
    await expect(dropped.commit()).rejects.toBeInstanceOf(AtomicWriteError);
    const controller = new AbortController();
    const aborted = atomicWriteStream(path, { signal: controller.signal });
    aborted.stream.on('error', () => {});
    aborted.stream.write('x');
    controller.abort(new Error('stop now'));
    await expect(aborted.commit()).rejects.toThrow('stop now');
    expect(readFileSync(path, 'utf8')).toBe('original');
    expect(readdirSync(dir)).toEqual(['keep']);
  });
});

describe('atomicWriteStream, discarded while it commits', () => {
  it('leaves the target as it was when discard() comes during the fsync of a commit', async () => {
    const dir = tempDir('sys-core-');
    const path = join(dir, 'keep');
    writeFileSync(path, 'original');
    const file = atomicWriteStream(path);
    file.stream.write('new bytes');
    // 'finish' is the last step before the commit settles: the next turn of the loop finds it
    // waiting on its fsync.
    file.stream.once('finish', () => setImmediate(() => file.discard()));
    await expect(file.commit()).rejects.toThrow(/discarded/);
    expect(readFileSync(path, 'utf8')).toBe('original');
    expect(readdirSync(dir)).toEqual(['keep']);
  });

  it('rejects with the reason when its signal aborts during the commit, and leaves no listener', async () => {
    const dir = tempDir('sys-core-');
    const path = join(dir, 'keep');
    writeFileSync(path, 'original');
    const controller = new AbortController();
    const file = atomicWriteStream(path, { signal: controller.signal });
    file.stream.write('new bytes');
    file.stream.once('finish', () => setImmediate(() => controller.abort(new Error('stop now'))));
    await expect(file.commit()).rejects.toThrow('stop now');
    expect(readFileSync(path, 'utf8')).toBe('original');
    expect(readdirSync(dir)).toEqual(['keep']);
    const kept = new AbortController();
    const done = atomicWriteStream(path, { signal: kept.signal });
    done.stream.end('done');
    await done.commit();
    expect(getEventListeners(kept.signal, 'abort')).toHaveLength(0);
    kept.abort();
    expect(readFileSync(path, 'utf8')).toBe('done');
  });
});

describe('atomicWriteStream, committed twice', () => {
  it('says a second commit, at once or after the first, is one too many, not that the write was discarded', async () => {
    const dir = tempDir('sys-core-');
    const path = join(dir, 'out');
    const file = atomicWriteStream(path);
    file.stream.write('bytes');
    const first = file.commit();
    await expect(file.commit()).rejects.toThrow(/committed already/);
    await first;
    await expect(file.commit()).rejects.toThrow(/committed already/);
    expect(readFileSync(path, 'utf8')).toBe('bytes');
    expect(readdirSync(dir)).toEqual(['out']);
  });
});

describe('temp files of writes in flight', () => {
  it('are gone when the process exits mid-write, whichever write is at which step', () => {
    const dir = tempDir('sys-core-');
    // A real process: three writes whose fill never ends, one stream half written, one write
    // waiting on its fsync; a SIGINT handler that exits at once, as a CLI's second Ctrl-C does.
    const child = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { atomicWrite, atomicWriteStream } = await import(${JSON.stringify(dist)});
         const { join } = await import('node:path');
         const dir = process.argv[1];
         process.on('SIGINT', () => process.exit(130));
         for (const name of ['a', 'b', 'c']) atomicWrite(join(dir, name), () => new Promise(() => {}));
         const file = atomicWriteStream(join(dir, 'd'));
         file.stream.write('half');
         atomicWrite(join(dir, 'e'), 'x'.repeat(1 << 20));
         setImmediate(() => process.kill(process.pid, 'SIGINT'));
         setInterval(() => {}, 1000);`,
        dir,
      ],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(child.stderr).toBe('');
    expect(child.status).toBe(130);
    expect(readdirSync(dir).filter((name) => name.endsWith('.sys-tmp'))).toEqual([]);
  });
});

describe('stale temp files', () => {
  it('removes the temp file of a run killed mid-write, and keeps those of live processes', async () => {
    const dir = tempDir('sys-core-');
    const target = join(dir, 'big.txt');
    // A real run, killed with SIGKILL while its temp file is open and half written.
    const child = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { atomicWrite } = await import(${JSON.stringify(dist)});
         const { writeSync } = await import('node:fs');
         await atomicWrite(process.argv[1], (fd) => { writeSync(fd, 'half'); process.kill(process.pid, 'SIGKILL'); });`,
        target,
      ],
      { encoding: 'utf8' },
    );
    expect(child.signal).toBe('SIGKILL');
    const [left] = readdirSync(dir);
    expect(left).toMatch(/^\.big\.txt\.\d+-[0-9a-f]{8}-0\.sys-tmp$/);
    expect(isStaleTemp(left as string)).toBe(true);
    const mine = tempPathFor(target);
    closeSync(openSync(mine, 'wx'));
    writeFileSync(join(dir, '.notes.txt.1-x.sys-tmp'), 'not ours: the pattern does not match');
    expect(await removeStaleTemps(dir)).toBe(1);
    expect(readdirSync(dir).sort()).toEqual([mine.slice(dir.length + 1), '.notes.txt.1-x.sys-tmp'].sort());
    expect(await removeStaleTemps(join(dir, 'missing'))).toBe(0);
  });
});
