import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { childEnv } from './_spawn.js';
import { track } from './_tree.js';

// Built, the runner is _child.js beside this file; run from source (tests), _child.ts, which
// the child can load only with a TypeScript loader in its execArgv.
const built = fileURLToPath(new URL('./_child.js', import.meta.url));
const RUNNER = existsSync(built) ? built : fileURLToPath(new URL('./_child.ts', import.meta.url));

/** How a Node child of a Process or Pool is started. */
export interface ForkOptions {
  /** Working directory of the child. @default process.cwd() */
  cwd?: string;
  /** Variables added to ours (see `extendEnv`). */
  env?: NodeJS.ProcessEnv;
  /** @default true */
  extendEnv?: boolean;
  /** Node flags of the child. @default process.execArgv (a loader such as tsx comes along) */
  execArgv?: string[];
}

/** A Node child running the task runner, with a structured-clone IPC channel, ended when we exit. */
export function forkRunner(options: ForkOptions): ChildProcess {
  const child = fork(RUNNER, [], {
    cwd: options.cwd,
    env: childEnv(options),
    execArgv: options.execArgv ?? process.execArgv,
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  track(child, false);
  return child;
}

/** A module reference as the child imports it: a file URL or a specifier. */
export function moduleUrl(module: string | URL): string {
  if (module instanceof URL) return module.href;
  return module.startsWith('/') ? `file://${module}` : module;
}
