import { describe, expect, it } from 'vitest';
import { runNode } from './_child.js';
import { dist } from './_workers.js';

// Every async wait, timed and untimed, with nothing else to keep the process alive: Atomics.waitAsync
// holds no handle on the event loop. Run in a child process: vitest's own loop would hide an exit.
const waits = `
  const out = [];
  const t0 = performance.now();
  const took = () => Math.round(performance.now() - t0);
  const timed = async (name, wait) => {
    const start = performance.now();
    let result;
    try { result = await wait; } catch (e) { result = e.code ?? e.message; }
    out.push(name + '=' + result + (performance.now() - start >= 250 ? ' waited' : ' early'));
  };
  const held = new T.Lock(); held.acquire();
  const rheld = new T.RLock(); await new T.Thread({ target: (r) => { r.acquire(); }, args: [rheld] }).start().join();
  await timed('Event', new T.Event().waitAsync({ timeout: 300 }));
  await timed('Lock', held.acquireAsync({ timeout: 300 }));
  await timed('RLock', rheld.acquireAsync(300));
  const cond = new T.Condition(); await cond.acquireAsync();
  await timed('Condition', cond.waitAsync({ timeout: 300 }));
  await timed('Semaphore', new T.Semaphore(0).acquireAsync({ timeout: 300 }));
  await timed('Barrier', new T.Barrier(2).waitAsync({ timeout: 300 }));
  await timed('getAsync', new T.Queue().getAsync({ timeout: 300 }));
  const full = new T.Queue(1); full.put(1);
  await timed('putAsync', full.putAsync(2, { timeout: 300 }));
  // Untimed: the other side is a daemon thread, which does not keep the process alive itself.
  const event = new T.Event();
  const q = new T.Queue();
  const setter = new T.Thread({ daemon: true, target: async (e, q) => {
    await new Promise((r) => setTimeout(r, 300)); e.set(); q.put('late');
  }, args: [event, q] }).start();
  await timed('Event untimed', event.waitAsync());
  await timed('getAsync untimed', q.getAsync());
  console.log(out.join('\\n'));`;

const expected = [
  'Event=false waited',
  'Lock=false waited',
  'RLock=false waited',
  'Condition=false waited',
  'Semaphore=false waited',
  'Barrier=ERR_SYS_BARRIER_BROKEN waited',
  'getAsync=ERR_SYS_QUEUE_EMPTY waited',
  'putAsync=ERR_SYS_QUEUE_FULL waited',
  'Event untimed=true waited',
  'getAsync untimed=late early',
];

describe('an async wait keeps the process alive while it waits', () => {
  it('under top-level await', async () => {
    const ran = await runNode([], `import * as T from ${JSON.stringify(dist)};\n${waits}`);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout.trim().split('\n')).toEqual(expected);
  });

  it('inside async main()', async () => {
    const ran = await runNode(
      [],
      `import * as T from ${JSON.stringify(dist)};\nasync function main() {\n${waits}\n}\nmain();`,
    );
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout.trim().split('\n')).toEqual(expected);
  });

  it('await daemonThread.join() waits for the thread to end', async () => {
    const ran = await runNode(
      [],
      `import { Thread } from ${JSON.stringify(dist)};
       const t = new Thread({ daemon: true, target: () => new Promise((r) => setTimeout(() => r('finished'), 300)) }).start();
       console.log(await t.join());`,
    );
    expect(ran.code).toBe(0);
    expect(ran.stdout).toBe('finished\n');
  });
});
