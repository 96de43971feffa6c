import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { childExecArgv } from '@sys/core';
import { childEnv } from './_spawn.js';
import { track } from './_tree.js';
import { ChildStartError } from './errors.js';

// The runner is the built _child.js beside this file; there is no other (tests use the build).
const RUNNER = fileURLToPath(new URL('./_child.js', import.meta.url));
// Enough of a child's stderr to hold its last line when it dies before it starts.
const TAIL_BYTES = 4096;

/** How a Node child of a Process or Pool is started. */
export interface ForkOptions {
  /** Working directory of the child. @default process.cwd() */
  cwd?: string;
  /** Variables added to ours (see `extendEnv`). */
  env?: NodeJS.ProcessEnv;
  /** @default true */
  extendEnv?: boolean;
  /** Node flags of the child, less those that name the parent's own entry (`-e`, `--input-type`). @default process.execArgv */
  execArgv?: string[];
}

/** A started runner, and the last line of what it wrote on stderr so far. */
export interface Forked {
  child: ChildProcess;
  /** Calls back with the last line of its stderr once all of it has arrived (it may lag the exit). */
  lastStderrLine(then: (line: string) => void): void;
}

/**
 * A Node child running the task runner, with a structured-clone IPC channel, ended when we
 * exit. Its stderr passes through us so that the last line can say why a child never started.
 */
export function forkRunner(options: ForkOptions): Forked {
  if (!existsSync(RUNNER)) {
    throw new ChildStartError(
      `the child runner ${RUNNER} is missing: @sys/procs runs from its built files`,
      null,
      null,
      '',
      {
        path: RUNNER,
      },
    );
  }
  const child = fork(RUNNER, [], {
    cwd: options.cwd,
    env: childEnv(options),
    execArgv: childExecArgv(options.execArgv),
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  track(child, false);
  let tail = Buffer.alloc(0);
  const stderr = child.stderr as (NodeJS.ReadableStream & { unref?(): void; ref?(): void }) | null;
  stderr?.on('data', (chunk: Buffer) => {
    tail = Buffer.concat([tail, chunk]).subarray(-TAIL_BYTES);
    if (!process.stderr.destroyed) process.stderr.write(chunk);
  });
  // Our end of its stderr must not keep this process alive: the child's life decides that.
  stderr?.unref?.();
  return {
    child,
    lastStderrLine: (then) => {
      const done = () => then(lastLine(tail.toString('utf8')));
      if (!child.stderr || child.stderr.closed) done();
      else {
        // Someone waits on it now: held, or the program could end before the line arrives.
        stderr?.ref?.();
        child.stderr.once('close', done);
      }
    },
  };
}

/** The error for a child that died before its runner said it was ready: it never started. */
export function startError(code: number | null, signal: NodeJS.Signals | null, stderr: string): ChildStartError {
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
  return new ChildStartError(`the child process ${how} before it started`, code, signal, stderr);
}

/** The last line that says something: not a stack frame, nor the version Node prints after a crash. */
function lastLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim());
  return lines.filter((l) => l !== '' && !l.startsWith('at ') && !/^Node\.js v\d/.test(l)).pop() ?? '';
}
