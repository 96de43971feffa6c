import { existsSync, mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { firstBytes, start } from './_child.js';
import { folder, sys } from './_sys.js';

/** Every name under `dir`, recursively. */
function everything(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

/** Waits until `test()` holds, checking every 10 ms (no time limit: the test's own timeout is the bound). */
async function until(test: () => boolean): Promise<void> {
  while (!test()) await sleep(10);
}

describe('Ctrl-C and SIGTERM', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s stops sys pack -o, removes its temp file, and exits %i', async (signal, code) => {
    const dir = folder(['small.txt']);
    // A sparse 64 GiB file: packing it (as base64) takes far longer than the test waits.
    writeFileSync(join(dir, 'huge.bin'), '');
    truncateSync(join(dir, 'huge.bin'), 64 * 2 ** 30);
    const run = start(dir, ['pack', '.', '-o', 'out.pack']);
    await until(() => readdirSync(dir).length > 2);
    run.child.kill(signal);
    expect(await run.exit).toBe(code);
    expect(run.stderr()).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['huge.bin', 'small.txt']);
  });

  it('SIGINT ends a command that makes nothing (find) at once, as it ends ls: 130 to the shell', async () => {
    // Output that fills the pipe, unread: find waits on its reader when the signal comes.
    const run = start(folder([]), ['find', '*', '/']);
    await firstBytes(run.child.stdout, 1);
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(130);
  });

  it('SIGINT stops sys unpack mid-pack, leaves nothing in the destination, and exits 130', async () => {
    const dir = folder(['src/a.txt', 'src/b.txt', 'src/c.txt']);
    expect((await sys(dir, 'pack', 'src', '-o', 'p.pack')).code).toBe(0);
    const pack = readFileSync(join(dir, 'p.pack'));
    const run = start(dir, ['unpack', '-', '-C', 'out']);
    // Half a pack, and the pipe stays open: unpack waits for the rest.
    run.child.stdin.write(pack.subarray(0, pack.indexOf('src/c.txt')));
    await firstBytes(run.child.stdout, 1);
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(130);
    expect(run.stderr()).toBe('');
    expect(everything(join(dir, 'out'))).toEqual([]);
  });

  it('SIGTERM stops sys eoln tounix and leaves no temp file', async () => {
    const dir = folder([]);
    // Files big enough that conversions are under way when the signal comes.
    const text = Buffer.alloc(4 << 20, 'a line of text\r\n');
    for (let i = 0; i < 16; i++) writeFileSync(join(dir, `f${i}.txt`), text);
    const run = start(dir, ['eoln', 'tounix', '.']);
    // A name that is not one of ours: a conversion's temp file.
    await until(() => readdirSync(dir).some((n) => !/^f\d+\.txt$/.test(n)));
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(143);
    expect(readdirSync(dir).filter((n) => !/^f\d+\.txt$/.test(n))).toEqual([]);
  });

  it('Ctrl-C at any moment of sys eoln over thousands of files leaves no temp file once sys has exited', async () => {
    // Thousands of small files (read whole, converted in place) and a few big ones (streamed), in folders.
    const dir = folder([]);
    for (let d = 0; d < 10; d++) {
      mkdirSync(join(dir, `d${d}`));
      for (let i = 0; i < 300; i++) writeFileSync(join(dir, `d${d}`, `f${i}.txt`), 'line\r\n'.repeat(40));
      if (d % 3 === 0) writeFileSync(join(dir, `d${d}`, 'big.txt'), Buffer.alloc(3 << 20, 'a line\r\n'));
    }
    const temps = () => everything(dir).filter((name) => name.endsWith('.sys-tmp'));
    const codes: number[] = [];
    // The signal at several moments from start-up on; in three trials of four a second Ctrl-C
    // follows (at once, 1 ms or 3 ms later), which exits without waiting for cleanup.
    for (const [trial, wait] of [
      0, 30, 60, 90, 120, 150, 180, 210, 240, 280, 320, 360, 400, 450, 500, 560, 620, 700, 800, 900,
    ].entries()) {
      // Converting to and fro: every trial finds work, whatever the one before finished.
      const run = start(dir, ['eoln', trial % 2 === 0 ? 'todos' : 'tounix', '.']);
      const second = [undefined, 0, 1, 3][Math.floor(trial / 2) % 4];
      await sleep(wait);
      run.child.kill('SIGINT');
      if (second !== undefined) {
        if (second > 0) await sleep(second);
        run.child.kill('SIGINT');
      }
      const code = await run.exit;
      codes.push(code);
      expect({ trial, wait, code, temps: temps() }).toEqual({ trial, wait, code, temps: [] });
    }
    expect(codes.filter((code) => code === 130).length).toBeGreaterThan(codes.length / 2);
  });
});
