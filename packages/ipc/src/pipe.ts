import { type ChildProcess, type IOType, type StdioOptions, spawn } from 'node:child_process';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { childExecArgv, moduleUrl, OptionError } from '@sys/core';
import { readerSocketOnFd } from './_reader.js';
import { Connection, type ConnectionOptions } from './connection.js';
import { NoPipeError } from './errors.js';

/** The variable that tells a child which descriptor is its end of the Pipe, and which way it goes. */
const ENV = 'SYS_IPC_PIPE';

/** Options of `Pipe`. */
export interface PipeOptions extends ConnectionOptions {
  /** The Node module the child runs (a path or a file URL). */
  module: string | URL;
  /** Arguments the child sees after its module. */
  args?: string[];
  /** Node's own flags for the child (`--import tsx`, ...), less any that name an entry (`-e`, `-p`, `--input-type`). @default process.execArgv */
  execArgv?: string[];
  /** False: one way, child to parent (the parent only receives, the child only sends). @default true */
  duplex?: boolean;
  /** The child's descriptor for the pipe, 3 or more. @default 3 */
  fd?: number;
  /** The child's stdin, stdout and stderr. @default 'inherit' */
  stdio?: IOType | [IOType, IOType, IOType];
  /** Variables added to (or, set to undefined, removed from) this process's environment for the child. */
  env?: NodeJS.ProcessEnv;
  /** False: `env` is the child's whole environment, not merged into `process.env`. @default true */
  extendEnv?: boolean;
  /** The child's working folder. @default this process's */
  cwd?: string;
}

/** A child Node process and the parent's end of the message pipe to it. */
export interface PipeChild {
  child: ChildProcess;
  connection: Connection;
}

/**
 * Starts a Node child with a message pipe on an extra descriptor (fd 3 unless asked; not
 * its stdout), as Python's `multiprocessing.Pipe()` handed to a `Process`. The child finds
 * its end with `parentConnection()`.
 */
export function Pipe(options: PipeOptions): PipeChild {
  const fd = options.fd ?? 3;
  if (!Number.isInteger(fd) || fd < 3) throw new OptionError('fd', 'must be a whole number >= 3');
  const duplex = options.duplex ?? true;
  const std = options.stdio ?? 'inherit';
  const stdio: StdioOptions = [...(typeof std === 'string' ? [std, std, std] : std)];
  while (stdio.length < fd) stdio.push('ignore');
  stdio.push('pipe');
  const url = moduleUrl(options.module);
  if (!url.startsWith('file:')) throw new OptionError('module', `must be a file the child can run, not ${url}`);
  // The flags without the parent's own entry: a Pipe() called from `node -e` code would
  // otherwise start a child that runs that code again (and calls Pipe() again...).
  const execArgv = childExecArgv(options.execArgv ?? process.execArgv);
  const base = options.extendEnv === false ? {} : process.env;
  const child = spawn(process.execPath, [...execArgv, fileURLToPath(url), ...(options.args ?? [])], {
    stdio,
    cwd: options.cwd,
    env: { ...base, ...options.env, [ENV]: `${fd}:${duplex ? 'both' : 'send'}` },
  });
  const stream = child.stdio[fd] as Duplex;
  const connection = new Connection(stream, { ...options, direction: duplex ? 'both' : 'recv' });
  return { child, connection };
}

/** The connection `parentConnection()` made: every later call returns it. */
let parent: Connection | null = null;

/** In a child started by `Pipe()`: the connection to the parent (the same one on every call). Throws `NoPipeError` elsewhere. */
export function parentConnection(options: ConnectionOptions = {}): Connection {
  if (parent) return parent;
  const match = /^(\d+):(both|send)$/.exec(process.env[ENV] ?? '');
  if (!match) throw new NoPipeError();
  // Grandchildren must not take this descriptor for theirs.
  delete process.env[ENV];
  const socket = readerSocketOnFd({ fd: Number(match[1]), readable: true, writable: true, allowHalfOpen: true });
  parent = new Connection(socket, { ...options, direction: match[2] as 'both' | 'send' });
  return parent;
}
