import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { version } from '../src/main.js';
import { sys, sysBin } from './_sys.js';

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

  it('runs as a plain node bin from any folder', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'sys-cli-'));
    const r = await sysBin(elsewhere, ['--version']);
    expect(r.stdout).toBe(`${version()}\n`);
  });
});
