// The messages between a parent and its Node children (Process, Pool), and how errors cross.
import { type EncodedError, registerErrorClass } from '@sys/core';
import {
  ChildExitError,
  ChildStartError,
  PoolClosedError,
  PoolStateError,
  ProcessError,
  ProcessStateError,
  SpawnError,
  TaskTimeoutError,
} from './errors.js';

// A task that throws one of ours (a run() inside a Pool task) gets it back as its class.
for (const [code, Class] of [
  ['ERR_SYS_PROCESS', ProcessError],
  ['ERR_SYS_PROCESS_TIMEOUT', ProcessError],
  ['ERR_SYS_PROCESS_ABORTED', ProcessError],
  ['ERR_SYS_PROCESS_MAX_BUFFER', ProcessError],
  ['ERR_SYS_SPAWN', SpawnError],
  ['ERR_SYS_CHILD_EXIT', ChildExitError],
  ['ERR_SYS_CHILD_START', ChildStartError],
  ['ERR_SYS_POOL_CLOSED', PoolClosedError],
  ['ERR_SYS_POOL_STATE', PoolStateError],
  ['ERR_SYS_PROCESS_STATE', ProcessStateError],
  ['ERR_SYS_TASK_TIMEOUT', TaskTimeoutError],
] as const) {
  registerErrorClass(code, Class);
}

/** A function to call in a child: an export of an ES module, by URL. */
export interface TaskRef {
  module: string;
  export: string;
}

/**
 * Parent -> child: call `ref` once per argument list in `calls` (apply, a subclass's
 * constructor), or once per item of `items` with that item alone (a map chunk: one flat
 * array serializes much faster than thousands of one-element ones).
 */
export interface TaskMessage extends TaskRef {
  t: 'task';
  id: number;
  calls?: unknown[][];
  items?: unknown[];
  /** A Process: exit when done, and construct the export if it is a Process subclass. */
  once: boolean;
}

/** Child -> parent: the results of a task, or the first error (through core's codec). */
export type DoneMessage =
  | { t: 'done'; id: number; ok: true; values: unknown[] }
  | { t: 'done'; id: number; ok: false; error: EncodedError };

/** Child -> parent: the runner has started and loads tasks (a child that dies before this never started). */
export interface ReadyMessage {
  t: 'ready';
}

/** Child -> parent, or parent -> child: a value the user sends over the channel. */
export interface UserMessage {
  t: 'user';
  value: unknown;
}

/** Marks Process and its subclasses, across copies of this package. */
export const PROCESS_BRAND = Symbol.for('@sys/procs/Process');
/** Set in a child started by Process or Pool. */
export const IN_CHILD = Symbol.for('@sys/procs/inChild');
