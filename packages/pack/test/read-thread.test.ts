import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EntryPacker, OPEN_FLAGS, type PackCounts, SMALL } from '../src/_entries.js';
import { PackWriter } from '../src/_output.js';
import { ReadAhead } from '../src/_read-ahead.js';
import { TreePacker } from '../src/_tree-packer.js';
import type { PackItem } from '../src/_walk-items.js';
import { PackThreadError, pack } from '../src/index.js';
import { build, node } from './_trees.js';
import { folder, packToBuffer } from './_util.js';

/** Threads of this process, as the kernel lists them. */
const threads = () => readdirSync('/proc/self/task').length;

/** Waits (up to 10 s, for a loaded machine) until this process has `n` threads again. */
async function threadsBackTo(n: number): Promise<number> {
  for (let i = 0; i < 1000 && threads() !== n; i++) await sleep(10);
  return threads();
}

/** A pack of `paths` and what was skipped, with and without the reader thread. */
async function both(paths: string[], cwd: string, times = false) {
  const run = async (readThread: boolean) => {
    const skipped: string[] = [];
    const bytes = await packToBuffer(paths, { cwd, times, readThread, onError: (e) => skipped.push(e.message) });
    return { bytes: bytes.toString('latin1'), skipped };
  };
  return { on: await run(true), off: await run(false) };
}

/** Packs hand-made walk items (as if the walk had listed them) with or without the thread. */
async function packItems(items: PackItem[], thread: boolean) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const writer = new PackWriter(out);
  const counts: PackCounts = { entries: 0, files: 0, dirs: 0, symlinks: 0, skipped: 0 };
  const skipped: string[] = [];
  const packer = new EntryPacker(writer, counts, (path, reason) => {
    counts.skipped++;
    skipped.push(`${path}: ${reason}`);
  });
  const trees = new TreePacker(
    packer,
    (path, name) => packer.add(path, name),
    () => true,
    {
      thread,
      small: SMALL,
      flags: OPEN_FLAGS,
      times: false,
    },
  );
  try {
    await trees.pack(items.map((item) => ({ ...item }))[Symbol.iterator]());
  } finally {
    await trees.close();
  }
  await writer.flush();
  return { bytes: Buffer.concat(chunks).toString('latin1'), skipped, counts };
}

describe('reading small files on a second thread', () => {
  it('packs any tree to the same bytes, and skips the same things, with the thread and without', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(node, { maxLength: 16 }), fc.boolean(), async (nodes, times) => {
        const src = folder();
        build(join(src, 'tree'), nodes);
        mkdirSync(join(src, 'tree'), { recursive: true });
        const { on, off } = await both(['tree'], src, times);
        expect(on).toEqual(off);
      }),
      { numRuns: 25 },
    );
  });

  it('gives the same bytes when the files fill its ring many times over, up to the small-file size and past it', async () => {
    const src = folder();
    let seed = 7;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed >>> 8;
    };
    const sizes = [
      SMALL,
      SMALL + 1,
      SMALL - 1,
      0,
      1,
      ...Array.from({ length: 30 }, () => 150_000 + (next() % 900_000)),
    ];
    sizes.forEach((size, i) => {
      const bytes = Buffer.alloc(size, `::::::${i}\nline ${i}\n`);
      if (i % 7 === 3) bytes[size >> 1] = 0; // a few binary ones, as base64
      writeFileSync(join(src, `f${String(i).padStart(2, '0')}`), bytes);
    });
    const { on, off } = await both(['.'], src, true);
    expect(on.bytes.length).toBeGreaterThan(16 << 20);
    expect(on).toEqual(off);
  });

  it('reports a path that vanished or changed type after the walk listed it exactly as without the thread', async () => {
    const src = folder();
    writeFileSync(join(src, 'text'), 'text\n::::::x\n');
    writeFileSync(join(src, 'empty'), '');
    writeFileSync(join(src, 'binary'), Buffer.from([1, 0, 2]));
    writeFileSync(join(src, 'big'), Buffer.alloc(SMALL + 10, 'b'));
    mkdirSync(join(src, 'dir'));
    symlinkSync('text', join(src, 'link'));
    symlinkSync('missing', join(src, 'dangling'));
    execFileSync('mkfifo', [join(src, 'pipe')]);
    const names = ['text', 'empty', 'binary', 'big', 'dir', 'link', 'dangling', 'pipe', 'gone', 'gone/deeper'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...names), { maxLength: 24 }), async (picked) => {
        // Each is listed as a file, as the walk saw it before it changed.
        const items: PackItem[] = picked.map((name) => ({ kind: 'file', path: join(src, name), name }));
        expect(await packItems(items, true)).toEqual(await packItems(items, false));
      }),
      { numRuns: 30 },
    );
  });

  it('starts the thread only for walks with enough files, unless asked to', async () => {
    const src = folder();
    for (let i = 0; i < 10; i++) writeFileSync(join(src, `f${i}`), `${i}\n`);
    writeFileSync(join(src, 'g\\h'), 'x'); // skipped, so onError runs in the middle of the pack
    await stat(src); // the thread pool is up before threads are counted
    const before = threads();
    const during = async (readThread: boolean | 'auto') => {
      let seen = 0;
      await packToBuffer(['.'], { cwd: src, readThread, onError: () => (seen = threads()) });
      return seen;
    };
    expect(await during('auto')).toBe(before);
    expect(await during(false)).toBe(before);
    expect(await during(true)).toBeGreaterThan(before);
    expect(await threadsBackTo(before)).toBe(before);
  });

  it('stops the thread when the pack is aborted or its output fails, and fails with that reason', async () => {
    const src = folder();
    for (let d = 0; d < 10; d++) {
      mkdirSync(join(src, `d${d}`));
      for (let f = 0; f < 100; f++) writeFileSync(join(src, `d${d}`, `f${f}`), `${d}/${f}\n`.repeat(300));
    }
    await stat(src);
    const before = threads();
    const controller = new AbortController();
    const aborting = new Writable({
      write(_chunk, _encoding, done) {
        controller.abort(new Error('stop here'));
        done();
      },
    });
    await expect(pack(['.'], aborting, { cwd: src, readThread: true, signal: controller.signal })).rejects.toThrow(
      'stop here',
    );
    expect(await threadsBackTo(before)).toBe(before);
    const failing = new Writable({
      write(_chunk, _encoding, done) {
        done(new Error('disk full'));
      },
    });
    await expect(pack(['.'], failing, { cwd: src, readThread: true })).rejects.toThrow('disk full');
    expect(await threadsBackTo(before)).toBe(before);
  });

  it('fails with PackThreadError when the thread dies, instead of waiting for it or packing short', async () => {
    const src = folder();
    writeFileSync(join(src, 'a'), 'a\n');
    const reader = new ReadAhead({ small: SMALL, flags: OPEN_FLAGS, times: false });
    try {
      while (!reader.ready) await sleep(5);
      await reader.thread.terminate();
      reader.request([join(src, 'a')]);
      const error = await Promise.resolve()
        .then(() => reader.next())
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PackThreadError);
      expect((error as PackThreadError).code).toBe('ERR_SYS_PACK_THREAD');
    } finally {
      await reader.close();
    }
  });
});
