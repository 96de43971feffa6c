// Round trips must not stall when the machine is loaded or the socket buffers are small:
// a lost wake-up shows here as a run that stops (status "stalled") or whose asking side
// ends with its work unfinished (status 13: top-level await never settled).
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { exited } from './_child.js';

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const pair = fileURLToPath(new URL('./fixtures/socket_pair.py', import.meta.url));
const peer = fileURLToPath(new URL('./fixtures/rt-peer.ts', import.meta.url));
const busy: ReturnType<typeof spawn>[] = [];
/** Pinning to one core needs util-linux's taskset. */
const canPin = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
afterEach(() => {
  for (const child of busy.splice(0)) child.kill('SIGKILL');
});

/** Runs `ask N BURST` against `echo` on a socket pair with buffers of `size` bytes; resolves with what it printed. */
async function exchange(size: number, n: number, burst: number, prefix: string[] = []): Promise<string> {
  const node = [...prefix, process.execPath, '--import', tsx, peer];
  const run = spawn(
    'python3',
    [pair, String(size), '15', ...node, 'ask', String(n), String(burst), '--', ...node, 'echo'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  run.stdout.on('data', (chunk) => (out += chunk));
  await exited(run);
  return out;
}

describe('round trips under stress', () => {
  it.each([1, 200])(
    'finish with socket buffers shrunk to 4 KiB (bursts of %i)',
    async (burst) => {
      expect(await exchange(4096, 4000, burst)).toBe('done 4000\n0 0\n');
    },
    30_000,
  );

  it.runIf(canPin)(
    'finish while two busy processes load the core both peers are pinned to',
    async () => {
      for (let i = 0; i < 2; i++) busy.push(spawn('taskset', ['-c', '0', process.execPath, '-e', 'for (;;) {}']));
      const pinned = ['taskset', '-c', '0'];
      const runs = await Promise.all([exchange(0, 3000, 1, pinned), exchange(0, 6000, 2000, pinned)]);
      expect(runs).toEqual(['done 3000\n0 0\n', 'done 6000\n0 0\n']);
    },
    40_000,
  );
});
