import { execFile } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { tempDir } from '@sys/config/temp-dirs';
import { main } from '../src/main.js';

/** Runs `sys ARGV` in this process, in folder `cwd`; returns its exit code and output. */
export async function sys(cwd: string, ...argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (b: Buffer) => out.push(b));
  stderr.on('data', (b: Buffer) => err.push(b));
  const code = await main(argv, { stdout, stderr, cwd });
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

const bin = fileURLToPath(new URL('../bin/sys.js', import.meta.url));

/** Runs the built `sys` bin as a user would, in a real process. */
export function sysBin(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...argv], { cwd, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** A fresh folder holding the given files ('dir/' for a directory, 'a -> b' for a symlink). */
export function folder(paths: string[]): string {
  const root = tempDir('sys-cli-');
  for (const spec of paths) {
    const [path, target] = spec.split(' -> ') as [string, string | undefined];
    const full = join(root, path);
    mkdirSync(path.endsWith('/') ? full : dirname(full), { recursive: true });
    if (target !== undefined) symlinkSync(target, full);
    else if (!path.endsWith('/')) writeFileSync(full, 'x'.repeat(path.length));
  }
  return root;
}

/** Output lines, sorted: walk order is not sorted order. */
export const sortedLines = (text: string) => text.split('\n').filter(Boolean).sort();
