import { spawnSync } from 'node:child_process';
import { lstatSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { tempDir } from '@sys/config/temp-dirs';
import { afterEach, describe, expect, it } from 'vitest';
import { FifoError, lines, mkfifo, openFifo } from '../src/index.js';
import { exited, fixture, killChildren } from './_child.js';

const streams: (Readable | Writable)[] = [];
afterEach(() => {
  for (const s of streams.splice(0)) s.destroy();
  killChildren();
});
const track = <T extends Readable | Writable>(s: T): T => {
  streams.push(s);
  return s;
};

describe('mkfifo', () => {
  it('makes a named pipe with exactly the mode asked for', async () => {
    const path = join(tempDir('sys-ipc-fifo-'), 'p');
    await mkfifo(path, 0o640);
    const stat = lstatSync(path);
    expect(stat.isFIFO()).toBe(true);
    expect(stat.mode & 0o777).toBe(0o640);
  });

  it('says when the path exists, or its folder does not', async () => {
    const dir = tempDir('sys-ipc-fifo-');
    await mkfifo(join(dir, 'p'));
    await expect(mkfifo(join(dir, 'p'))).rejects.toMatchObject({ code: 'ERR_SYS_EXISTS' });
    await expect(mkfifo(join(dir, 'no', 'p'))).rejects.toMatchObject({ code: 'ERR_SYS_FIFO' });
  });
});

describe('openFifo', () => {
  it('four readers waiting for writers leave fs calls free', async () => {
    const dir = tempDir('sys-ipc-fifo-');
    const other = join(dir, 'other.txt');
    writeFileSync(other, 'still readable');
    const readers: Readable[] = [];
    for (let i = 0; i < 4; i++) {
      await mkfifo(join(dir, `f${i}`));
      readers.push(track(await openFifo(join(dir, `f${i}`), 'r')));
    }
    // With blocking opens, all four of libuv's pool threads would be stuck and this would never finish.
    expect(await readFile(other, 'utf8')).toBe('still readable');
    // And each reader still gets what a writer sends.
    for (let i = 0; i < 4; i++) {
      const writer = track(await openFifo(join(dir, `f${i}`), 'w'));
      const got = lines(readers[i] as Readable).next();
      writer.end(`line ${i}\n`);
      expect((await got).value).toBe(`line ${i}`);
    }
  });

  it("carries the chapter's lines from a writer in another process", async () => {
    const path = join(tempDir('sys-ipc-fifo-'), 'pipefifo');
    await mkfifo(path);
    const reader = track(await openFifo(path, 'r'));
    const writer = spawnSync('sh', ['-c', `printf 'Spam 000\\nSpam 001\\n' > '${path}'`], { timeout: 10_000 });
    expect(writer.status).toBe(0);
    const got: string[] = [];
    for await (const line of lines(reader)) got.push(line);
    expect(got).toEqual(['Spam 000', 'Spam 001']);
  });

  it('a writer waits for a reader, and the wait can be cancelled', async () => {
    const path = join(tempDir('sys-ipc-fifo-'), 'p');
    await mkfifo(path);
    const controller = new AbortController();
    const waiting = openFifo(path, 'w', { signal: controller.signal, pollInterval: 5 });
    setTimeout(() => controller.abort(), 50);
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a reader waiting for data can be cancelled', async () => {
    const path = join(tempDir('sys-ipc-fifo-'), 'p');
    await mkfifo(path);
    const controller = new AbortController();
    const reader = track(await openFifo(path, 'r', { signal: controller.signal }));
    const ended = new Promise((resolve) => reader.once('error', resolve));
    controller.abort();
    expect(await ended).toMatchObject({ name: 'AbortError' });
    expect(reader.destroyed).toBe(true);
  });

  it('the process exits while readers and a writer wait', async () => {
    const child = fixture('fifo-exit', [tempDir('sys-ipc-fifo-')], ['ignore', 'pipe', 'inherit']);
    let out = '';
    for await (const chunk of child.stdout ?? []) out += chunk;
    expect(out).toBe('waiting\n');
    expect(await exited(child)).toBe(0);
  });

  it('refuses a path that is not a fifo', async () => {
    const file = join(tempDir('sys-ipc-fifo-'), 'plain');
    writeFileSync(file, '');
    await expect(openFifo(file, 'r')).rejects.toBeInstanceOf(FifoError);
    await expect(openFifo(file, 'r')).rejects.toMatchObject({ code: 'ERR_SYS_NOT_FIFO' });
  });
});
