import { open as openFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { isSysError } from '@sys/core';
import type { Session } from './_session.js';
import { InputError } from './errors.js';

/** How an input is named in messages: as typed, or `stdin`. */
export function inputName(file: string | undefined): string {
  return file === undefined || file === '-' ? 'stdin' : file;
}

/**
 * A pack error from reading `file`, named after it (`sys unpack: p.pack: line 3: ...`), and
 * worded for the command line (`--force`, not the option's name in code). The error itself
 * is given the input's name as its path, so its class and fields (`line`, `entry`) stay.
 */
export function inPack(error: unknown, file: string | undefined): unknown {
  if (!isSysError(error) || !error.code.startsWith('ERR_SYS_PACK_')) return error;
  if (error.code === 'ERR_SYS_PACK_EXISTS') {
    error.message = error.message.replace(/\(force overwrites it\)$/, '(--force overwrites it)');
  }
  Object.defineProperty(error, 'path', { value: inputName(file), enumerable: true, configurable: true });
  return error;
}

/**
 * The stream a command reads: FILE, or stdin for `-` or no FILE. The file is opened here, so
 * a missing file or a directory is one clear error naming it before any work starts. When
 * the run is stopped the stream is destroyed, so a reader waiting on a pipe stops too.
 */
export async function openInput(file: string | undefined, session: Session): Promise<Readable> {
  const stream = await open(file, session);
  session.signal.addEventListener('abort', () => stream.destroy(), { once: true });
  return stream;
}

async function open(file: string | undefined, session: Session): Promise<Readable> {
  if (file === undefined || file === '-') return session.io.stdin;
  const path = resolve(session.cwd, file);
  let handle: Awaited<ReturnType<typeof openFile>>;
  try {
    handle = await openFile(path, 'r');
  } catch (error) {
    throw Object.assign(error as Error, { path: file });
  }
  const st = await handle.stat();
  if (st.isDirectory()) {
    await handle.close();
    throw new InputError(file, 'is a directory, not a pack');
  }
  return handle.createReadStream({ highWaterMark: 1 << 20 });
}
