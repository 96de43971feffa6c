import type { ChildProcess, IOType } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { OptionError } from '@sys/core';

/**
 * Where a child's stdin comes from: a pipe, ours, nothing, a descriptor, a file, a stream.
 * A socket or pipe stream (such as another child's `stdout`) is handed over: the child reads
 * it directly and our copy is closed.
 */
export type InputChoice = 'pipe' | 'inherit' | 'ignore' | number | { file: string } | Readable;

/** Where a child's stdout or stderr goes: a pipe, ours, nowhere, a descriptor, a file, a stream. */
export type OutputChoice = 'pipe' | 'inherit' | 'ignore' | number | { file: string; append?: boolean } | Writable;

type Slot = IOType | number | Readable | Writable;

/** How the three descriptors are given to spawn, and what to do around it. */
export interface StdioPlan {
  stdio: [Slot, Slot, Slot];
  /** Descriptors we opened for files: closed in the parent once the child has its copies. */
  opened: number[];
  /** JavaScript streams with no descriptor: bytes are copied by us, through a pipe. */
  feed?: Readable;
  sinks: [Writable | undefined, Writable | undefined];
}

/** A stream Node can hand to a child as a descriptor (a file stream once open, a socket, a pipe). */
function hasDescriptor(stream: object): boolean {
  const s = stream as { fd?: unknown; _handle?: unknown };
  return typeof s.fd === 'number' || (s._handle !== undefined && s._handle !== null);
}

function isStream(value: unknown): value is Readable | Writable {
  return typeof value === 'object' && value !== null && typeof (value as { on?: unknown }).on === 'function';
}

function slot(name: string, choice: InputChoice | OutputChoice, flags: 'r' | 'w' | 'a', plan: StdioPlan): Slot | 'js' {
  if (choice === 'pipe' || choice === 'ignore' || choice === 'inherit') return choice;
  if (typeof choice === 'number') {
    if (!Number.isInteger(choice) || choice < 0) throw new OptionError(name, `${choice} is not a file descriptor`);
    return choice;
  }
  if (isStream(choice)) return hasDescriptor(choice) ? choice : 'js';
  if (typeof choice === 'object' && choice !== null && typeof choice.file === 'string') {
    const fd = openSync(choice.file, flags === 'w' && (choice as { append?: boolean }).append ? 'a' : flags);
    plan.opened.push(fd);
    return fd;
  }
  throw new OptionError(name, "expected 'pipe', 'inherit', 'ignore', a descriptor, { file } or a stream");
}

/** `input` is written to a pipe of its own: a `stdin` besides it is an OptionError. */
export function checkInput(options: { input?: unknown; stdin?: unknown }): void {
  if (options.input !== undefined && options.stdin !== undefined) {
    throw new OptionError('stdin', 'cannot be given with input, which is written to a pipe of its own');
  }
}

/** Turns the three choices into spawn's stdio; opens files (close them with `release`). */
export function planStdio(stdin: InputChoice, stdout: OutputChoice, stderr: OutputChoice): StdioPlan {
  const plan: StdioPlan = {
    stdio: ['pipe', 'pipe', 'pipe'],
    opened: [],
    sinks: [undefined, undefined],
  };
  try {
    const i = slot('stdin', stdin, 'r', plan);
    const o = slot('stdout', stdout, 'w', plan);
    const e = slot('stderr', stderr, 'w', plan);
    if (i === 'js') plan.feed = stdin as Readable;
    if (o === 'js') plan.sinks[0] = stdout as Writable;
    if (e === 'js') plan.sinks[1] = stderr as Writable;
    plan.stdio = [i === 'js' ? 'pipe' : i, o === 'js' ? 'pipe' : o, e === 'js' ? 'pipe' : e];
  } catch (error) {
    releaseStdio(plan);
    throw error;
  }
  return plan;
}

/** Closes the parent's copies of descriptors opened for the child. */
export function releaseStdio(plan: StdioPlan): void {
  for (const fd of plan.opened.splice(0)) closeSync(fd);
}

/**
 * After spawn: copies JavaScript streams to and from the child's pipes (streams without a
 * descriptor), and closes our copy of a pipe handed over as stdin (another child's stdout):
 * Node reads a child's pipe as soon as the loop turns, and would steal the bytes meant for
 * the next child.
 */
export function connectStdio(plan: StdioPlan, child: ChildProcess): void {
  const given = plan.stdio[0];
  if (typeof given === 'object' && given !== process.stdin && (given as { _handle?: unknown })._handle) {
    (given as Readable).destroy();
  }
  if (plan.feed && child.stdin) plan.feed.pipe(child.stdin);
  if (plan.sinks[0] && child.stdout) child.stdout.pipe(plan.sinks[0], { end: false });
  if (plan.sinks[1] && child.stderr) child.stderr.pipe(plan.sinks[1], { end: false });
}
