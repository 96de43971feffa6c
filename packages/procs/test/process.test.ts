import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isSysError } from '@sys/core';
import { describe, expect, it } from 'vitest';
import { ChildExitError, Process, RemoteError } from '../src/index.js';
import { Counter } from './fixtures/tasks.js';

// Tests run the source: the child needs tsx to load the TypeScript runner and fixtures. A
// Process inherits our execArgv, as it would under `node --import tsx` (the subclass relies on it).
const execArgv = ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];
process.execArgv.push(...execArgv);
const tasks = new URL('./fixtures/tasks.ts', import.meta.url);
const task = (name: string, args: unknown[] = []) => new Process({ module: tasks, export: name, args, execArgv });

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

  it('carries a thrown error back with its name, code and the child’s stack; exit code 1', async () => {
    const p = task('fail', ['bad input']).start();
    const error = (await p.result().catch((e) => e)) as RemoteError;
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({ code: 'ERR_SYS_REMOTE', remoteName: 'RangeError', remoteCode: 'E_TASK' });
    expect(error.message).toBe('RangeError: bad input');
    expect(error.stack).toMatch(/tasks\.ts/);
    expect(isSysError(error)).toBe(true);
    expect(await p.join()).toBe(1);
  });

  it('reports a child that exits without answering, and one killed mid-task', async () => {
    const a = task('exitNow', [9]).start();
    expect(await a.join()).toBe(9);
    await expect(a.result()).rejects.toMatchObject({ code: 'ERR_SYS_CHILD_EXIT', exitCode: 9 });
    const b = task('sleepForever').start();
    b.terminate();
    expect(await b.join()).toBe(-15);
    await expect(b.result()).rejects.toBeInstanceOf(ChildExitError);
  });

  it('says so when a value cannot be cloned', async () => {
    const p = task('returnsFunction').start();
    await expect(p.result()).rejects.toMatchObject({
      code: 'ERR_SYS_REMOTE',
      message: expect.stringMatching(/could not be cloned/),
    });
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
    expect(() => p.start()).toThrow(expect.objectContaining({ code: 'ERR_SYS_PROCESS_STATE' }));
    expect(await p.result()).toBe(9);
    await expect(task('nope').start().result()).rejects.toThrow(/no exported function 'nope'/);
    expect(() => new Process({} as never)).toThrow(expect.objectContaining({ code: 'ERR_SYS_OPTION' }));
  });
});
