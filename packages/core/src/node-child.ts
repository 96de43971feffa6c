import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkerOptions } from 'node:worker_threads';
import { OptionError } from './errors.js';

// Flags that say what the parent runs, not how Node runs: a child given them would run the
// parent's `-e` code again instead of its module, refuse its file entry (`--input-type`), or
// run it as a test file, printing TAP (`--test`, in the parent's execArgv when tests run in
// its own process: --test-isolation=none).
const ENTRY_FLAGS_WITH_VALUE = new Set(['-e', '--eval', '-p', '--print', '-pe', '--input-type']);
const PRINT = new Set(['-p', '--print']);
const ENTRY_FLAGS = new Set(['-i', '--interactive', '-c', '--check', '-', '--test']);

// What a worker accepts in an explicit execArgv: how modules load and how warnings show. A
// worker refuses per-process flags (`--max-old-space-size`, `--title`...) given explicitly.
const WORKER_FLAG =
  /^--(import|require|loader|experimental-loader|conditions|experimental-(?!sea-config)[\w-]+|no-experimental-[\w-]+|enable-source-maps|no-warnings|disable-warning|no-deprecation|trace-warnings|trace-deprecation|pending-deprecation|throw-deprecation|preserve-symlinks|preserve-symlinks-main)(=|$)/;
const WORKER_FLAGS_WITH_VALUE = new Set([
  '--import',
  '--require',
  '-r',
  '--loader',
  '--experimental-loader',
  '--conditions',
  '-C',
  '--disable-warning',
]);

/** Node flags for a child Node process: the parent's (or `execArgv`) less those that name the parent's own entry (`-e`, `-p`, `--input-type`...). */
export function childExecArgv(execArgv: readonly string[] = process.execArgv): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const flag = execArgv[i] as string;
    const name = flag.startsWith('--') ? (flag.split('=', 1)[0] as string) : flag;
    if (ENTRY_FLAGS_WITH_VALUE.has(name)) {
      // Its value is the next word; but `-p`/`--print` before a flag (`node -p -e CODE`) is a switch.
      if (name === flag && !(PRINT.has(flag) && execArgv[i + 1]?.startsWith('-'))) i++;
      continue;
    }
    if (ENTRY_FLAGS.has(flag)) continue;
    kept.push(flag);
  }
  return kept;
}

/** The flags of `execArgv` a worker thread accepts when they are given explicitly. */
function workerExecArgv(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  const flags = childExecArgv(execArgv);
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i] as string;
    if (WORKER_FLAGS_WITH_VALUE.has(flag)) {
      if (i + 1 < flags.length) kept.push(flag, flags[++i] as string);
    } else if (WORKER_FLAG.test(flag)) {
      kept.push(flag);
      // In execArgv only a value follows a flag without a dash: `--experimental-default-type module`.
      const next = flags[i + 1];
      if (!flag.includes('=') && next !== undefined && !next.startsWith('-')) kept.push(flags[++i] as string);
    }
  }
  return kept;
}

/**
 * Options for `new Worker()`: by default none of `execArgv`, so the worker inherits the
 * parent's flags as Node intends, unless the parent has one a worker refuses (`--input-type`
 * from `node --input-type=module -e`); then only the flags a worker accepts. An `execArgv`
 * of the caller's own is kept to what a worker accepts.
 */
export function workerOptions<T extends WorkerOptions>(options: T = {} as T): T {
  if (options.execArgv !== undefined) return { ...options, execArgv: workerExecArgv(options.execArgv) };
  const inherited = process.execArgv;
  if (!inherited.some((flag) => flag.startsWith('--input-type'))) return options;
  return { ...options, execArgv: workerExecArgv(inherited) };
}

/**
 * A module as a URL a child or worker can import: a `URL` or `file:`/`data:`/`node:` URL
 * string as it is, a path (absolute, or relative to the working folder) as a `file:` URL.
 * A bare package specifier is refused: where it resolves depends on who asks, so pass
 * `import.meta.resolve('pkg')` from your module.
 */
export function moduleUrl(module: string | URL, option = 'module'): string {
  if (module instanceof URL) return checkScheme(module, option);
  if (typeof module !== 'string' || module === '')
    throw new OptionError(option, `must be a path, a file: URL or a URL object, not ${describe(module)}`);
  if (/^[a-z][a-z0-9+.-]*:/i.test(module) && !/^[a-z]:[\\/]/i.test(module)) {
    let url: URL;
    try {
      url = new URL(module);
    } catch {
      throw new OptionError(option, `is not a valid URL: ${module}`);
    }
    return checkScheme(url, option);
  }
  if (isAbsolute(module) || module.startsWith('./') || module.startsWith('../') || module === '.' || module === '..')
    return pathToFileURL(resolve(module)).href;
  throw new OptionError(
    option,
    `'${module}' is a package specifier, which resolves differently from each module: pass a path, or import.meta.resolve('${module}') from your module`,
  );
}

function checkScheme(url: URL, option: string): string {
  if (url.protocol === 'file:' || url.protocol === 'data:' || url.protocol === 'node:') return url.href;
  throw new OptionError(option, `must be a file:, data: or node: URL, not ${url.protocol}`);
}

function describe(value: unknown): string {
  if (value === '') return 'an empty string';
  if (typeof value !== 'object') return typeof value;
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value); // no prototype, or a toString that throws
  }
}

/** Starts a worker thread on `script` with the options of `workerOptions`. */
export function startWorker(script: URL | string, options: WorkerOptions = {}): import('node:worker_threads').Worker {
  // Loaded here, not at import: every user of @sys/core would pay ~2 ms of start-up for it.
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  return new Worker(script, workerOptions(options));
}
