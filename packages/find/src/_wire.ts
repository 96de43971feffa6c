import { Buffer } from 'node:buffer';
import { type EncodedError, registerErrorClass } from '@sys/core';
import type { DirTask } from './_listing.js';
import { SymlinkLoopError, UnreadableDirError } from './errors.js';
import type { FindOptions, Found } from './find-options.js';

// Walk errors cross back from find's worker thread as these classes.
registerErrorClass('ERR_SYS_UNREADABLE_DIR', UnreadableDirError);
registerErrorClass('ERR_SYS_SYMLINK_LOOP', SymlinkLoopError);

/** What find's worker thread is started with. */
export interface Job {
  pattern: string;
  root: string;
  /** find's options, less what cannot cross to another thread (functions, the signal). */
  options: Omit<FindOptions, 'onError' | 'signal' | 'thread'>;
  /** Send each match's type too (findEntries), not only its path. */
  entries: boolean;
  /** Send the walk's errors: the caller has an onError. */
  reportErrors: boolean;
  /** How many batches are sent and not yet taken; the worker waits while there are too many. */
  credit: Int32Array;
}

/** A directory left to walk, as it crosses to the worker (a Buffer arrives as a Uint8Array). */
export interface WireTask {
  path: string;
  fsPath: string | Uint8Array;
  depth: number;
}

/** What the worker sends: ready to start, a batch of matches, an error in walk order, the end. */
export type FromWorker = { ready: true } | { items: string } | { error: EncodedError } | { done: true };

/** Matches in a batch are joined with NUL, the one byte no path holds. */
export const SEPARATOR = '\0';

const KIND_CODES: Record<Found['type'], string> = { file: 'f', dir: 'd', symlink: 'l', other: 'o' };
const KINDS: Record<string, Found['type']> = { f: 'file', d: 'dir', l: 'symlink', o: 'other' };

/** A match as it is sent: the path, behind its type's letter when the type is wanted. */
export function encodeFound(found: Found, entries: boolean): string {
  return entries ? KIND_CODES[found.type] + found.path : found.path;
}

/** A match of findEntries from its record. */
export function decodeFound(record: string): Found {
  return { path: record.slice(1), type: KINDS[record[0] as string] as Found['type'] };
}

/** A directory task as it is sent to the worker. */
export function toWireTask(task: DirTask): WireTask {
  return { path: task.path, fsPath: task.fsPath, depth: task.depth };
}

/** A directory task as the worker walks it. */
export function fromWireTask(task: WireTask): DirTask {
  const fsPath = typeof task.fsPath === 'string' ? task.fsPath : Buffer.from(task.fsPath);
  return { path: task.path, fsPath, depth: task.depth, chain: undefined };
}
