import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './_errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with our errors: an unknown option or a missing value is a UsageError (exit 2). */
export function parse<T extends Options>(
  command: string,
  argv: string[],
  options: T,
): ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs goes on with advice about '--'; its first sentence says what is wrong.
    const first = (error as Error).message.split('\n')[0]?.split('. ')[0]?.replace(/\.$/, '');
    throw new UsageError(`${command}: ${first} (sys ${command} --help)`);
  }
}

/** A whole number of at least `min`, or a UsageError naming the option. */
export function wholeNumber(command: string, option: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || value.trim() === '') {
    throw new UsageError(`${command}: ${option} wants a whole number of at least ${min}, not '${value}'`);
  }
  return n;
}

/** One stderr line for an error met along the way (an unreadable directory, a vanished file). */
export function describeFsError(error: NodeJS.ErrnoException & { path?: string | Buffer }): string {
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOENT: 'no such file or directory',
    ENOTDIR: 'not a directory',
    ELOOP: 'too many levels of symbolic links',
  };
  const reason = (error.code && reasons[error.code]) ?? error.message;
  return error.path ? `${String(error.path)}: ${reason}` : reason;
}

/**
 * Maps paths found under `resolved` back to the ROOT as the user typed it, so `sys find x src`
 * prints `src/...` whatever folder the process runs in.
 */
export function displayAs(typed: string, resolved: string): (path: string) => string {
  if (typed === resolved) return (path) => path;
  const skip = resolved.endsWith('/') ? resolved.length : resolved.length + 1;
  const prefix = typed.endsWith('/') ? typed : `${typed}/`;
  return (path) => (path === resolved ? typed : prefix + path.slice(skip));
}

/** The absolute path of a ROOT argument, or why it cannot be walked (missing, not a directory). */
export function directoryArg(root: string, cwd: string): { path: string; problem?: string } {
  const path = resolve(cwd, root);
  const st = statSync(path, { throwIfNoEntry: false });
  if (st?.isDirectory()) return { path };
  return { path, problem: `${root}: ${st ? 'not a directory' : 'no such file or directory'}` };
}
