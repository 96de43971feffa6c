import { OptionError } from '@sys/core';
import { describe, expect, it } from 'vitest';
import { Barrier, Condition, Event, Lock, Queue, RLock, Semaphore } from '../dist/index.js';

// Each wait would succeed at once: a bad timeout must still be refused, before anything happens.
const ready: [string, (timeout: unknown) => unknown][] = [
  ['Lock.acquire', (timeout) => new Lock().acquire({ timeout } as never)],
  ['RLock.acquire', (timeout) => new RLock().acquire({ timeout } as never)],
  ['Semaphore.acquire', (timeout) => new Semaphore(1).acquire({ timeout } as never)],
  ['Condition.acquire', (timeout) => new Condition().acquire({ timeout } as never)],
  [
    'Event.wait',
    (timeout) => {
      const e = new Event();
      e.set();
      return e.wait({ timeout } as never);
    },
  ],
  ['Barrier.wait', (timeout) => new Barrier(1).wait({ timeout } as never)],
  [
    'Queue.get',
    (timeout) => {
      const q = new Queue();
      q.put(1);
      return q.get({ timeout } as never);
    },
  ],
  ['Queue.put', (timeout) => new Queue().put(1, { timeout } as never)],
];

describe('a timeout is checked before anything else, on every wait', () => {
  for (const [name, wait] of ready) {
    it.each([-2, -0.5, Number.NaN, '5', null, {}])(`${name} refuses %s`, (timeout) => {
      expect(() => wait(timeout)).toThrow(OptionError);
    });
    it(`${name} accepts Infinity and 0`, () => {
      expect(() => wait(Number.POSITIVE_INFINITY)).not.toThrow();
      expect(() => wait(0)).not.toThrow();
    });
  }
});
