import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { Socket } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { lines, OptionError } from '@sys/core';
import { Connection, type ConnectionOptions } from './connection.js';

/**
 * A stream over a pipe descriptor this process inherited (fd 3 and up, from a parent's
 * extra stdio entry), read and written without blocking the event loop or its threads.
 */
export function openPipe(fd: number): Socket {
  if (!Number.isInteger(fd) || fd < 3) throw new OptionError('fd', 'must be a whole number >= 3');
  return new Socket({ fd, readable: true, writable: true, allowHalfOpen: true });
}

/** A child whose stdin and stdout are this process's ends of two pipes. */
export interface Crosslinked {
  child: ChildProcess;
  /** What the child prints (its stdout). */
  fromChild: Readable;
  /** What the child reads (its stdin). */
  toChild: Writable;
  /** The child's output, line by line. */
  lines(): AsyncGenerator<string, void, undefined>;
  /** Writes `text` and a newline to the child; resolves when the pipe took it. */
  writeLine(text: string): Promise<void>;
  /** Messages both ways over the two pipes (the child uses `new Connection({ readable: process.stdin, writable: process.stdout })`). */
  connection(options?: ConnectionOptions): Connection;
}

/**
 * Starts `command` with its stdin and stdout cross-linked to this process: the chapter's
 * two pipes, so the parent writes what the child reads and reads what the child prints.
 */
export function crosslink(command: string, args: string[] = [], options: SpawnOptions = {}): Crosslinked {
  const child = spawn(command, args, {
    ...options,
    stdio: ['pipe', 'pipe', options.stdio === 'ignore' ? 'ignore' : 'inherit'],
  });
  const fromChild = child.stdout as Readable;
  const toChild = child.stdin as Writable;
  return {
    child,
    fromChild,
    toChild,
    lines: () => lines(fromChild),
    writeLine: (text) =>
      new Promise((resolve, reject) => toChild.write(`${text}\n`, (error) => (error ? reject(error) : resolve()))),
    connection: (connectionOptions) => new Connection({ readable: fromChild, writable: toChild }, connectionOptions),
  };
}
