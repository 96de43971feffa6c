import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { BINARY_SNIFF_BYTES, isBinary } from '@sys/core';
import type { PackWriter } from './_output.js';
import { BASE64_GROUP, putBase64, putText } from './_text.js';
import { type EntryHeader, separatorLine } from './format.js';

/** What pack counts as it goes. */
export interface PackCounts {
  entries: number;
  files: number;
  dirs: number;
  symlinks: number;
  skipped: number;
}

/** Says why a path was not packed (the packing goes on). */
export type Skip = (path: string, reason: string, cause?: unknown) => void;

/** Files up to this size are read whole; bigger ones are streamed. */
const SMALL = 1 << 20;
const CHUNK = 1 << 16;
const LF = 10;
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/**
 * Turns paths into entries: a separator line, then the text, or base64 for a binary file.
 * It uses blocking calls: each takes microseconds, where a thread-pool round trip per call
 * made packing many small files wait more than work.
 */
export class EntryPacker {
  /** Small files are read into this one buffer: the writer copies what it is given. */
  readonly #scratch = Buffer.allocUnsafe(SMALL);

  constructor(
    readonly writer: PackWriter,
    readonly counts: PackCounts,
    readonly skip: Skip,
    /** Record modification times (`mtime=`). */
    readonly times = false,
  ) {}

  /**
   * The entry's mtime when times are recorded, cut to the microsecond (what utimes restores
   * everywhere). Read as a bigint: mtimeMs, a double, is off by a fraction of a microsecond.
   */
  #mtime(stat: () => { mtimeNs: bigint }): bigint | undefined {
    return this.times ? (stat().mtimeNs / 1000n) * 1000n : undefined;
  }

  /**
   * Packs the file, directory or symlink at `path` as the entry `name`. Returns a promise
   * only when there is something to wait for: most small files are packed with no await.
   * `dir` says the walk found a directory there, which is then not opened as a file first.
   */
  add(path: string, name: string, dir = false): Promise<void> | undefined {
    // Unpack refuses backslashes (a separator on Windows): better say so now than ship a pack that fails.
    if (name.includes('\\')) {
      this.skip(path, 'a backslash in the name (unpack refuses it: a Windows separator)');
      return undefined;
    }
    if (!dir && this.#smallFile(path, name)) return this.writer.full ? this.writer.flush() : undefined;
    return this.#general(path, name);
  }

  async #general(path: string, name: string): Promise<void> {
    await this.#other(path, name);
    if (this.writer.full) await this.writer.flush();
  }

  /**
   * The common case in one open: a small regular file, read whole. O_NOFOLLOW fails on a
   * symlink and O_NONBLOCK keeps a fifo from hanging the open; anything but a small regular
   * file returns false and goes the general way (lstat first).
   */
  #smallFile(path: string, name: string): boolean {
    let fd: number;
    try {
      fd = openSync(path, OPEN_FLAGS);
    } catch {
      return false;
    }
    let data: Buffer;
    let header: EntryHeader;
    try {
      const st = fstatSync(fd);
      if (!st.isFile() || st.size > SMALL) return false;
      header = {
        path: name,
        type: 'file',
        mode: st.mode & 0o7777,
        mtime: this.#mtime(() => fstatSync(fd, { bigint: true })),
      };
      let got = 0;
      for (let n = 1; n > 0 && got < st.size; got += n) n = readSync(fd, this.#scratch, got, st.size - got, got);
      data = this.#scratch.subarray(0, got);
    } finally {
      closeSync(fd);
    }
    this.#whole(data, header);
    this.counts.files++;
    this.counts.entries++;
    return true;
  }

  /** A file read whole: text with its separator-like lines escaped, or base64. */
  #whole(data: Buffer, header: EntryHeader): void {
    const { writer } = this;
    if (isBinary(data)) {
      writer.put(`${separatorLine({ ...header, base64: true })}\n`);
      putBase64(writer, data);
      return;
    }
    header.noeol = data.length > 0 && data[data.length - 1] !== LF;
    writer.put(`${separatorLine(header)}\n`);
    putText(writer, data, true, true);
    if (header.noeol) writer.put('\n');
  }

  async #other(path: string, name: string): Promise<void> {
    const st = lstatSync(path, { throwIfNoEntry: false });
    // A name that is not UTF-8 came from the walk with U+FFFD in its place, and names nothing.
    if (!st && path.includes('\uFFFD')) return this.skip(path, 'the name is not UTF-8 (a pack holds UTF-8 names)');
    if (!st) return this.skip(path, 'vanished');
    const mode = st.mode & 0o7777;
    const mtime = this.#mtime(() => lstatSync(path, { bigint: true }));
    if (st.isDirectory()) {
      this.writer.put(`${separatorLine({ path: name, type: 'dir', mode, mtime })}\n`);
      this.counts.dirs++;
    } else if (st.isSymbolicLink()) {
      let target: string;
      try {
        target = readlinkSync(path);
      } catch (error) {
        return this.skip(path, 'unreadable symlink', error);
      }
      this.writer.put(`${separatorLine({ path: name, type: 'symlink', target, mtime })}\n`);
      this.counts.symlinks++;
    } else if (st.isFile()) {
      try {
        await this.#bigFile(path, { path: name, type: 'file', mode, mtime });
      } catch (error) {
        return this.skip(path, (error as Error).message, error);
      }
      this.counts.files++;
    } else {
      return this.skip(path, 'not a file, directory or symlink');
    }
    this.counts.entries++;
  }

  async #bigFile(path: string, header: EntryHeader): Promise<void> {
    const file = await open(path, 'r');
    try {
      const { size } = await file.stat();
      const head = Buffer.allocUnsafe(BINARY_SNIFF_BYTES);
      const { bytesRead } = await file.read(head, 0, head.length, 0);
      if (isBinary(head.subarray(0, bytesRead))) {
        this.writer.put(`${separatorLine({ ...header, base64: true })}\n`);
        return await this.#base64Stream(file);
      }
      const last = Buffer.alloc(1);
      await file.read(last, 0, 1, size - 1);
      header.noeol = last[0] !== LF;
      this.writer.put(`${separatorLine(header)}\n`);
      await this.#textStream(file);
      if (header.noeol) this.writer.put('\n');
    } finally {
      await file.close();
    }
  }

  /** A big text file, a chunk at a time, escaped as it goes. */
  async #textStream(file: FileHandle): Promise<void> {
    const buf = Buffer.allocUnsafe(CHUNK);
    let carry: Buffer | undefined;
    let atLineStart = true;
    for (let position = 0; ; ) {
      const { bytesRead } = await file.read(buf, 0, CHUNK, position);
      position += bytesRead;
      const last = bytesRead === 0;
      const chunk = carry ? Buffer.concat([carry, buf.subarray(0, bytesRead)]) : buf.subarray(0, bytesRead);
      const held = putText(this.writer, chunk, atLineStart, last);
      carry = held && Buffer.from(held); // `buf` is read into again
      if (this.writer.full) await this.writer.flush();
      if (last) return;
      atLineStart = carry !== undefined || chunk[chunk.length - 1] === LF;
    }
  }

  /** A big binary file as base64, in whole 57-byte groups so every line but the last is full. */
  async #base64Stream(file: FileHandle): Promise<void> {
    const buf = Buffer.allocUnsafe(BASE64_GROUP * 1024);
    for (let position = 0; ; ) {
      let filled = 0;
      while (filled < buf.length) {
        const { bytesRead } = await file.read(buf, filled, buf.length - filled, position);
        if (bytesRead === 0) break;
        filled += bytesRead;
        position += bytesRead;
      }
      if (filled > 0) putBase64(this.writer, buf.subarray(0, filled));
      if (this.writer.full) await this.writer.flush();
      if (filled < buf.length) return;
    }
  }
}
