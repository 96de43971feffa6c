import { type ChildProcess, spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { isatty } from 'node:tty';
import { OptionError } from '@sys/core';
import { connectStdio, releaseStdio, type StdioPlan } from './_stdio.js';
import { track } from './_tree.js';
import { SpawnError } from './errors.js';

/** Options every way of starting a command shares. */
export interface StartOptions {
  /** Working directory of the child. @default process.cwd() */
  cwd?: string;
  /** Variables for the child, added to ours (see `extendEnv`). */
  env?: NodeJS.ProcessEnv;
  /** Start from our environment and add `env` to it; false: the child sees `env` only. @default true */
  extendEnv?: boolean;
  /**
   * Run through `/bin/sh -c`: the command is a string, or `[script, ...args]` where the args
   * are the script's `$1`, `$2`... (never parsed by the shell). @default false
   */
  shell?: boolean;
  /**
   * The child leads a new process group (and session). @default true, unless one of our
   * stdin, stdout, stderr is a terminal: then it stays in our group, a foreground job that
   * gets Ctrl-C from the terminal and can open /dev/tty for a password prompt. Either way
   * timeout, abort and kill end its whole tree (see the README's "Process trees").
   */
  group?: boolean;
}

/** A started child and how to signal it. */
export interface Started {
  child: ChildProcess;
  group: boolean;
}

/** The environment the child gets. */
export function childEnv(options: StartOptions): NodeJS.ProcessEnv | undefined {
  if (options.extendEnv === false) return { ...options.env };
  return options.env === undefined ? undefined : { ...process.env, ...options.env };
}

/** [file, args] of a command, through the shell when asked. */
export function argv(command: readonly string[] | string, shell: boolean | undefined): [string, string[]] {
  if (typeof command === 'string') {
    if (!shell) throw new OptionError('command', 'a string command needs shell: true (or pass an array)');
    noNul('command', command, 'the command');
    return ['/bin/sh', ['-c', command]];
  }
  if (!Array.isArray(command) || command.length === 0 || typeof command[0] !== 'string' || command[0] === '') {
    throw new OptionError('command', 'expected a non-empty array [file, ...args]');
  }
  command.forEach((arg: unknown, i) => {
    const which = i === 0 ? 'the file' : `argument ${i}`;
    if (typeof arg !== 'string') {
      throw new OptionError('command', `${which} must be a string, not ${arg === null ? 'null' : typeof arg}`);
    }
    noNul('command', arg, which);
  });
  // The rest of the array becomes $1, $2... of the script: quoted by the shell, never parsed.
  if (shell) return ['/bin/sh', ['-c', command[0], 'sh', ...command.slice(1)]];
  return [command[0], command.slice(1)];
}

/**
 * Checks what the OS could not take, before anything starts: the command (strings only,
 * no NUL byte), env names and values, cwd. Anything else is left to spawn.
 */
export function checkStart(command: readonly string[] | string, options: StartOptions): void {
  argv(command, options.shell);
  if (options.cwd !== undefined) {
    if (typeof options.cwd !== 'string') throw new OptionError('cwd', 'expected a path');
    noNul('cwd', options.cwd, 'the working directory');
  }
  for (const [name, value] of Object.entries(options.env ?? {})) {
    noNul('env', name, 'a variable name');
    if (value !== undefined) noNul('env', String(value), `the value of ${name}`);
  }
}

/** execve() ends each string at a NUL byte: refuse one rather than run something else. */
function noNul(option: string, text: string, which: string): void {
  if (text.includes('\0')) throw new OptionError(option, `embedded NUL byte in ${which}: ${JSON.stringify(text)}`);
}

/** Spawns, wires stdio and registers the child for clean-up. Spawn failures come as SpawnError. */
export function start(
  command: readonly string[] | string,
  options: StartOptions,
  plan: StdioPlan,
  detached = false,
): Started {
  const group = detached || (options.group ?? !onTerminal());
  let child: ChildProcess;
  try {
    const [file, args] = argv(command, options.shell);
    try {
      child = spawn(file, args, { cwd: options.cwd, env: childEnv(options), stdio: plan.stdio, detached: group });
    } catch (error) {
      throw spawnError(commandList(command), error, options.cwd);
    }
  } finally {
    releaseStdio(plan);
  }
  if (child.pid !== undefined) {
    if (!detached) track(child, group);
    connectStdio(plan, child);
  }
  // A child that exits before reading its input must not crash us with EPIPE.
  child.stdin?.on('error', ignore);
  return { child, group };
}

function ignore(): void {}

let terminal: boolean | undefined;
/** Whether we run on a terminal (then a child may want it too). */
function onTerminal(): boolean {
  terminal ??= isatty(0) || isatty(1) || isatty(2);
  return terminal;
}

/** The command as a list, for messages. */
export function commandList(command: readonly string[] | string): string[] {
  return typeof command === 'string' ? [command] : [...command];
}

/** A clear SpawnError from Node's spawn error: which command, and why it could not start. */
export function spawnError(command: string[], error: unknown, cwd?: string): SpawnError {
  let errno = (error as { code?: string }).code ?? 'EUNKNOWN';
  if (errno === 'ENOENT' && cwd !== undefined && !isDir(cwd)) errno = 'ENOENT_CWD';
  else if (errno === 'EACCES' && command[0]?.includes('/') && isDir(resolve(cwd ?? '.', command[0]))) errno = 'EISDIR';
  return new SpawnError(command, errno, { cause: error, cwd });
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
