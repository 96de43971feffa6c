// The messages between a parent and its Node children (Process, Pool), and how errors cross.
import { RemoteError } from './errors.js';

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

/** An error as it crosses: what a RemoteError is rebuilt from. */
export interface ErrorShape {
  name: string;
  message: string;
  stack?: string;
  code?: string;
}

/** Child -> parent: the results of a task, or the first error. */
export type DoneMessage =
  | { t: 'done'; id: number; ok: true; values: unknown[] }
  | { t: 'done'; id: number; ok: false; error: ErrorShape };

/** Child -> parent, or parent -> child: a value the user sends over the channel. */
export interface UserMessage {
  t: 'user';
  value: unknown;
}

/** What can be said about any thrown value, so it crosses as plain data. */
export function errorShape(error: unknown): ErrorShape {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)) {
    const e = error as { name?: unknown; message?: unknown; stack?: unknown; code?: unknown };
    const shape: ErrorShape = { name: String(e.name ?? 'Error'), message: String(e.message) };
    if (typeof e.stack === 'string') shape.stack = e.stack;
    if (typeof e.code === 'string') shape.code = e.code;
    return shape;
  }
  return { name: 'Error', message: `a non-error value was thrown: ${String(error)}` };
}

/** The error the parent rejects with for a shape that came back. */
export function fromShape(shape: ErrorShape): RemoteError {
  return new RemoteError(shape);
}

/** Marks Process and its subclasses, across copies of this package. */
export const PROCESS_BRAND = Symbol.for('@sys/procs/Process');
/** Set in a child started by Process or Pool. */
export const IN_CHILD = Symbol.for('@sys/procs/inChild');
