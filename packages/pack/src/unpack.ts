import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { DestSink, type Limits } from './_dest.js';
import { type Format, parse, type Sink } from './_parse.js';
import type { EntryHeader } from './format.js';

/** What `unpack` reads: a stream, or the path of a pack file. */
export type PackInput = Readable | AsyncIterable<Buffer | string> | string;

/** Options of `unpack`. */
export interface UnpackOptions extends Limits {
  /** Where entries go; made if missing. @default process.cwd() */
  dest?: string;
  /** Overwrite files and symlinks that exist (never directories, never through symlinks). @default false */
  force?: boolean;
  /** Check everything, write nothing. @default false */
  dryRun?: boolean;
  /** Stops between chunks of input; rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called as each entry begins, with the line it starts on. */
  onEntry?: (entry: EntryHeader & { line: number }) => void;
}

/** What `unpack` did. */
export interface UnpackSummary {
  format: Format;
  entries: number;
  files: number;
  dirs: number;
  symlinks: number;
  bytes: number;
}

function source(input: PackInput, signal: AbortSignal | undefined): AsyncIterable<Buffer | string> {
  const stream = typeof input === 'string' ? createReadStream(input, { highWaterMark: 1 << 20 }) : input;
  if (!signal) return stream;
  return (async function* () {
    for await (const chunk of stream) {
      signal.throwIfAborted();
      yield chunk;
    }
  })();
}

/**
 * Unpacks a pack (this package's format, the chapter's pack1, or `more` output) under
 * `dest`, streaming. Nothing is written outside `dest`: unsafe paths throw UnsafePathError
 * naming the entry and its line; existing files throw PackExistsError unless `force`; a
 * malformed, truncated or edited pack throws PackFormatError with the line. Each file is
 * written under a temp name and renamed into place, so an interrupted run leaves no
 * half-written file under a real name (entries before the damage stay).
 */
export async function unpack(input: PackInput, options: UnpackOptions = {}): Promise<UnpackSummary> {
  const dest = resolve(options.dest ?? process.cwd());
  if (!options.dryRun) await mkdir(dest, { recursive: true });
  const sink = new DestSink({ ...options, dest });
  const { format, entries } = await parse(source(input, options.signal), sink);
  await sink.close();
  return { format, entries, files: sink.files, dirs: sink.dirs, symlinks: sink.symlinks, bytes: sink.bytes };
}

/** One entry as `list` reports it. */
export interface ListedEntry extends EntryHeader {
  /** The file's size in bytes (0 for directories and symlinks). */
  size: number;
  line: number;
}

/**
 * The entries of a pack, streaming, without writing anything; the whole pack is checked
 * (format, trailer count and checksum) and a bad one throws PackFormatError at the end.
 */
export async function* list(input: PackInput): AsyncGenerator<ListedEntry, Format, undefined> {
  const ready: ListedEntry[] = [];
  let current: ListedEntry | undefined;
  // The parser runs ahead; entries are handed out as they complete.
  let failure: unknown;
  let finished = false;
  let format: Format = 'sys-pack';
  let wake: (() => void) | undefined;
  let drained: (() => void) | undefined;
  let stopped = false;
  const sink: Sink = {
    async begin(entry, line) {
      // The consumer left early: end the parse (and close the input) at the next entry.
      if (stopped) throw new Error('list() was stopped');
      current = { ...entry, size: 0, line };
    },
    async write(bytes) {
      if (current) current.size += bytes.length;
    },
    async end() {
      if (current) ready.push(current);
      current = undefined;
      wake?.();
      // A slow consumer holds the parser back rather than letting entries pile up.
      if (ready.length >= 1024) await new Promise<void>((resolve) => (drained = resolve));
    },
    async abort() {
      current = undefined;
    },
  };
  parse(source(input, undefined), sink).then(
    (r) => {
      format = r.format;
      finished = true;
      wake?.();
    },
    (error) => {
      failure = error;
      finished = true;
      wake?.();
    },
  );
  try {
    for (;;) {
      const next = ready.shift();
      if (next) {
        if (ready.length < 256) drained?.();
        yield next;
        continue;
      }
      if (finished) {
        if (failure !== undefined) throw failure;
        return format;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    stopped = true;
    drained?.();
  }
}
