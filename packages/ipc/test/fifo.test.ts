import { spawnSync } from 'node:child_process';
import { lstatSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { tempDir } from '@sys/config/temp-dirs';
import { afterEach, describe, expect, it } from 'vitest';
import { FifoError, lines, mkfifo, openFifo } from '../dist/index.js';
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

  it('a writer waiting for a reader keeps the process alive until one comes; aborted, it lets the process end', async () => {
    const dir = tempDir('sys-ipc-fifo-');
    const path = join(dir, 'f');
    await mkfifo(path);
    const child = fixture('fifo-writer-waits', [path], ['ignore', 'pipe', 'inherit']);
    const out = lines(child.stdout as Readable);
    expect((await out.next()).value).toBe('waiting');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(child.exitCode).toBe(null);
    const reader = await openFifo(path, 'r');
    expect((await lines(reader).next()).value).toBe('hello');
    expect(await exited(child)).toBe(0);
    const gives = fixture('fifo-writer-waits', [path, 'abort'], ['ignore', 'pipe', 'inherit']);
    let said = '';
    for await (const chunk of gives.stdout ?? []) said += chunk;
    expect(said).toBe('waiting\nTimeoutError\n');
    expect(await exited(gives)).toBe(0);
  });

  it.each(['r', 'w'] as const)(
    'refuses a Unix socket path in mode %s with ERR_SYS_NOT_FIFO, at once',
    async (mode) => {
      const path = join(tempDir('sys-ipc-fifo-'), 'sock');
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(path, resolve));
      try {
        await expect(openFifo(path, mode as 'r')).rejects.toMatchObject({ code: 'ERR_SYS_NOT_FIFO' });
      } finally {
        server.close();
      }
    },
    5000,
  );

  it('refuses a path that is not a fifo', async () => {
    const file = join(tempDir('sys-ipc-fifo-'), 'plain');
    writeFileSync(file, '');
    await expect(openFifo(file, 'r')).rejects.toBeInstanceOf(FifoError);
    await expect(openFifo(file, 'r')).rejects.toMatchObject({ code: 'ERR_SYS_NOT_FIFO' });
  });
});
