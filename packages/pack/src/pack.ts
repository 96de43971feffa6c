import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readlinkSync, readSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { BINARY_SNIFF_BYTES, isBinary } from '@sys/core';
import { compile, walkSync } from '@sys/find';
import { HashingWriter } from './_output.js';
import { PackSkipError } from './errors.js';
import {
  BACKSLASH,
  COLON,
  type EntryHeader,
  escapeVerdict,
  HEADER,
  LF_BACKSLASH,
  LF_COLON,
  separatorLine,
  trailerLine,
} from './format.js';

/** Options of `pack`. */
export interface PackOptions {
  /** fnmatch patterns of directory names not to enter. @default [] */
  prune?: readonly string[];
  /** Relative input paths are taken from here. @default process.cwd() */
  cwd?: string;
  /**
   * Called for what cannot be packed (a missing input, fifos, sockets, devices, unreadable
   * files, names that are not UTF-8), with a PackSkipError naming the path; packing goes on.
   */
  onError?: (error: PackSkipError) => void;
  /** End `out` when the pack is complete (and resolve only once it has flushed). @default true */
  end?: boolean;
  /** Absolute paths never to pack, such as the file the pack is being written to. */
  exclude?: readonly string[];
  signal?: AbortSignal;
}

/** What `pack` wrote. */
export interface PackSummary {
  entries: number;
  files: number;
  dirs: number;
  symlinks: number;
  skipped: number;
}

const CHUNK = 1 << 16;
/** 57 bytes make 76 base64 characters: one line; a chunk is whole lines. */
const B64_CHUNK = 57 * 1024;
const LF = 10;

/**
 * Packs files and directories (walked with @sys/find, names sorted) into `out` in the
 * @sys/pack format, streaming: memory stays the same however large the tree or its files.
 * Packing `src` gives entries `src/...`; packing `.` gives the folder's contents.
 */
export async function pack(paths: readonly string[], out: Writable, options: PackOptions = {}): Promise<PackSummary> {
  const cwd = options.cwd ?? process.cwd();
  const writer = new HashingWriter(out);
  const summary: PackSummary = { entries: 0, files: 0, dirs: 0, symlinks: 0, skipped: 0 };
  const prune = (options.prune ?? []).map((p) => compile(p));
  const excluded = new Set(options.exclude);
  const skip = (path: string, reason: string, cause?: unknown) => {
    summary.skipped++;
    options.onError?.(new PackSkipError(path, reason, cause));
  };
  await writer.write(`${HEADER}\n`);
  for (const input of paths) {
    const full = resolve(cwd, input);
    // The entry names start at the input's own name (or inside it, for '.').
    const base = input === '.' || input.endsWith(`${sep}.`) ? full : resolve(full, '..');
    const name = (path: string) => relative(base, path).split(sep).join('/');
    const file = async (path: string) => {
      if (excluded.has(path)) return skip(path, 'excluded (the pack being written)');
      const entryName = name(path);
      if (!(await regularFile(path, entryName, writer, summary))) await entry(path, entryName, writer, summary, skip);
    };
    const st = lstatSync(full, { throwIfNoEntry: false });
    if (!st) {
      skip(input, 'no such file or directory');
      continue;
    }
    if (!st.isDirectory()) {
      await file(full);
      continue;
    }
    // The blocking walk: packing reads every file with blocking calls anyway (see entry()).
    for (const { dir, dirs, files } of walkSync(full, { onError: (e) => skip(String(e.path), e.message, e) })) {
      options.signal?.throwIfAborted();
      if (dir !== base) await entry(dir, name(dir), writer, summary, skip);
      // A symlink to a directory is listed with the directories (os.walk does so) and packed as the symlink it is.
      const links = dirs.filter((d) => lstatSync(join(dir, d), { throwIfNoEntry: false })?.isSymbolicLink());
      const real = dirs.filter((d) => !links.includes(d) && !prune.some((p) => p(d)));
      dirs.splice(0, dirs.length, ...real.sort());
      for (const f of [...files, ...links].sort()) await file(join(dir, f));
    }
  }
  // The writer hashes on as it writes the trailer: digest a copy of the hash so far.
  await writer.write(`${trailerLine(summary.entries, writer.hash.copy().digest('hex'))}\n`);
  await writer.flush();
  if (options.end ?? true) await finished(out.end());
  return summary;
}

async function entry(
  path: string,
  name: string,
  writer: HashingWriter,
  summary: PackSummary,
  skip: (path: string, reason: string, cause?: unknown) => void,
): Promise<void> {
  // Blocking calls here: each takes microseconds, where a thread-pool round trip per call
  // made packing many small files wait more than work.
  const st = lstatSync(path, { throwIfNoEntry: false });
  // A name that is not UTF-8 came from the walk with U+FFFD in its place, and names nothing.
  if (!st && path.includes('\uFFFD')) return skip(path, 'the name is not UTF-8 (a pack holds UTF-8 names)');
  if (!st) return skip(path, 'vanished');
  // Unpack refuses backslashes (a separator on Windows): better say so now than ship a pack that fails.
  if (name.includes('\\')) return skip(path, 'a backslash in the name (unpack refuses it: a Windows separator)');
  const mode = st.mode & 0o7777;
  if (st.isDirectory()) {
    await writer.write(`${separatorLine({ path: name, type: 'dir', mode })}\n`);
    summary.dirs++;
  } else if (st.isSymbolicLink()) {
    let target: string;
    try {
      target = readlinkSync(path);
    } catch (error) {
      return skip(path, 'unreadable symlink', error);
    }
    await writer.write(`${separatorLine({ path: name, type: 'symlink', target })}\n`);
    summary.symlinks++;
  } else if (st.isFile()) {
    try {
      if (st.size <= SMALL) await smallFile(readFileSync(path), name, mode, writer);
      else await bigFile(path, name, mode, writer);
    } catch (error) {
      return skip(path, (error as Error).message, error);
    }
    summary.files++;
  } else {
    return skip(path, 'not a file, directory or symlink');
  }
  summary.entries++;
}

const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/**
 * The common case in one open: a small regular file, read whole. O_NOFOLLOW fails on a
 * symlink and O_NONBLOCK keeps a fifo from hanging the open; anything but a small regular
 * file returns false and goes the general way (lstat first).
 */
async function regularFile(path: string, name: string, writer: HashingWriter, summary: PackSummary): Promise<boolean> {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch {
    return false;
  }
  let data: Buffer;
  let mode: number;
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > SMALL) return false;
    if (name.includes('\\')) return false;
    mode = st.mode & 0o7777;
    data = Buffer.allocUnsafe(st.size);
    let got = 0;
    for (let n = 1; n > 0 && got < data.length; got += n) n = readSync(fd, data, got, data.length - got, got);
    data = data.subarray(0, got);
  } finally {
    closeSync(fd);
  }
  await smallFile(data, name, mode, writer);
  summary.files++;
  summary.entries++;
  return true;
}

/** Files up to this size are read whole; bigger ones are streamed. */
const SMALL = 1 << 20;

async function smallFile(data: Buffer, name: string, mode: number, writer: HashingWriter): Promise<void> {
  const header: EntryHeader = { path: name, type: 'file', mode };
  if (isBinary(data)) {
    await writer.write(`${separatorLine({ ...header, base64: true })}\n`);
    return writer.write(base64Text(data));
  }
  header.noeol = data.length > 0 && data[data.length - 1] !== LF;
  await writer.write(`${separatorLine(header)}\n`);
  for (const part of escaped(data, true, true).parts) await writer.write(part);
  if (header.noeol) await writer.write('\n');
}

async function bigFile(path: string, name: string, mode: number, writer: HashingWriter): Promise<void> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const head = Buffer.allocUnsafe(BINARY_SNIFF_BYTES);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    const header: EntryHeader = { path: name, type: 'file', mode };
    if (isBinary(head.subarray(0, bytesRead))) {
      await writer.write(`${separatorLine({ ...header, base64: true })}\n`);
      return await base64Lines(file, writer);
    }
    const last = Buffer.alloc(1);
    await file.read(last, 0, 1, size - 1);
    header.noeol = last[0] !== LF;
    await writer.write(`${separatorLine(header)}\n`);
    await textLines(file, writer, header.noeol);
  } finally {
    await file.close();
  }
}

/** Streams a text file's bytes, adding one backslash to lines that would read as separators. */
async function textLines(file: FileHandle, writer: HashingWriter, noeol: boolean): Promise<void> {
  let carry: Buffer | undefined;
  let atLineStart = true;
  for (let position = 0; ; ) {
    // A fresh buffer each time: the writer keeps views of it until it flushes.
    const buf = Buffer.allocUnsafe(CHUNK);
    const { bytesRead } = await file.read(buf, 0, CHUNK, position);
    position += bytesRead;
    const last = bytesRead === 0;
    const chunk = carry ? Buffer.concat([carry, buf.subarray(0, bytesRead)]) : buf.subarray(0, bytesRead);
    const result = escaped(chunk, atLineStart, last);
    for (const part of result.parts) await writer.write(part);
    carry = result.carry && Buffer.from(result.carry);
    if (last) break;
    atLineStart = carry !== undefined || chunk[chunk.length - 1] === LF;
  }
  if (noeol) await writer.write('\n');
}

/**
 * One chunk of text as it goes into a pack: the pieces to write, with a backslash before
 * each line that begins `\\`*`::::::`, and the start of a line too short to judge yet
 * (`carry`, only when more input follows).
 */
function escaped(chunk: Buffer, atLineStart: boolean, last: boolean): { parts: Uint8Array[]; carry?: Buffer } {
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const at of candidates(chunk, atLineStart)) {
    const verdict = escapeVerdict(chunk, at);
    if (verdict === 'undecided' && !last) {
      if (at > from) parts.push(chunk.subarray(from, at));
      return { parts, carry: chunk.subarray(at) };
    }
    if (verdict === 'escape') {
      parts.push(chunk.subarray(from, at), BACKSLASH_BYTE);
      from = at;
    }
  }
  if (from < chunk.length) parts.push(chunk.subarray(from));
  return { parts };
}

const BACKSLASH_BYTE = Buffer.from('\\');

/** Line starts that begin with ':' or '\\', the only ones that may need escaping, in order. */
function candidates(chunk: Buffer, atLineStart: boolean): number[] {
  const out: number[] = [];
  if (atLineStart && (chunk[0] === COLON || chunk[0] === BACKSLASH)) out.push(0);
  for (const pattern of [LF_COLON, LF_BACKSLASH]) {
    for (let i = chunk.indexOf(pattern); i !== -1; i = chunk.indexOf(pattern, i + 1)) out.push(i + 1);
  }
  return out.sort((a, b) => a - b);
}

/** Base64 of whole 57-byte groups, 76 characters a line, each line ended. */
function base64Text(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += 76) lines.push(text.slice(i, i + 76));
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

async function base64Lines(file: FileHandle, writer: HashingWriter): Promise<void> {
  const buf = Buffer.allocUnsafe(B64_CHUNK);
  let position = 0;
  for (;;) {
    // Fill whole 57-byte groups so every line but the last is exactly 76 characters.
    let filled = 0;
    while (filled < B64_CHUNK) {
      const { bytesRead } = await file.read(buf, filled, B64_CHUNK - filled, position);
      if (bytesRead === 0) break;
      filled += bytesRead;
      position += bytesRead;
    }
    if (filled === 0) return;
    await writer.write(base64Text(buf.subarray(0, filled)));
    if (filled < B64_CHUNK) return;
  }
}
