import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tempDir } from '@sys/config/temp-dirs';
import { isSysError } from '@sys/core';
import { describe, expect, it } from 'vitest';
// Children run the built runner: Process comes from dist/, as a user's does.
import { ChildExitError, Process, ProcessError, ProcessStateError } from '../dist/index.js';
import { Counter, tsxArgv } from './fixtures/tasks.js';

const tasks = new URL('./fixtures/tasks.ts', import.meta.url);
const task = (name: string, args: unknown[] = []) =>
  new Process({ module: tasks, export: name, args, execArgv: tsxArgv });
const dist = pathToFileURL(fileURLToPath(new URL('../dist/index.js', import.meta.url))).href;

describe('Process', () => {
  it('runs an exported function in a child process and gives back its value', async () => {
    const p = task('whoami', ['spawned child']).start();
    expect(await p.join()).toBe(0);
    expect(p.exitcode).toBe(0);
    expect(await p.result()).toBe(`spawned child: pid ${p.pid}`);
    expect(p.pid).not.toBe(process.pid);
    expect(p.isAlive()).toBe(false);
  });

  it('carries values as structured clones, not JSON', async () => {
    const p = task('clones').start();
    expect(await p.result()).toEqual({
      map: new Map([[1, 'one']]),
      set: new Set([2]),
      date: new Date(0),
      big: 10n ** 20n,
      bytes: new Uint8Array([1, 2]),
    });
  });

  it('carries a thrown error back as its class, with code and the child’s stack; exit code 1', async () => {
    const p = task('fail', ['bad input']).start();
    const error = (await p.result().catch((e) => e)) as RangeError & { code: string };
    expect(error).toBeInstanceOf(RangeError);
    expect(error).toMatchObject({ code: 'E_TASK', message: 'bad input' });
    expect(error.stack).toMatch(/tasks\.ts/);
    expect(await p.join()).toBe(1);
  });

  it('keeps an error’s cause chain with errno and path, and a thrown non-error value as it was', async () => {
    const error = (await task('failWithCause')
      .start()
      .result()
      .catch((e) => e)) as TypeError;
    expect(error).toBeInstanceOf(TypeError);
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.cause).toMatchObject({ code: 'ENOENT', errno: -2, path: '/nonexistent-sys-procs/x' });
    await expect(task('throwValue').start().result()).rejects.toEqual({ answer: 42, list: [1, 2] });
  });

  it('gives back our own errors as their classes (a failing run() in the child)', async () => {
    const error = await task('failingRun')
      .start()
      .result()
      .catch((e) => e);
    expect(error).toBeInstanceOf(ProcessError);
    expect(isSysError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ERR_SYS_PROCESS', reason: 'exit', result: { code: 3 } });
  });

  it('reports a child that exits without answering, and one killed mid-task', async () => {
    const a = task('exitNow', [9]).start();
    expect(await a.join()).toBe(9);
    await expect(a.result()).rejects.toMatchObject({ code: 'ERR_SYS_CHILD_EXIT', exitCode: 9 });
    const b = task('sleepForever').start();
    await new Promise((r) => setTimeout(r, 300));
    b.terminate();
    expect(await b.join()).toBe(-15);
    await expect(b.result()).rejects.toBeInstanceOf(ChildExitError);
  });

  it('says so when a value cannot be cloned', async () => {
    const p = task('returnsFunction').start();
    await expect(p.result()).rejects.toMatchObject({ message: expect.stringMatching(/could not be cloned/) });
  });

  it('runs a subclass’s run() in the child, which posts messages to the parent (multi4)', async () => {
    const c = new Counter(100);
    const posted: unknown[] = [];
    c.on('message', (m) => posted.push(m));
    c.start();
    expect(await c.result()).toBe(103);
    expect(await c.join()).toBe(0);
    expect(c.state).toBe(100); // the child counted on its own copy
    expect(posted).toEqual([
      [c.pid, 101],
      [c.pid, 102],
      [c.pid, 103],
    ]);
  });

  it('refuses to start twice, and a missing module or export fails the task', async () => {
    const p = task('square', [3]).start();
    expect(() => p.start()).toThrow(ProcessStateError);
    expect(() => p.start()).toThrow(expect.objectContaining({ code: 'ERR_SYS_PROCESS_STATE' }));
    expect(await p.result()).toBe(9);
    await expect(task('nope').start().result()).rejects.toThrow(/no exported function 'nope'/);
    expect(() => new Process({} as never)).toThrow(expect.objectContaining({ code: 'ERR_SYS_OPTION' }));
  });

  it('refuses a bare package specifier as module, saying how to pass one', () => {
    expect(() => new Process({ module: 'node-fetch' })).toThrow(/package specifier.*import\.meta\.resolve/);
  });

  it('loads a module whose path has # and spaces', async () => {
    const dir = join(tempDir('sys-procs-'), 'a #dir% with spaces');
    mkdirSync(dir);
    copyFileSync(fileURLToPath(new URL('./fixtures/plain.mjs', import.meta.url)), join(dir, 'm #1.mjs'));
    const p = new Process({ module: join(dir, 'm #1.mjs'), export: 'twice', args: [21] }).start();
    expect(await p.result()).toBe(42);
  });

  it('starts from a `node --input-type=module -e` program', () => {
    const plain = fileURLToPath(new URL('./fixtures/plain.mjs', import.meta.url));
    const code = `import { Process } from ${JSON.stringify(dist)};
      const p = new Process({ module: ${JSON.stringify(plain)}, export: 'twice', args: [4] }).start();
      console.log(await p.result());`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    expect(out.trim()).toBe('8');
  });

  it('await using ends a child still running', async () => {
    let pid: number | undefined;
    {
      await using p = task('sleepForever').start();
      pid = p.pid;
    }
    expect(() => process.kill(pid as number, 0)).toThrow();
  });
});
