import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ProducerControl, type PushSink, pull } from '../dist/index.js';

/**
 * A producer of `total` numbers that pushes while `push` says yes and waits for `resume`,
 * asynchronously (one item per macrotask), as a walk or a parser does. It records how far it
 * ran ahead of the consumer and whether it was stopped.
 */
function counter(total: number) {
  const seen = { produced: 0, stopped: 0, resumed: 0 };
  const start = (sink: PushSink<number>): ProducerControl => {
    let running = false;
    let stopped = false;
    const run = () => {
      running = true;
      const step = () => {
        if (stopped) return;
        if (seen.produced === total) return sink.end();
        if (sink.push(seen.produced++)) setImmediate(step);
        else running = false;
      };
      setImmediate(step);
    };
    run();
    return {
      resume() {
        seen.resumed++;
        if (!running) run();
      },
      stop() {
        seen.stopped++;
        stopped = true;
      },
    };
  };
  return { seen, start };
}

describe('pull', () => {
  it('yields every item in order, then ends', async () => {
    const { start } = counter(100);
    const out: number[] = [];
    for await (const n of pull(start, { backlog: 7 })) out.push(n);
    expect(out).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('throws the error the producer ended with, after the items before it', async () => {
    const boom = new Error('read failed');
    const out: string[] = [];
    const stream = pull<string>(
      (sink) => {
        sink.push('a');
        sink.push('b');
        setImmediate(() => sink.end(boom));
        return undefined;
      },
      { backlog: 10 },
    );
    await expect(
      (async () => {
        for await (const item of stream) out.push(item);
      })(),
    ).rejects.toBe(boom);
    expect(out).toEqual(['a', 'b']);
  });

  it('holds a producer back to the backlog while the consumer is slow', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 0, max: 120 }), async (backlog, total) => {
        const { seen, start } = counter(total);
        let consumed = 0;
        let worst = 0;
        for await (const n of pull(start, { backlog })) {
          expect(n).toBe(consumed);
          consumed++;
          // A slow consumer: the producer gets macrotasks to run ahead in, if it would.
          await new Promise((resolve) => setImmediate(resolve));
          await new Promise((resolve) => setImmediate(resolve));
          worst = Math.max(worst, seen.produced - consumed);
        }
        expect(consumed).toBe(total);
        expect(worst).toBeLessThanOrEqual(backlog);
      }),
      { numRuns: 40 },
    );
  });

  it('stops the producer when the consumer leaves early, and ignores pushes after', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 30 }), async (backlog, wanted) => {
        const { seen, start } = counter(1000);
        let sink: PushSink<number> | undefined;
        let taken = 0;
        for await (const _ of pull<number>(
          (s) => {
            sink = s;
            return start(s);
          },
          { backlog },
        )) {
          if (++taken === wanted) break;
        }
        expect(seen.stopped).toBe(1);
        const produced = seen.produced;
        for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
        expect(seen.produced).toBe(produced);
        expect(produced).toBeLessThanOrEqual(wanted + backlog);
        expect(sink?.push(-1)).toBe(false);
      }),
      { numRuns: 30 },
    );
  });

  it('rejects a backlog below 1 with OptionError', async () => {
    await expect(pull(() => undefined, { backlog: 0 }).next()).rejects.toMatchObject({
      code: 'ERR_SYS_OPTION',
      option: 'backlog',
    });
  });

  it('does not start the producer before the first item is asked for', async () => {
    let started = false;
    const stream = pull<number>((sink) => {
      started = true;
      sink.end();
      return undefined;
    });
    expect(started).toBe(false);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    expect(started).toBe(true);
  });
});
