import { describe, expect, it } from 'vitest';
import { Barrier, BrokenBarrierError, Event } from '../dist/index.js';
import { inWorker } from './_workers.js';

describe('Event', () => {
  it('set() wakes every thread waiting for it; clear() makes waits block again', async () => {
    const event = new Event();
    const waiters = [1, 2, 3].map(() => inWorker('return T.Event.from(data).wait(20000)', event.buffer));
    const onMain = event.waitAsync();
    event.set();
    expect(await Promise.all([...waiters, onMain])).toEqual([true, true, true, true]);
    expect(event.isSet()).toBe(true);
    event.clear();
    expect(event.wait(15)).toBe(false);
    await expect(event.waitAsync({ timeout: 15 })).resolves.toBe(false);
  });
});

describe('Barrier', () => {
  it('holds threads until all arrive, round after round, and gives each a distinct index', async () => {
    const parties = 4;
    const rounds = 50;
    const barrier = new Barrier(parties);
    const box = new Int32Array(new SharedArrayBuffer(4 * rounds));
    // Each thread marks its round, then waits: after the barrier every mark of the round is in.
    const body = `
      const b = T.Barrier.from(data.barrier);
      const box = new Int32Array(data.box);
      const indexes = [];
      for (let r = 0; r < data.rounds; r++) {
        Atomics.add(box, r, 1);
        indexes.push(b.wait(20000));
        if (Atomics.load(box, r) !== data.parties) throw new Error('passed round ' + r + ' early');
      }
      return indexes;`;
    const results = await Promise.all(
      Array.from({ length: parties }, () =>
        inWorker<number[]>(body, { barrier: barrier.buffer, box: box.buffer, rounds, parties }),
      ),
    );
    for (let r = 0; r < rounds; r++) expect(results.map((ix) => ix[r]).sort()).toEqual([0, 1, 2, 3]);
    expect(barrier.nWaiting).toBe(0);
  });

  it('breaks on a timeout: the waiter and later arrivals get BrokenBarrierError until reset', async () => {
    const barrier = new Barrier(3);
    const other = inWorker('try { T.Barrier.from(data).wait(20000); } catch (e) { return e.code; }', barrier.buffer);
    while (barrier.nWaiting < 1) await new Promise((r) => setTimeout(r, 2));
    expect(() => barrier.wait(20)).toThrow(BrokenBarrierError);
    await expect(other).resolves.toBe('ERR_SYS_BARRIER_BROKEN');
    expect(barrier.broken).toBe(true);
    await expect(barrier.waitAsync()).rejects.toThrow(BrokenBarrierError);
    barrier.reset();
    expect(barrier.broken).toBe(false);
    const two = new Barrier(2);
    const pair = inWorker('return T.Barrier.from(data).wait(20000)', two.buffer);
    const mine = await two.waitAsync(20_000);
    expect([mine, await pair].sort()).toEqual([0, 1]);
  });

  it('reset() breaks the round in progress for those waiting in it', async () => {
    const barrier = new Barrier(2);
    const waiting = inWorker(
      'try { T.Barrier.from(data).wait(20000); return "passed"; } catch (e) { return e.code; }',
      barrier.buffer,
    );
    while (barrier.nWaiting < 1) await new Promise((r) => setTimeout(r, 2));
    barrier.reset();
    await expect(waiting).resolves.toBe('ERR_SYS_BARRIER_BROKEN');
  });
});
