import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from '@sys/config/temp-dirs';
import { describe, expect, it } from 'vitest';
import { exited } from './_child.js';

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const ipc = new URL('../dist/index.js', import.meta.url).href;

/** Pids of live processes whose environment holds `marker` (read from /proc). */
function carrying(marker: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`).includes(marker)) found.push(Number(name));
    } catch {} // gone, or not ours to read
  }
  return found;
}

describe('Pipe() from a node -e program', () => {
  it('runs the module in the child, not the -e code again, from a folder with # and spaces', async () => {
    const dir = join(tempDir('sys-ipc-eval-'), 'a #dir with spaces');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'child #1.mjs'),
      `import { parentConnection } from ${JSON.stringify(ipc)};\nawait parentConnection().send({ child: process.pid });\n`,
    );
    // Each run of this code is logged; the third one stops, so a broken Pipe() cannot fork for ever.
    const code = `
      const fs = require('node:fs');
      fs.appendFileSync('runs.txt', process.pid + '\\n');
      if (fs.readFileSync('runs.txt', 'utf8').split('\\n').length <= 3)
        import(${JSON.stringify(ipc)}).then(async ({ Pipe }) => {
          const { child, connection } = Pipe({ module: './child #1.mjs' });
          console.log(JSON.stringify(await connection.recv()));
          await new Promise((resolve) => child.once('exit', resolve));
        });`;
    const marker = `SYS_IPC_EVAL_MARK=${randomUUID()}`;
    const [key, value] = marker.split('=') as [string, string];
    const parent = spawn(process.execPath, ['--import', tsx, '-e', code], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, [key]: value },
    });
    let out = '';
    parent.stdout.on('data', (chunk) => (out += chunk));
    const timer = setTimeout(() => parent.kill('SIGKILL'), 20_000);
    expect(await exited(parent)).toBe(0);
    clearTimeout(timer);
    expect(readFileSync(join(dir, 'runs.txt'), 'utf8').trim().split('\n')).toHaveLength(1);
    expect(Object.keys(JSON.parse(out))).toEqual(['child']);
    // No chain of processes is left behind: nothing alive carries this run's marker.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const left = carrying(marker);
    for (const pid of left) process.kill(pid, 'SIGKILL');
    expect(left).toEqual([]);
  }, 30_000);
});
