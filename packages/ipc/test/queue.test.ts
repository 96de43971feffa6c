import { join } from 'node:path';
import { tempDir } from '@sys/config/temp-dirs';
import { describe, expect, it } from 'vitest';
import { QueueState } from '../dist/_queue-state.js';
import { Empty, Full } from '../dist/index.js';
import { exited, fixture } from './_child.js';
import { make } from './_queues.js';

describe('Queue in its own process', () => {
  it('gives items back in the order they were put', async () => {
    const q = await make<number>();
    for (let i = 0; i < 5; i++) await q.put(i);
    expect(await q.qsize()).toBe(5);
    const got = [];
    for (let i = 0; i < 5; i++) got.push(await q.get());
    expect(got).toEqual([0, 1, 2, 3, 4]);
  });

  it('raises Empty and Full at once without block, and after a timeout with one', async () => {
    const q = await make<string>({ maxsize: 1 });
    await expect(q.get({ block: false })).rejects.toBeInstanceOf(Empty);
    await expect(q.get({ timeout: 20 })).rejects.toMatchObject({ code: 'ERR_SYS_QUEUE_EMPTY' });
    await q.put('x');
    await expect(q.put('y', { block: false })).rejects.toBeInstanceOf(Full);
    await expect(q.put('y', { timeout: 20 })).rejects.toMatchObject({ code: 'ERR_SYS_QUEUE_FULL' });
    expect(await q.get()).toBe('x');
  });

  it('a put waiting for room goes in when a get makes some; a get waiting for an item gets the next put', async () => {
    const q = await make<string>({ maxsize: 1 });
    await q.put('first');
    const waitingPut = q.put('second');
    expect(await q.get()).toBe('first');
    await waitingPut;
    expect(await q.get()).toBe('second');
    const waitingGet = q.get();
    await q.put('third');
    expect(await waitingGet).toBe('third');
  });

  it("an owner's own wait keeps its process alive; serving others does not", async () => {
    const child = fixture('queue-owner-wait', [], ['ignore', 'pipe', 'inherit']);
    let out = '';
    for await (const chunk of child.stdout ?? []) out += chunk;
    expect(out).toBe('late item\n');
    expect(await exited(child)).toBe(0);
    const idle = fixture('queue-owner-idle', [join(tempDir('sys-ipc-q-'), 'idle.sock')]);
    expect(await exited(idle)).toBe(0);
  });

  it('forgets the waits of a client that went away', async () => {
    const state = new QueueState(0);
    const client = {};
    void state.get({}, client).catch(() => {});
    state.forget(client);
    await state.put('kept');
    expect(state.size).toBe(1);
  });
});

describe('Queue across processes', () => {
  it('hands jobs to three child processes and collects their answers', async () => {
    const jobs = await make<number | null>();
    const results = await make<{ pid: number; job: number; square: number }>();
    const children = [0, 1, 2].map(() => fixture('queue-worker', [jobs.handle, 'square', results.handle]));
    for (let job = 1; job <= 30; job++) await jobs.put(job);
    for (const _ of children) await jobs.put(null);
    const answers = [];
    for (let i = 0; i < 30; i++) answers.push(await results.get({ timeout: 20_000 }));
    expect(answers.map((a) => a.square).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => (i + 1) ** 2).sort((a, b) => a - b),
    );
    for (const child of children) expect(await exited(child)).toBe(0);
    expect(new Set(answers.map((a) => a.pid)).has(process.pid)).toBe(false);
  });

  it('is reached by name, and gives remote callers Empty and Full too', async () => {
    const path = join(tempDir('sys-ipc-q-'), 'named.sock');
    const q = await make<string>({ path, maxsize: 1 });
    expect(q.handle).toBe(path);
    const child = fixture('queue-worker', [path, 'timeouts'], ['ignore', 'pipe', 'inherit']);
    let out = '';
    for await (const chunk of child.stdout ?? []) out += chunk;
    expect(out).toBe('ERR_SYS_QUEUE_EMPTY ERR_SYS_QUEUE_FULL ERR_SYS_QUEUE_FULL 1\n');
    expect(await exited(child)).toBe(0);
    expect(await q.get({ block: false })).toBe('a');
  });
});
