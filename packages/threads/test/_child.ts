import { execFile } from 'node:child_process';

/** What a child Node process did. */
export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node [...flags] --input-type=module -e code` (or `node [...flags] file` when `file` is
 * given) in a real child process: its own event loop, so an exit that vitest's loop would hide shows.
 */
export function runNode(flags: string[], code: string, timeout = 60_000): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...flags, '--input-type=module', '-e', code], { timeout }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

/** Runs `node [...flags] file` in a child process. */
export function runFile(flags: string[], file: string, timeout = 60_000): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...flags, file], { timeout }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}
