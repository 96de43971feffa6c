import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spawnDetached } from '../dist/index.js';
import { eventually, leftOver, stat } from './_proc.js';

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const parentScript = fileURLToPath(new URL('./fixtures/parent.ts', import.meta.url));

/** Starts the fixture parent and waits for the `count` pids of the tree it started. */
async function parent(how: string, count = 2): Promise<{ proc: ChildProcess; pids: number[] }> {
  const proc = spawn(process.execPath, ['--import', tsx, parentScript, how], { stdio: ['ignore', 'pipe', 'pipe'] });
  const pids: number[] = [];
  for await (const line of createInterface({ input: proc.stdout as NodeJS.ReadableStream })) {
    pids.push(Number(line));
    if (pids.length === count) break;
  }
  return { proc, pids };
}

const exited = (proc: ChildProcess) =>
  new Promise<[number | null, string | null]>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve([proc.exitCode, proc.signalCode]);
    else proc.once('exit', (code, signal) => resolve([code, signal]));
  });

// Concurrent: most of each test is waiting for PID 1 to reap the orphans.
describe.concurrent('children end with their parent', () => {
  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)('when the parent dies of %s', async (signal) => {
    const { proc, pids } = await parent('signal');
    expect(leftOver(pids)).toEqual(pids);
    proc.kill(signal);
    expect(await exited(proc)).toEqual([null, signal]); // it still dies of the signal
    expect(await eventually(() => leftOver(pids).length === 0)).toBe(true);
  });

  it('when the parent dies of an uncaught error', async () => {
    const { proc, pids } = await parent('throw');
    expect((await exited(proc))[0]).toBe(1);
    expect(await eventually(() => leftOver(pids).length === 0)).toBe(true);
  });

  it('but not when the parent listens for the signal itself (it chose to live)', async () => {
    const { proc, pids } = await parent('handled');
    proc.kill('SIGTERM');
    for await (const line of createInterface({ input: proc.stdout as NodeJS.ReadableStream })) {
      if (line === 'handled') break;
    }
    expect(leftOver(pids)).toEqual(pids);
    proc.kill('SIGKILL');
    await exited(proc);
    for (const pid of pids) process.kill(pid, 'SIGKILL'); // our own clean-up: nobody else will
    expect(await eventually(() => leftOver(pids).length === 0)).toBe(true);
  });

  it('spawnDetached: the child outlives its parent, in a session of its own', async () => {
    const { proc, pids } = await parent('detached', 1);
    expect(await exited(proc)).toEqual([0, null]);
    const [pid] = pids as [number];
    expect(stat(pid)?.state).toMatch(/[RS]/);
    const sid = Number(readStat(pid)[3]);
    expect(sid).toBe(pid);
    process.kill(pid, 'SIGKILL');
    expect(await eventually(() => leftOver([pid]).length === 0)).toBe(true);
  });

  it('spawnDetached writes where asked and rejects a missing command', async () => {
    await expect(spawnDetached(['/no/such/thing'])).rejects.toMatchObject({ code: 'ERR_SYS_SPAWN', errno: 'ENOENT' });
    await expect(spawnDetached(['true'], { stdout: 'pipe' as never })).rejects.toMatchObject({
      code: 'ERR_SYS_OPTION',
    });
  });
});

function readStat(pid: number): string[] {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}
