import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@sys/config/temp-dirs';
import { describe, expect, it } from 'vitest';
import { popen, system } from '../dist/index.js';

const testexit = `'${process.execPath}' -e 'console.log("Bye sys world"); process.exit(42)'`;

describe('system', () => {
  it('runs a shell command line and resolves with its exit status', async () => {
    const out = join(tempDir('sys-procs-'), 'out');
    expect(await system(`${testexit} > '${out}'`)).toBe(42);
    expect(readFileSync(out, 'utf8')).toBe('Bye sys world\n');
    expect(await system('exit 0')).toBe(0);
  });

  it('gives 128 + the signal number when a signal ended the command', async () => {
    expect(await system('kill -TERM $$')).toBe(143);
  });
});

describe('popen', () => {
  it('reads the output, and close() gives the exit status (the chapter’s testexit)', async () => {
    const pipe = popen(testexit);
    expect(await pipe.read()).toBe('Bye sys world\n');
    expect(await pipe.close()).toBe(42);
  });

  it('iterates over the lines of the output', async () => {
    const seen: string[] = [];
    const pipe = popen('printf "a.py\\nb.py\\n"; exit 3');
    for await (const line of pipe) seen.push(line);
    expect(seen).toEqual(['a.py', 'b.py']);
    expect(await pipe.close()).toBe(3);
  });

  it('close() before the end stops a writer that is not done', async () => {
    // Node's child pipes are socket pairs: the writer sees ECONNRESET (or EPIPE) and ends.
    const pipe = popen('yes 2>/dev/null');
    const first = await pipe.lines().next();
    expect(first.value).toBe('y');
    expect(await pipe.close()).not.toBe(0);
  });

  it("writes a command's input in mode 'w'", async () => {
    const out = join(tempDir('sys-procs-'), 'got');
    const pipe = popen(`cat > '${out}'; exit 7`, 'w');
    await pipe.write('Pokey\n');
    await pipe.write(Buffer.from('again\n'));
    expect(await pipe.close()).toBe(7);
    expect(readFileSync(out, 'utf8')).toBe('Pokey\nagain\n');
  });
});
