import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main, version } from '../src/main.js';

const bin = fileURLToPath(new URL('../bin/sys.js', import.meta.url));

async function sys(...argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (b) => out.push(String(b)));
  stderr.on('data', (b) => err.push(String(b)));
  const code = await main(argv, { stdout, stderr, cwd: process.cwd() });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('sys', () => {
  it('lists its commands with --help and exits 0', async () => {
    const r = await sys('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: sys <command>/);
    expect(r.stdout).toContain('Commands:');
  });

  it('prints the version of its package.json', async () => {
    const r = await sys('--version');
    expect(r).toMatchObject({ code: 0, stdout: `${version()}\n` });
    expect(version()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('rejects an unknown command with one line on stderr and exit 2', async () => {
    const r = await sys('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("sys: unknown command 'frobnicate' (sys --help lists the commands)\n");
  });

  it('runs as a plain node bin from any folder', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'sys-cli-'));
    const { stdout } = await promisify(execFile)(process.execPath, [bin, '--version'], { cwd: elsewhere });
    expect(stdout).toBe(`${version()}\n`);
  });
});
