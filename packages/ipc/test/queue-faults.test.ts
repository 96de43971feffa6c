import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { lines, Queue, QueueClosedError } from '../dist/index.js';
import { exited, fixture } from './_child.js';
import { closeAfter, make } from './_queues.js';

async function firstLine(stream: Readable | null): Promise<string | undefined> {
  for await (const line of lines(stream as Readable)) return line;
  return undefined;
}

describe('Queue when a side goes away', () => {
  it("rejects a client's pending get with QueueClosedError when the owner closes (same process)", async () => {
    const owner = await make<string>();
    const client = await Queue.connect<string>(owner.handle);
    closeAfter(client);
    const waiting = client.get();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await owner.close();
    await expect(waiting).rejects.toBeInstanceOf(QueueClosedError);
    await expect(client.get({ block: false })).rejects.toMatchObject({ code: 'ERR_SYS_QUEUE_CLOSED' });
  });

  it('rejects a pending get in another process when the owner closes, and that process ends', async () => {
    const owner = await make<string>();
    const child = fixture('queue-worker', [owner.handle, 'wait-get'], ['ignore', 'pipe', 'inherit']);
    const out = lines(child.stdout as Readable);
    expect((await out.next()).value).toBe('waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await owner.close();
    expect((await out.next()).value).toBe('ERR_SYS_QUEUE_CLOSED');
    expect(await exited(child)).toBe(0);
  });

  it('does not lose the next item when a client waiting in get() is killed with SIGKILL', async () => {
    const owner = await make<number>();
    for (let round = 0; round < 6; round++) {
      const child = fixture('queue-worker', [owner.handle, 'wait-get'], ['ignore', 'pipe', 'inherit']);
      expect(await firstLine(child.stdout)).toBe('waiting');
      // Let the get() reach the owner, then kill the client and put at once: the item must
      // not go to the dead client.
      await new Promise((resolve) => setTimeout(resolve, 100));
      child.kill('SIGKILL');
      await owner.put(round);
      expect(await owner.get({ timeout: 10_000 })).toBe(round);
      await exited(child);
    }
  });

  it("an owner killed by a signal leaves a private folder that the next owner's start removes", async () => {
    const child = fixture('queue-owner-hang', [], ['ignore', 'pipe', 'inherit']);
    const handle = (await firstLine(child.stdout)) as string;
    expect(existsSync(dirname(handle))).toBe(true);
    child.kill('SIGKILL');
    await exited(child);
    await make();
    expect(existsSync(dirname(handle))).toBe(false);
  });

  it('waits out a timeout longer than setTimeout allows (2**31 ms) instead of failing at once', async () => {
    const owner = await make<string>();
    const client = await Queue.connect<string>(owner.handle);
    closeAfter(client);
    const local = owner.get({ timeout: 2 ** 31 });
    const remote = client.get({ timeout: 2 ** 31 });
    const settled = await Promise.race([
      Promise.allSettled([local, remote]).then(() => 'settled'),
      new Promise((resolve) => setTimeout(resolve, 200, 'waiting')),
    ]);
    expect(settled).toBe('waiting');
    await owner.put('a');
    await owner.put('b');
    expect([await local, await remote].sort()).toEqual(['a', 'b']);
  });

  it("an item that cannot be sent is the caller's error, and the queue goes on", async () => {
    const owner = await make<unknown>();
    const client = await Queue.connect<unknown>(owner.handle);
    closeAfter(client);
    await expect(client.put(() => {})).rejects.toMatchObject({ code: 'ERR_SYS_OPTION' });
    await client.put('next');
    expect(await owner.get({ timeout: 5000 })).toBe('next');
  });

  it('an aborted get rejects with the reason, here and across processes, and loses no item', async () => {
    const owner = await make<string>();
    const client = await Queue.connect<string>(owner.handle);
    closeAfter(client);
    const reason = new Error('no longer wanted');
    for (const q of [owner, client]) {
      const controller = new AbortController();
      const waiting = q.get({ signal: controller.signal });
      await new Promise((resolve) => setTimeout(resolve, 50));
      controller.abort(reason);
      await expect(waiting).rejects.toBe(reason);
      await expect(q.get({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    }
    // The owner dropped the remote wait: the next item goes to the next get, not to it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await owner.put('kept');
    expect(await client.get({ timeout: 5000 })).toBe('kept');
    // An item handed over in the instant of the abort comes back.
    for (let i = 0; i < 20; i++) {
      const controller = new AbortController();
      const waiting = client.get({ signal: controller.signal }).catch(() => 'aborted');
      await new Promise((resolve) => setTimeout(resolve, 5));
      await owner.put(`item ${i}`);
      controller.abort();
      const got = await waiting;
      if (got === 'aborted') expect(await owner.get({ timeout: 5000 })).toBe(`item ${i}`);
      else expect(got).toBe(`item ${i}`);
    }
    expect(await owner.qsize()).toBe(0);
  });

  it('refuses a timeout that is not a number of ms before anything starts', async () => {
    const owner = await make<string>();
    await expect(owner.get({ timeout: -1 })).rejects.toMatchObject({ code: 'ERR_SYS_OPTION' });
    await expect(owner.get({ timeout: Number.NaN })).rejects.toMatchObject({ code: 'ERR_SYS_OPTION' });
  });

  it('await using closes a queue', async () => {
    let handle = '';
    {
      await using q = await Queue.create();
      handle = q.handle;
    }
    expect(existsSync(handle)).toBe(false);
  });
});
