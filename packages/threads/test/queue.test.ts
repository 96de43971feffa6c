import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Empty,
  Full,
  LifoQueue,
  PriorityQueue,
  Queue,
  ShutDown,
  TaskDoneError,
  ValueTooLargeError,
} from '../dist/index.js';
import { inWorker } from './_workers.js';

// Values of every shape the codec treats differently: strings, numbers (-0 and NaN too),
// JSON-shaped data, and what only structured clone keeps (undefined, Map, Date, bigint, bytes).
const value = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.double(),
  fc.jsonValue(),
  fc.constant(undefined),
  fc.date({ noInvalidDate: true }),
  fc.bigInt(),
  fc.uint8Array({ maxLength: 300 }),
  fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.constant(undefined))).map((d) => new Map(Object.entries(d))),
  fc.string({ minLength: 200, maxLength: 2000 }),
);
// A put (with its value) or a get, in any order.
const ops = fc.array(
  fc.oneof(
    value.map((v) => ({ put: v })),
    fc.constant({ get: true }),
  ),
  { maxLength: 200 },
);

// Python's order for the items a PriorityQueue compares: numbers, then strings (by UTF-16 code
// unit), then arrays element by element; inside an array, comparing stops at other values.
function compare(a: unknown, b: unknown): number {
  const rank = (v: unknown) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : Array.isArray(v) ? 2 : 3);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'number' || typeof a === 'string') return a < (b as typeof a) ? -1 : a > (b as typeof a) ? 1 : 0;
  const x = a as unknown[];
  const y = b as unknown[];
  for (let i = 0; ; i++) {
    const endX = i >= x.length || rank(x[i]) === 3;
    const endY = i >= y.length || rank(y[i]) === 3;
    if (endX || endY) return endX && endY ? 0 : endX ? -1 : 1;
    const c = compare(x[i], y[i]);
    if (c !== 0) return c;
  }
}

describe('Queue in one thread', () => {
  it('gives back equal values in FIFO order, wrapping and growing a tiny ring', () => {
    fc.assert(
      fc.property(ops, (steps) => {
        const q = new Queue(0, { initialBytes: 64 });
        const model: unknown[] = [];
        for (const step of steps) {
          if ('put' in step) {
            q.put(step.put);
            model.push(step.put);
          } else if (model.length === 0) expect(() => q.getNowait()).toThrow(Empty);
          else expect(q.get()).toStrictEqual(model.shift());
          expect(q.qsize()).toBe(model.length);
        }
      }),
    );
  });

  it('keeps FIFO order when the ring wraps around and then has to grow', () => {
    const q = new Queue<string>(0, { initialBytes: 64 });
    // each 'aaaa' reserves 24 bytes ([length][tag] + 4 UTF-16 units x 3) and keeps 16 of them
    for (const v of ['aaaa', 'bbbb', 'cccc']) q.put(v);
    expect([q.get(), q.get()]).toEqual(['aaaa', 'bbbb']);
    q.put('dddd'); // 16 bytes left at the end, 24 wanted: goes on from the start
    q.put('eeee'); // no room between: the ring grows and is laid out in order again
    q.put('ffff');
    expect([q.get(), q.get(), q.get(), q.get()]).toEqual(['cccc', 'dddd', 'eeee', 'ffff']);
  });

  it('keeps FIFO order for small values in a ring that wraps often', () => {
    const small = fc.oneof(fc.integer(), fc.string({ maxLength: 12 }));
    const steps = fc.array(
      fc.oneof(
        small.map((v) => ({ put: v })),
        fc.constant({ get: true }),
      ),
      { maxLength: 300 },
    );
    fc.assert(
      fc.property(steps, (list) => {
        const q = new Queue(0, { initialBytes: 64 });
        const model: unknown[] = [];
        for (const step of list) {
          if ('put' in step) {
            q.put(step.put);
            model.push(step.put);
          } else if (model.length > 0) expect(q.get()).toStrictEqual(model.shift());
        }
        while (model.length > 0) expect(q.get()).toStrictEqual(model.shift());
      }),
    );
  });

  it('LifoQueue gives back the last value put first', () => {
    fc.assert(
      fc.property(ops, (steps) => {
        const q = new LifoQueue(0, { initialBytes: 64 });
        const model: unknown[] = [];
        for (const step of steps) {
          if ('put' in step) {
            q.put(step.put);
            model.push(step.put);
          } else if (model.length === 0) expect(() => q.getNowait()).toThrow(Empty);
          else expect(q.get()).toStrictEqual(model.pop());
        }
      }),
    );
  });

  it('PriorityQueue gives back the lowest item first (arrays element by element), equal ones in the order put', () => {
    const entry = fc.tuple(fc.integer({ min: -3, max: 3 }), value);
    const steps = fc.array(
      fc.oneof(
        entry.map((e) => ({ put: e })),
        fc.constant({ get: true }),
      ),
      { maxLength: 150 },
    );
    fc.assert(
      fc.property(steps, (list) => {
        const q = new PriorityQueue<[number, unknown]>(0, { initialBytes: 64 });
        const model: [number, unknown][] = [];
        for (const step of list) {
          if ('put' in step) {
            q.put(step.put);
            // insert after every entry <= this one: a stable order
            let i = model.length;
            while (i > 0 && compare(model[i - 1], step.put) > 0) i--;
            model.splice(i, 0, step.put);
          } else if (model.length === 0) expect(() => q.getNowait()).toThrow(Empty);
          else expect(q.get()).toStrictEqual(model.shift());
        }
      }),
    );
    expect(() => new PriorityQueue().put({ no: 'key' })).toThrow(/PriorityQueue item/);
    expect(() => new PriorityQueue().put(Number.NaN)).toThrow(/PriorityQueue item/);
  });

  it('PriorityQueue orders strings and arrays as Python does, element by element', () => {
    const q = new PriorityQueue<unknown>();
    const items = [
      [2, 'job'],
      [1, 'b'],
      [1, 'a'],
      [1, 'a', 0],
      [2],
      'b',
      'a',
      'ab',
      -1.5,
      3,
      -0,
      [1, [2, 'x']],
      [1, [1]],
    ];
    for (const item of items) q.put(item);
    const out: unknown[] = [];
    while (!q.empty()) out.push(q.get());
    expect(out).toEqual([
      -1.5,
      -0,
      3,
      'a',
      'ab',
      'b',
      [1, 'a'],
      [1, 'a', 0],
      [1, 'b'],
      [1, [1]],
      [1, [2, 'x']],
      [2],
      [2, 'job'],
    ]);
  });

  it('gives back strings that are not well-formed UTF-16 exactly', async () => {
    const q = new Queue<string>();
    for (const s of ['a\ud800b', '\udc00', 'x\ud83d', '\ud83d\ude00 fine']) {
      q.put(s);
      expect(q.get()).toBe(s);
      await q.putAsync(s);
      expect(await q.getAsync()).toBe(s);
    }
  });

  it('takes a maxsize of 0 or less as no bound, as Python does', () => {
    for (const maxsize of [0, -1, -100]) {
      const q = new Queue<number>(maxsize);
      for (let i = 0; i < 1000; i++) q.putNowait(i);
      expect(q.full()).toBe(false);
      expect(q.maxsize).toBe(0);
    }
  });

  it.each([-2, Number.NaN, 'x', -0.5])(
    'refuses the timeout %s before anything else, even with an item ready',
    async (timeout) => {
      const q = new Queue<number>(1);
      q.put(1);
      expect(() => q.get({ timeout: timeout as number })).toThrow(/timeout/);
      await expect(q.getAsync({ timeout: timeout as number })).rejects.toThrow(/timeout/);
      expect(q.qsize()).toBe(1);
      expect(() => q.put(2, { timeout: timeout as number })).toThrow(/timeout/);
    },
  );

  it('after a blocking get times out, the next getAsync waits its whole timeout', async () => {
    const q = new Queue<number>();
    expect(() => q.get({ timeout: 30 })).toThrow(Empty);
    const started = performance.now();
    await expect(q.getAsync({ timeout: 150 })).rejects.toThrow(Empty);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('get and put time out with Empty and Full, or fail at once when not blocking', async () => {
    const q = new Queue<number>(1);
    expect(() => q.get({ timeout: 15 })).toThrow(Empty);
    await expect(q.getAsync({ timeout: 15 })).rejects.toBeInstanceOf(Empty);
    q.put(1);
    expect(q.full()).toBe(true);
    expect(() => q.put(2, { timeout: 15 })).toThrow(Full);
    expect(() => q.putNowait(2)).toThrow(Full);
    await expect(q.putAsync(2, { timeout: 15 })).rejects.toMatchObject({ code: 'ERR_SYS_QUEUE_FULL' });
    expect(q.getNowait()).toBe(1);
    expect(() => q.getNowait()).toThrow(expect.objectContaining({ code: 'ERR_SYS_QUEUE_EMPTY' }));
  });

  it('refuses a value larger than the queue may ever grow', () => {
    const q = new Queue(0, { initialBytes: 1024, maxBytes: 4096 });
    expect(() => q.put('x'.repeat(100_000))).toThrow(ValueTooLargeError);
    q.put('still usable');
    expect(q.get()).toBe('still usable');
  });

  it('taskDone counts processed items; join waits for them; one too many throws', async () => {
    const q = new Queue();
    q.put('a');
    q.put('b');
    let joined = false;
    const joining = q.joinAsync().then(() => {
      joined = true;
    });
    q.get();
    q.taskDone();
    await new Promise((r) => setTimeout(r, 10));
    expect(joined).toBe(false);
    q.get();
    q.taskDone();
    await joining;
    expect(() => q.taskDone()).toThrow(TaskDoneError);
  });
});

const producer = `
  const q = T.Queue.from(data.q);
  for (let i = 0; i < data.n; i++) q.put({ from: data.me, i, text: 'x'.repeat(i % 50) });`;
const consumer = `
  const q = T.Queue.from(data.q);
  const seen = [];
  for (;;) {
    try { const v = q.get(); seen.push(v.from * 1e6 + v.i); q.taskDone(); } catch (e) { if (e.code === 'ERR_SYS_QUEUE_SHUTDOWN') return seen; throw e; }
  }`;

describe('Queue across threads', () => {
  it('delivers every item exactly once from 4 producers to 3 consumers through a bounded queue', async () => {
    const q = new Queue(8, { initialBytes: 256 });
    const n = 3000;
    const consumers = [1, 2, 3].map(() => inWorker<number[]>(consumer, { q: q.buffer }));
    await Promise.all([0, 1, 2, 3].map((me) => inWorker(producer, { q: q.buffer, n, me })));
    await q.joinAsync(); // every item taken and marked done
    q.shutdown();
    const got = (await Promise.all(consumers)).flat().sort((a, b) => a - b);
    const want = [0, 1, 2, 3].flatMap((me) => Array.from({ length: n }, (_, i) => me * 1e6 + i));
    expect(got).toEqual(want);
  });

  it('blocks a producer on a full queue and wakes it when an item is taken', async () => {
    const q = new Queue<number>(2);
    const done = new Int32Array(new SharedArrayBuffer(4));
    const worker = inWorker(
      `const q = T.Queue.from(data.q); for (let i = 0; i < 5; i++) q.put(i); Atomics.store(new Int32Array(data.done), 0, 1);`,
      { q: q.buffer, done: done.buffer },
    );
    while (q.qsize() < 2) await new Promise((r) => setTimeout(r, 2));
    await new Promise((r) => setTimeout(r, 30));
    expect(q.qsize()).toBe(2);
    expect(Atomics.load(done, 0)).toBe(0); // still blocked in put
    const got: number[] = [];
    for (let i = 0; i < 5; i++) got.push(await q.getAsync({ timeout: 20_000 }));
    await worker;
    expect(got).toEqual([0, 1, 2, 3, 4]);
    expect(Atomics.load(done, 0)).toBe(1);
  });

  it('carries 1 MB values between threads, growing the ring past its first size', async () => {
    const q = new Queue(0, { initialBytes: 64 * 1024 });
    const back = new Queue(0, { initialBytes: 64 * 1024 });
    const echo = inWorker(
      `const q = T.Queue.from(data.q); const back = T.Queue.from(data.back);
       for (let i = 0; i < 4; i++) back.put(q.get());`,
      { q: q.buffer, back: back.buffer },
    );
    const text = 'é'.repeat(512 * 1024); // 1 MiB of UTF-8
    const bytes = new Uint8Array(1024 * 1024).map((_, i) => i % 251);
    const object = { rows: Array.from({ length: 20_000 }, (_, i) => ({ i, name: `row ${i}` })) };
    for (const v of [text, bytes, object, 'small']) await q.putAsync(v);
    expect(await back.getAsync()).toBe(text);
    // compared as bytes and text: deep equality walks a million elements slowly
    const gotBytes = (await back.getAsync()) as Uint8Array;
    expect(gotBytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.compare(gotBytes, bytes)).toBe(0);
    expect(JSON.stringify(await back.getAsync())).toBe(JSON.stringify(object));
    expect(await back.getAsync()).toBe('small');
    await echo;
    expect(q.buffer.byteLength).toBeGreaterThan(1024 * 1024);
  });

  it('shutdown() wakes every blocked getter and putter, in workers and on the main thread', async () => {
    const empty = new Queue();
    const full = new Queue(1);
    full.put('x');
    const body = (what: string) => `
      const q = T.Queue.from(data.q);
      const box = new Int32Array(data.box);
      Atomics.add(box, 0, 1);
      try { ${what}; return 'returned'; } catch (e) { return e.code; }`;
    const box = new Int32Array(new SharedArrayBuffer(4));
    const getters = [1, 2, 3].map(() => inWorker(body('q.get()'), { q: empty.buffer, box: box.buffer }));
    const putters = [1, 2].map(() => inWorker(body('q.put(1)'), { q: full.buffer, box: box.buffer }));
    const mainGetter = empty.getAsync().catch((e) => e);
    while (Atomics.load(box, 0) < 5) await new Promise((r) => setTimeout(r, 2));
    await new Promise((r) => setTimeout(r, 20)); // let them reach their waits
    empty.shutdown();
    full.shutdown();
    expect(await Promise.all([...getters, ...putters])).toEqual(Array(5).fill('ERR_SYS_QUEUE_SHUTDOWN'));
    expect(await mainGetter).toBeInstanceOf(ShutDown);
    // not immediate: what was queued can still be taken, then get says ShutDown
    expect(full.get()).toBe('x');
    expect(() => full.get()).toThrow(ShutDown);
    expect(() => full.put('y')).toThrow(ShutDown);
  });

  it('shutdown(true) drops the items left and lets join() return', async () => {
    const q = new Queue();
    for (let i = 0; i < 10; i++) q.put(i);
    q.get();
    q.taskDone();
    const joining = q.joinAsync();
    q.shutdown(true);
    await joining;
    expect(q.qsize()).toBe(0);
    expect(() => q.get()).toThrow(ShutDown);
  });
});
