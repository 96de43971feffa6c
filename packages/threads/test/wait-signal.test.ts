import { describe, expect, it } from 'vitest';
import { Barrier, BrokenBarrierError, Condition, Event, Lock, Queue, Semaphore } from '../dist/index.js';
import { inWorker } from './_workers.js';

// Counts the abort listeners a signal holds, to see that each wait removes its own.
function counted(): { signal: AbortSignal; abort(reason: unknown): void; listeners(): number } {
  const controller = new AbortController();
  const { signal } = controller;
  let n = 0;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((...args: Parameters<typeof add>) => {
    n++;
    add(...args);
  }) as typeof add;
  signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
    n--;
    remove(...args);
  }) as typeof remove;
  return { signal, abort: (reason) => controller.abort(reason), listeners: () => n };
}

describe('an AbortSignal ends an async wait', () => {
  it('each …Async wait rejects with the reason, leaves no listener, and the object works on', async () => {
    const held = new Lock();
    held.acquire();
    const cond = new Condition();
    await cond.acquireAsync();
    const full = new Queue<number>(1);
    full.put(1);
    const waits: [string, (signal: AbortSignal) => Promise<unknown>][] = [
      ['Lock', (signal) => held.acquireAsync({ signal })],
      ['Event', (signal) => new Event().waitAsync({ signal })],
      ['Semaphore', (signal) => new Semaphore(0).acquireAsync({ signal })],
      ['Condition', (signal) => cond.waitAsync({ signal })],
      ['getAsync', (signal) => new Queue().getAsync({ signal })],
      ['putAsync', (signal) => full.putAsync(2, { signal })],
    ];
    for (const [name, wait] of waits) {
      const s = counted();
      const pending = wait(s.signal);
      setTimeout(() => s.abort(new Error(`stop ${name}`)), 20);
      await expect(pending, name).rejects.toThrow(`stop ${name}`);
      expect(s.listeners(), name).toBe(0);
    }
    // A Condition wait ends holding the lock again, as Python's does.
    expect(cond.lock.locked).toBe(true);
    cond.release();
    // The lock still hands itself to a real waiter after an abandoned wait.
    const waiter = inWorker<boolean>('return T.Lock.from(data).acquire({ timeout: 20000 });', held.buffer);
    const state = new Int32Array(held.buffer);
    while (Atomics.load(state, 0) !== 2) await new Promise((r) => setTimeout(r, 5));
    held.release();
    await expect(waiter).resolves.toBe(true);
    expect(full.get()).toBe(1);
  });

  it('an aborted Barrier wait breaks the barrier, as a timeout does', async () => {
    const barrier = new Barrier(2);
    const controller = new AbortController();
    const pending = barrier.waitAsync({ signal: controller.signal });
    controller.abort(new Error('leaving'));
    await expect(pending).rejects.toThrow('leaving');
    expect(barrier.broken).toBe(true);
    await expect(barrier.waitAsync()).rejects.toBeInstanceOf(BrokenBarrierError);
  });

  it('an already aborted signal throws before anything waits', () => {
    const lock = new Lock();
    const signal = AbortSignal.abort(new Error('too late'));
    expect(() => lock.acquire({ signal })).toThrow('too late');
    expect(lock.locked).toBe(false);
  });
});
