import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkTimeout,
  deferred,
  Fifo,
  OptionError,
  ordered,
  signalName,
  signalNumber,
  startTimer,
  UnknownSignalError,
} from '../dist/index.js';

describe('Fifo', () => {
  it('gives items back in the order they went in, whatever the mix of pushes, shifts and unshifts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer(), fc.constant('shift' as const), fc.array(fc.integer(), { maxLength: 3 }))),
        (ops) => {
          const fifo = new Fifo<number>();
          const model: number[] = [];
          for (const op of ops) {
            if (op === 'shift') expect(fifo.shift()).toBe(model.shift());
            else if (Array.isArray(op)) {
              fifo.unshift(...op);
              model.unshift(...op);
            } else {
              fifo.push(op);
              model.push(op);
            }
            expect(fifo.length).toBe(model.length);
            expect(fifo.peek()).toBe(model[0]);
          }
          expect([...fifo]).toEqual(model);
          expect(fifo.drain()).toEqual(model);
          expect(fifo.length).toBe(0);
        },
      ),
    );
  });

  it('keeps its order across the compaction of many taken slots', () => {
    const fifo = new Fifo<number>();
    for (let i = 0; i < 5000; i++) fifo.push(i);
    const out: number[] = [];
    for (let i = 0; i < 3000; i++) out.push(fifo.shift() as number);
    for (let i = 5000; i < 6000; i++) fifo.push(i);
    while (fifo.length > 0) out.push(fifo.shift() as number);
    expect(out).toEqual(Array.from({ length: 6000 }, (_, i) => i));
  });
});

describe('deferred', () => {
  it('settles its promise from outside', async () => {
    const d = deferred<number>();
    d.resolve(7);
    await expect(d.promise).resolves.toBe(7);
    const e = deferred();
    e.reject(new Error('no'));
    await expect(e.promise).rejects.toThrow('no');
  });
});

describe('ordered', () => {
  it('yields results in item order while tasks finish in any order, with at most inFlight running', async () => {
    let running = 0;
    let most = 0;
    const start = async (i: number) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, (i * 7) % 5));
      running--;
      return i * 2;
    };
    const out: number[] = [];
    for await (const v of ordered([...Array(40).keys()], start, 3)) out.push(v);
    expect(out).toEqual([...Array(40).keys()].map((i) => i * 2));
    expect(most).toBe(3);
  });

  it('throws the first failure in order and starts nothing more once the consumer leaves', async () => {
    const started: number[] = [];
    const start = async (i: number) => {
      started.push(i);
      if (i === 2) throw new Error(`task ${i}`);
      return i;
    };
    const out: number[] = [];
    await expect(
      (async () => {
        for await (const v of ordered([...Array(100).keys()], start, 4)) out.push(v);
      })(),
    ).rejects.toThrow('task 2');
    expect(out).toEqual([0, 1]);
    expect(started.length).toBeLessThanOrEqual(6);
  });

  it('keeps item order when start() throws instead of rejecting: earlier results first', async () => {
    const start = (i: number) => {
      if (i === 2) throw new Error('sync 2');
      return new Promise<number>((r) => setTimeout(() => r(i), 5));
    };
    const out: number[] = [];
    await expect(
      (async () => {
        for await (const v of ordered([0, 1, 2, 3], start, 4)) out.push(v);
      })(),
    ).rejects.toThrow('sync 2');
    expect(out).toEqual([0, 1]);
  });

  it('yields the results of the items it had before the iterable failed, then throws its error', async () => {
    async function* items() {
      yield 1;
      yield 2;
      throw new Error('listing failed');
    }
    const start = (i: number) => new Promise<number>((r) => setTimeout(() => r(i * 10), 5));
    const out: number[] = [];
    await expect(
      (async () => {
        for await (const v of ordered(items(), start, 4)) out.push(v);
      })(),
    ).rejects.toThrow('listing failed');
    expect(out).toEqual([10, 20]);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses inFlight %s instead of looping for ever', async (n) => {
    const run = async () => {
      for await (const _ of ordered([1], async (x) => x, n));
    };
    await expect(run()).rejects.toBeInstanceOf(OptionError);
  });
});

describe('signals', () => {
  it.each([
    ['SIGINT', 'SIGINT', 2],
    ['int', 'SIGINT', 2],
    [15, 'SIGTERM', 15],
    ['Kill', 'SIGKILL', 9],
  ] as const)('%s is %s, number %i', (given, name, number) => {
    expect(signalName(given)).toBe(name);
    expect(signalNumber(given)).toBe(number);
  });

  it.each(['SIGBOGUS', '', 99, 2.5, -1])('refuses %s with UnknownSignalError', (bad) => {
    expect(() => signalNumber(bad)).toThrow(UnknownSignalError);
    expect(() => signalName(bad)).toThrow(/unknown signal/);
  });

  it('names a number that has two names as Node names it (6 is SIGABRT, 29 SIGIO)', () => {
    expect(signalName(6)).toBe('SIGABRT');
    expect(signalName(29)).toBe('SIGIO');
    expect(signalName(signalNumber('SIGIOT'))).toBe('SIGABRT');
  });

  it('refuses a value that is neither a name nor a number', () => {
    expect(() => signalName(undefined as never)).toThrow(UnknownSignalError);
  });
});

describe('startTimer', () => {
  it('waits a period longer than setTimeout allows instead of firing at once', async () => {
    let fired = false;
    const timer = startTimer(2 ** 31, () => {
      fired = true;
    });
    await new Promise((r) => setTimeout(r, 30));
    timer.clear();
    expect(fired).toBe(false);
  });

  it('fires after a short period, and never once cleared', async () => {
    const times: string[] = [];
    startTimer(5, () => times.push('a'));
    startTimer(5, () => times.push('b')).clear();
    await new Promise((r) => setTimeout(r, 40));
    expect(times).toEqual(['a']);
  });

  it('never fires for Infinity', async () => {
    let fired = false;
    startTimer(Number.POSITIVE_INFINITY, () => {
      fired = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(fired).toBe(false);
  });
});

describe('checkTimeout', () => {
  it.each([undefined, 0, 5, 2 ** 40, Number.POSITIVE_INFINITY])('accepts %s', (value) => {
    expect(checkTimeout('timeout', value)).toBe(value);
  });

  it.each([-1, Number.NaN, '10', null, {}, Object.create(null)])('refuses %s, naming the option', (value) => {
    expect(() => checkTimeout('forceKillAfter', value)).toThrow(/^forceKillAfter: must be a number/);
  });
});
