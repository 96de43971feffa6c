import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tempDir } from '@sys/config/temp-dirs';

/** The example runner, as `pnpm -s example` starts it. */
export const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
// Resolved here, not from the child's folder: examples may run anywhere.
export const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Runs an example as `pnpm -s example NAME ARGS` would, in a real child process. */
export function example(
  args: string[],
  options: { cwd?: string; input?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', tsx, main, ...args],
      { cwd: options.cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(options.input);
  });
}

/** A fresh temp folder holding the given files (path -> text), removed after the test file. */
export function folder(files: Record<string, string> = {}): string {
  const root = tempDir('sys-examples-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
