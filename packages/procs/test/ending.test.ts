import { describe, expect, it } from 'vitest';
import { Popen, ProcessError, type RunOptions, run } from '../dist/index.js';
import { eventually, marked } from './_proc.js';

// A tree whose grandchild holds the output pipe: the run can only settle once it is ended.
// Each case marks its sleeps with a number of its own, so no two cases see each other's.
const holder = (n: number) => ['sh', '-c', `sleep 4${n}1.5 & sleep 4${n}2.5; echo done`];

const setups: [string, RunOptions & { encoding?: 'utf8' }][] = [
  ['the defaults', {}],
  ['stderr inherited', { stderr: 'inherit' }],
  ['every stream inherited but stdout', { stdin: 'inherit', stderr: 'inherit' }],
  ['group: false (as on a terminal)', { group: false }],
  ['group: false with stderr inherited', { group: false, stderr: 'inherit' }],
];

describe('a timeout or an abort always settles and ends the whole tree', () => {
  it.each(setups.map(([name, options], i) => [name, options, i + 50] as const))(
    'run() with %s',
    async (_, options, n) => {
      const started = Date.now();
      const error = await run(holder(n), { ...options, timeout: 300 }).catch((e) => e);
      expect(error).toBeInstanceOf(ProcessError);
      expect(error.code).toBe('ERR_SYS_PROCESS_TIMEOUT');
      // Settled by the timeout, not by the sleeps ending on their own: generous for a loaded machine.
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await eventually(() => marked(`sleep 4${n}`).length === 0)).toBe(true);
    },
  );

  it('Popen with its defaults (stdin and stderr inherited): communicate() with an abort', async () => {
    const p = new Popen(holder(60), { stdout: 'pipe' });
    const abort = new AbortController();
    setTimeout(() => abort.abort(new Error('enough')), 300);
    const error = await p.communicate(undefined, { signal: abort.signal }).catch((e) => e);
    expect(error).toMatchObject({ code: 'ERR_SYS_PROCESS_ABORTED', cause: { message: 'enough' } });
    expect(await eventually(() => marked('sleep 460').length === 0)).toBe(true);
  });

  it('kill() leaves no grandchild of a child that does not lead a group, though it forks all the while', async () => {
    // A shell starting sleeps as fast as it can: one forked while the tree is being looked
    // at must not escape (stopped first, the shell can start no more).
    const p = new Popen(['sh', '-c', 'while :; do sleep 4631.5 & done'], { group: false });
    await eventually(() => marked('sleep 4631.5').length > 20);
    p.kill();
    await p.wait();
    expect(await eventually(() => marked('sleep 4631.5').length === 0)).toBe(true);
  });

  it('kill() reaches the grandchildren of a child that does not lead a group', async () => {
    const p = new Popen(holder(61), { stdout: 'pipe', group: false });
    // The shell's own command line holds the mark too: two once its sleep has started.
    await eventually(() => marked('sleep 4611.5').length === 2);
    p.kill();
    await p.wait();
    expect(await eventually(() => marked('sleep 461').length === 0)).toBe(true);
  });

  it.each([
    ['in a group of its own', true, 62],
    ['in our group', false, 63],
  ] as const)(
    'forceKillAfter reaches descendants that ignore SIGTERM and closed their pipes (%s)',
    async (_, group, n) => {
      // The grandchild ignores SIGTERM and lets go of every pipe: the run settles at once, and
      // only the SIGKILL after forceKillAfter can end it.
      const script = `(trap '' TERM; exec sleep 4${n}1.5) </dev/null >/dev/null 2>&1 & exec sleep 4${n}2.5`;
      const error = await run(['sh', '-c', script], { group, timeout: 300, forceKillAfter: 1500 }).catch((e) => e);
      expect(error).toBeInstanceOf(ProcessError);
      expect(marked(`sleep 4${n}1.5`).length).toBeGreaterThan(0); // it outlived the SIGTERM...
      expect(await eventually(() => marked(`sleep 4${n}`).length === 0)).toBe(true); // ...not the SIGKILL
    },
  );
});
