import { execFile } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { tempDir } from '@sys/config/temp-dirs';
import { main } from '../dist/main.js';

/** Runs `sys ARGV` in this process, in folder `cwd`, with no stdin; returns its exit code and output. */
export async function sys(cwd: string, ...argv: string[]) {
  const stdin = new PassThrough();
  stdin.end();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (b: Buffer) => out.push(b));
  stderr.on('data', (b: Buffer) => err.push(b));
  const code = await main(argv, { stdin, stdout, stderr, cwd, env: {} });
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

/** This process's environment without colour: what a test compares is plain text. */
export function plainEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  return env;
}

/** The built `sys` bin. */
export const bin = fileURLToPath(new URL('../bin/sys.js', import.meta.url));

/** Runs the built `sys` bin as a user would, in a real process (stdin closed unless `input` is given). */
export function sysBin(
  cwd: string,
  argv: string[],
  options: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [bin, ...argv],
      { cwd, encoding: 'utf8', env: options.env ?? plainEnv() },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(options.input);
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

/** Runs the built `sys` bin and gives its stdout as bytes (names that are not UTF-8 stay exact). */
export function sysBinBytes(cwd: string, argv: string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [bin, ...argv],
      { cwd, encoding: 'buffer', env: plainEnv() },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr: stderr.toString() });
      },
    );
    child.stdin?.end();
  });
}
