import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@sys/config/temp-dirs';
import { describe, expect, it } from 'vitest';
import { Popen, pipeline, run } from '../dist/index.js';

// Each bad call would run `touch MARK` if it started anything: the file proves it did not.
describe('options that cannot be honoured are refused before anything starts', () => {
  const dir = tempDir('sys-procs-');
  const mark = join(dir, 'started');
  const touch = ['touch', mark];

  const refused: [string, () => unknown, RegExp][] = [
    [
      'an unknown killSignal',
      () => run(touch, { killSignal: 'SIGBOGUS' as never, timeout: 10 }),
      /killSignal: unknown signal: SIGBOGUS/,
    ],
    ['a NUL byte in an argument', () => run([...touch, 'a\0b']), /command: embedded NUL byte in argument 2/],
    ['a NUL byte in the file', () => run(['tou\0ch', mark]), /embedded NUL byte in the file/],
    [
      'a NUL byte in an env value',
      () => run(touch, { env: { SPAM: 'x\0y' } }),
      /env: embedded NUL byte in the value of SPAM/,
    ],
    [
      'a NUL byte in an env name',
      () => run(touch, { env: { 'SP\0AM': 'x' } }),
      /env: embedded NUL byte in a variable name/,
    ],
    ['a NUL byte in cwd', () => run(touch, { cwd: `${dir}\0` }), /cwd: embedded NUL byte in the working directory/],
    [
      'a NUL byte in a shell command',
      () => run(`touch ${mark}\0`, { shell: true }),
      /embedded NUL byte in the command/,
    ],
    [
      'an argument that is not a string',
      () => run([...touch, undefined as never]),
      /argument 2 must be a string, not undefined/,
    ],
    [
      'a number as an argument',
      () => run([touch[0] as string, 42 as never]),
      /argument 1 must be a string, not number/,
    ],
    [
      'stdin together with input',
      () => run(touch, { input: 'x', stdin: 'ignore' }),
      /stdin: cannot be given with input/,
    ],
    ['a negative timeout', () => run(touch, { timeout: -1 }), /timeout: must be/],
    [
      'a forceKillAfter that is not a number',
      () => run(touch, { forceKillAfter: '5' as never }),
      /forceKillAfter: must be/,
    ],
    ['a NUL byte in a Popen argument', () => new Popen([...touch, '\0']), /embedded NUL byte in argument 2/],
    ['a NUL byte in a later pipeline stage', () => pipeline([touch, ['cat', '\0']]), /embedded NUL byte in argument 1/],
    [
      'stdin with input in a pipeline',
      () => pipeline([touch], { input: 'x', stdin: 'ignore' }),
      /stdin: cannot be given/,
    ],
  ];

  it.each(refused)('%s', async (_, call, message) => {
    let error: unknown;
    try {
      await call();
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'ERR_SYS_OPTION', message: expect.stringMatching(message) });
    expect(existsSync(mark)).toBe(false);
  });
});
