import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folder, main, tsx } from './_run.js';

/**
 * Runs `example NAME ARGS | head -1` through a shell, as a user would, and resolves with
 * what reached stderr: the example's, its children's, and head's.
 */
function piped(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const line = `'${process.execPath}' --import '${tsx}' '${main}' "$@" </dev/null | head -1`;
  return new Promise((resolve) => {
    execFile('sh', ['-c', line, 'sh', ...args], { encoding: 'utf8', timeout: 60_000 }, (_error, stdout, stderr) =>
      resolve({ stdout, stderr }),
    );
  });
}

// A stack trace, or the unhandled-error banner Node prints before one.
const STACK = /^\s+at |node:internal|Unhandled 'error'|throw er;|EPIPE/m;

const dir = folder({ 'a.py': '', 'words.txt': 'spam\neggs\nspam\n' });
const port = String(50_000 + (process.pid % 10_000)); // a port nobody serves

// Each example that starts processes (and those that crashed so), with its arguments and a bad one.
const cases: [string, string[], string[]][] = [
  ['environ', [], ['=', 'x']],
  ['fork-count', [], ['extra']],
  ['fork-vs-spawn', ['3'], ['many']],
  ['multi1', [], ['extra']],
  ['multi2', [], ['extra']],
  ['multi4', [], ['extra']],
  ['multi5', [], ['extra']],
  ['pipeline', [join(dir, 'words.txt'), '1'], [join(dir, 'missing.txt'), 'x']],
  ['popen-lister', [dir, '*.py'], [join(dir, 'missing'), '$(touch hacked)']],
  ['spawn-detached', [folder(), '2'], [join(dir, 'missing', 'deeper'), 'x']],
  ['subprocess-io', [], ['extra']],
  ['sysinfo', ['0', 'a'], ['x']],
  ['testexit_procs', [], ['extra']],
  ['signal-catch', ['15', '0'], ['9']],
  ['socket-preview-progs', ['2', port], ['3', port]],
];

describe('examples read by `| head -1`, and given a bad argument, say no stack', { timeout: 120_000 }, () => {
  it.each(cases)('%s', async (name, good, bad) => {
    const ok = await piped([name, ...good]);
    expect(ok.stderr).not.toMatch(STACK);
    const wrong = await piped([name, ...bad]);
    expect(wrong.stderr).not.toMatch(STACK);
  });

  it('popen-lister globs its pattern and runs nothing in it', async () => {
    const here = folder({ 'a.py': '' });
    await piped(['popen-lister', here, '$(touch hacked)']);
    await piped(['popen-lister', here, '*.py; touch hacked2']);
    expect(existsSync(join(here, 'hacked'))).toBe(false);
    expect(existsSync(join(here, 'hacked2'))).toBe(false);
  });
});
