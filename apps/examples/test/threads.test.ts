import { describe, expect, it } from 'vitest';
import { example } from './_run.js';

const lines = (text: string) => text.split('\n').filter(Boolean);

// Each example starts several worker threads under tsx: give them time on a busy machine.
describe.concurrent('the chapter’s thread examples', () => {
  it('thread-basics: ten threads print their counts, whole lines, then the main thread exits', async () => {
    const r = await example(['thread-basics', '3']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const out = lines(r.stdout);
    expect(out.at(-1)).toBe('Main thread exiting.');
    expect(out).toHaveLength(31);
    for (let id = 0; id < 10; id++) {
      // each thread's own lines come in its order
      expect(out.filter((l) => l.startsWith(`[${id}] `))).toEqual([`[${id}] => 0`, `[${id}] => 1`, `[${id}] => 2`]);
    }
  });

  it('thread-count: the total is exact with a lock and with withLock, never more without', async () => {
    const r = await example(['thread-count', '50000']);
    expect(r.code).toBe(0);
    const [head, without, withLock, scoped] = lines(r.stdout);
    expect(head).toBe('4 threads add 1 to a shared count 50000 times each; expected 200000');
    expect(withLock).toBe('with a lock:      200000');
    expect(scoped).toBe('with withLock():  200000');
    // Usually short (lost updates); exact only if the threads happened not to overlap.
    const total = Number(without?.split(/\s+/).at(-1));
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(200000);
  });

  it('thread-classes: a Thread subclass runs run() in its thread, with its fields', async () => {
    const r = await example(['thread-classes', '2']);
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out.slice(0, -1).sort()).toEqual(['[0] => 0', '[0] => 1', '[1] => 0', '[1] => 1', '[2] => 0', '[2] => 1']);
    expect(out.at(-1)).toBe('Main thread exiting.');
  });

  it('thread-options: four ways to start a thread each print 2 ** 32', async () => {
    const r = await example(['thread-options']);
    expect(r).toMatchObject({ code: 0, stdout: '4294967296\n'.repeat(4) });
  });

  it('queuetest: consumers get every producer message exactly once', async () => {
    const r = await example(['queuetest', '10']);
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out.at(-1)).toBe('Main thread exit.');
    const got = out.slice(0, -1).map((l) => /^consumer [01] got => \[producer id=(\d), count=(\d)\]$/.exec(l));
    expect(got.every(Boolean)).toBe(true);
    expect(got).toHaveLength(16);
    const messages = got.map((m) => `${m?.[1]}:${m?.[2]}`).sort();
    expect(messages).toEqual([0, 1, 2, 3].flatMap((p) => [0, 1, 2, 3].map((c) => `${p}:${c}`)));
  });
});
