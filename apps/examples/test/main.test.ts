import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { examples } from '../src/main.js';
import { example, folder, main, tsx } from './_run.js';

describe('examples runner', () => {
  it('lists every example with its summary', async () => {
    const r = await example(['--list']);
    expect(r.code).toBe(0);
    for (const e of examples()) expect(r.stdout).toContain(e.name);
    expect(examples().every((e) => e.summary.length > 0)).toBe(true);
  });

  it('refuses an unknown example with exit 2', async () => {
    const r = await example(['no_such_example']);
    expect(r).toMatchObject({ code: 2, stderr: "example: no example named 'no_such_example' (--list shows them)\n" });
  });
});

describe('a reader that leaves', () => {
  it('ends an example quietly with exit 0, no EPIPE trace', async () => {
    const root = folder(Object.fromEntries(Array.from({ length: 4000 }, (_, i) => [`f${i}.txt`, ''])));
    const child = spawn(process.execPath, ['--import', tsx, main, 'lister', root], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    // Like `| head -c 100`: take the first chunk, then close the pipe on a writer with lots left.
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.stdout.destroy();
    const [code] = await once(child, 'close');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });
});

describe('testexit_sys', () => {
  it('prints its farewell and exits 42', async () => {
    expect(await example(['testexit_sys'])).toMatchObject({ code: 42, stdout: 'Bye sys world\n' });
  });
});
