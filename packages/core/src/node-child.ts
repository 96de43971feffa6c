import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkerOptions } from 'node:worker_threads';
import { OptionError } from './errors.js';
import { safeText } from './safe-text.js';

// Flags that say what the parent runs, not how Node runs: a child given them would run the
// parent's `-e` code again instead of its module, refuse its file entry (`--input-type`), or
// run it as a test file, printing TAP (`--test`, in the parent's execArgv when tests run in
// its own process: --test-isolation=none).
const ENTRY_FLAGS_WITH_VALUE = new Set(['-e', '--eval', '-p', '--print', '-pe', '--input-type']);
const PRINT = new Set(['-p', '--print']);
const ENTRY_FLAGS = new Set(['-i', '--interactive', '-c', '--check', '-', '--test']);

// Which flags a worker accepts in an explicit execArgv, by flag and value ('--title\0x'), as
// Node answered for this process. A worker refuses per-process and V8 flags (`--title`,
// `--max-old-space-size`, `--expose-gc`), and some of Node's own under another name
// (`--experimental-shadow-realm` is V8's `--harmony-shadow-realm`), differently from one Node
// release to the next: so we ask Node, not a list of names.
const workerAccepts = new Map<string, boolean>();
// Cannot be cloned: a probe's constructor throws on it after checking execArgv, before the thread.
const NOT_CLONABLE = Symbol('probe');

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
  for (let i = 0; i < flags.length; ) {
    // In execArgv only a value follows a flag without a dash: `--import tsx`, `--title x`.
    let end = i + 1;
    while (end < flags.length && !(flags[end] as string).startsWith('-')) end++;
    const group = flags.slice(i, end);
    if (acceptedByWorker(group)) kept.push(...group);
    i = end;
  }
  return kept;
}

/** Whether `new Worker()` accepts this flag (with its value) in execArgv; asked of Node once per process. */
function acceptedByWorker(group: string[]): boolean {
  const key = group.join('\0');
  let accepted = workerAccepts.get(key);
  if (accepted === undefined) {
    accepted = probeWorkerFlag(group);
    workerAccepts.set(key, accepted);
  }
  return accepted;
}

// Node checks execArgv as it makes the worker's handle, and throws ERR_WORKER_INVALID_EXEC_ARGV;
// an accepted flag gets as far as sending workerData, which cannot be cloned here, so no thread
// starts and no module (`--import x`) loads. The handle is left behind (~30 kB that Node never
// frees): hence one probe per flag per process.
function probeWorkerFlag(group: string[]): boolean {
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  try {
    const worker = new Worker('', {
      eval: true,
      execArgv: group,
      workerData: NOT_CLONABLE,
      stdout: true,
      stderr: true,
    });
    // A Node that clones workerData later has started the thread: end it.
    worker.unref();
    void worker.terminate();
  } catch (error) {
    return (error as { code?: unknown } | null)?.code !== 'ERR_WORKER_INVALID_EXEC_ARGV';
  }
  return true;
}

/**
 * Options for `new Worker()`: by default none of `execArgv`, so the worker inherits the
 * parent's flags as Node intends, unless the parent has one a worker refuses (`--input-type`
 * from `node --input-type=module -e`); then only the flags a worker accepts, as this Node says
 * (asked once per flag). An `execArgv` of the caller's own is kept to what a worker accepts.
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
  return typeof value !== 'object' ? typeof value : safeText(value);
}

/** Starts a worker thread on `script` with the options of `workerOptions`. */
export function startWorker(script: URL | string, options: WorkerOptions = {}): import('node:worker_threads').Worker {
  // Loaded here, not at import: every user of @sys/core would pay ~2 ms of start-up for it.
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  return new Worker(script, workerOptions(options));
}
