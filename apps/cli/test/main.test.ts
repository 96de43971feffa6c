import { describe, expect, it } from 'vitest';
import { version } from '../dist/main.js';
import { folder, plainEnv, sys, sysBin } from './_sys.js';

describe('sys', () => {
  it('lists its commands with --help and exits 0', async () => {
    const r = await sys('.', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: sys <command>/);
    expect(r.stdout).toContain('Commands:');
  });

  it('prints the version of its package.json', async () => {
    const r = await sys('.', '--version');
    expect(r).toMatchObject({ code: 0, stdout: `${version()}\n` });
    expect(version()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('rejects an unknown command with one line on stderr and exit 2', async () => {
    const r = await sys('.', 'frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("sys: unknown command 'frobnicate' (sys --help lists the commands)\n");
  });

  it('prints one line for an error, and the stack only with SYS_DEBUG', async () => {
    const dir = folder([]);
    const plain = await sysBin(dir, ['unpack', 'nope.pack']);
    expect(plain).toEqual({ code: 2, stdout: '', stderr: 'sys unpack: nope.pack: no such file or directory\n' });
    const debug = await sysBin(dir, ['unpack', 'nope.pack'], { env: { ...plainEnv(), SYS_DEBUG: '1' } });
    expect(debug.stderr.split('\n')[0]).toBe('sys unpack: nope.pack: no such file or directory');
    expect(debug.stderr).toMatch(/\n {4}at /);
  });

  it('runs as a plain node bin from any folder', async () => {
    const elsewhere = folder([]);
    const r = await sysBin(elsewhere, ['--version']);
    expect(r.stdout).toBe(`${version()}\n`);
  });
});
