import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fchmodSync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Sink } from './_parse.js';
import { PackExistsError, UnsafePathError } from './errors.js';
import type { EntryHeader } from './format.js';

/** Random once per process; a counter makes each temp name unique within it (O_EXCL checks the rest). */
const RUN = randomBytes(4).toString('hex');

/** Limits that keep a hostile pack from exhausting the machine. */
export interface Limits {
  /** Most path parts an entry may have. @default 256 */
  maxDepth?: number;
  /** Longest entry path, in characters. @default 4096 */
  maxPathLength?: number;
}

/**
 * Checks an entry's path and returns its parts. Refused: absolute paths (any number of
 * slashes), drive letters and drive-relative paths, backslashes, NUL bytes, `..` parts,
 * nothing but `.` parts, absurd depth or length.
 */
export function safeParts(path: string, line: number, limits: Limits = {}): string[] {
  const refuse = (why: string): never => {
    throw new UnsafePathError(path, line, why);
  };
  if (path.includes('\0')) refuse('NUL byte in the path');
  if (path.includes('\\')) refuse('backslash in the path (a Windows separator)');
  if (path.startsWith('/')) refuse('absolute path');
  if (/^[A-Za-z]:/.test(path)) refuse('drive letter');
  if (path.length > (limits.maxPathLength ?? 4096)) refuse('path too long');
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) refuse("'..' in the path");
  if (parts.length === 0) refuse('empty path');
  if (parts.length > (limits.maxDepth ?? 256)) refuse('path too deep');
  return parts;
}

/** Options of the writing sink. */
export interface DestOptions extends Limits {
  dest: string;
  force?: boolean;
  dryRun?: boolean;
  onEntry?: (entry: EntryHeader & { line: number }) => void;
}

/**
 * Writes entries under `dest` and nowhere else. Every directory on an entry's way is checked
 * with lstat and must be a real directory, never a symlink (one already there, or one the
 * pack made, whatever its name folds or normalizes to); a file goes to a temp name first and
 * is renamed into place, which replaces rather than follows whatever is at the final name.
 * It uses blocking calls: each takes microseconds, where a thread-pool round trip per call
 * made unpacking many small files mostly waiting.
 */
export class DestSink implements Sink {
  /** The open temp file of the current entry. */
  #fd: number | undefined;
  #temp = '';
  #final = '';
  #mode = 0;
  #buffered: Buffer[] = [];
  #bufferedSize = 0;
  #checkedDir = '';
  /** Directory modes are set last, so a read-only directory can still receive its files. */
  readonly #dirModes: [string, number][] = [];
  #made = 0;
  bytes = 0;
  files = 0;
  dirs = 0;
  symlinks = 0;

  constructor(readonly options: DestOptions) {}

  async begin(entry: EntryHeader, line: number): Promise<void> {
    const parts = safeParts(entry.path, line, this.options);
    this.options.onEntry?.({ ...entry, line });
    const parent = this.#parentDir(parts.slice(0, -1), entry.path, line);
    const final = join(parent, parts.at(-1) as string);
    const existing = lstatSync(final, { throwIfNoEntry: false });
    if (entry.type === 'dir') {
      this.dirs++;
      if (existing?.isSymbolicLink())
        throw new UnsafePathError(entry.path, line, 'a symlink is in the way of this directory');
      if (existing && !existing.isDirectory()) throw new PackExistsError(entry.path, line);
      if (!this.options.dryRun && !existing) mkdirSync(final, { mode: 0o700 });
      this.#dirModes.push([final, entry.mode ?? 0o755]);
      return;
    }
    if (existing?.isDirectory()) throw new PackExistsError(entry.path, line);
    if (existing && !this.options.force) throw new PackExistsError(entry.path, line);
    if (entry.type === 'symlink') {
      this.symlinks++;
      if (this.options.dryRun) return;
      const temp = this.#tempFor(final);
      symlinkSync(entry.target ?? '', temp);
      renameSync(temp, final);
      return;
    }
    this.files++;
    this.#final = final;
    this.#mode = entry.mode ?? 0o644;
    if (this.options.dryRun) return;
    this.#temp = this.#tempFor(final);
    // 'wx': O_CREAT|O_EXCL never follows a symlink planted at the temp name.
    this.#fd = openSync(this.#temp, 'wx', 0o600);
  }

  async write(bytes: Buffer): Promise<void> {
    this.bytes += bytes.length;
    if (this.#fd === undefined) return;
    this.#buffered.push(Buffer.from(bytes)); // a copy: the input stream may reuse its buffers
    this.#bufferedSize += bytes.length;
    if (this.#bufferedSize >= 1 << 16) this.#flush();
  }

  async end(): Promise<void> {
    if (this.#fd === undefined) return;
    this.#flush();
    fchmodSync(this.#fd, this.#mode);
    closeSync(this.#fd);
    this.#fd = undefined;
    renameSync(this.#temp, this.#final);
  }

  async abort(): Promise<void> {
    if (this.#fd === undefined) return;
    closeSync(this.#fd);
    this.#fd = undefined;
    this.#buffered = [];
    this.#bufferedSize = 0;
    rmSync(this.#temp, { force: true });
  }

  /** Applies the directory modes, deepest first. */
  async close(): Promise<void> {
    if (this.options.dryRun) return;
    for (const [dir, mode] of this.#dirModes.reverse()) chmodSync(dir, mode);
  }

  #flush(): void {
    if (this.#fd === undefined || this.#bufferedSize === 0) return;
    const data = Buffer.concat(this.#buffered, this.#bufferedSize);
    this.#buffered = [];
    this.#bufferedSize = 0;
    for (let at = 0; at < data.length; ) at += writeSync(this.#fd, data, at);
  }

  #tempFor(final: string): string {
    return `${final}.sys-pack-${RUN}-${this.#made++}.tmp`;
  }

  /** The real directory for an entry's parent parts, made as needed; refuses symlinks and files on the way. */
  #parentDir(parts: string[], entry: string, line: number): string {
    let dir = this.options.dest;
    const key = parts.join('/');
    if (key === this.#checkedDir) return join(dir, ...parts);
    for (const part of parts) {
      dir = join(dir, part);
      const st = lstatSync(dir, { throwIfNoEntry: false });
      if (st?.isSymbolicLink()) throw new UnsafePathError(entry, line, `'${part}' on its way is a symlink`);
      if (st && !st.isDirectory()) throw new UnsafePathError(entry, line, `'${part}' on its way is not a directory`);
      if (!st) {
        if (this.options.dryRun) return join(this.options.dest, ...parts); // nothing below it exists either
        mkdirSync(dir, { mode: 0o755 });
      }
    }
    this.#checkedDir = key;
    return dir;
  }
}
