import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { commit } from './_commit.js';
import { checkTarget, type Limits, safeParts } from './_entry-checks.js';
import { type Format, parse, type Sink } from './_parse.js';
import { Stage } from './_stage.js';
import { UnsafePathError } from './errors.js';
import type { EntryHeader } from './format.js';

/** What `unpack` reads: a stream, or the path of a pack file. */
export type PackInput = Readable | AsyncIterable<Buffer | string> | string;

/** Options of `unpack`. */
export interface UnpackOptions extends Limits {
  /** Where entries go; made (when the pack is good) if missing. @default process.cwd() */
  dest?: string;
  /**
   * Overwrite files and symlinks that exist (never through symlinks), and give existing
   * directories the pack's modes. @default false
   */
  force?: boolean;
  /** Check everything unpack checks, write nothing in `dest`. @default false */
  dryRun?: boolean;
  /** Keep setuid, setgid and sticky bits given in the pack (cleared otherwise, as tar does). @default false */
  keepSpecialBits?: boolean;
  /** Stops between chunks of input; rejects with the signal's reason, leaving nothing behind. */
  signal?: AbortSignal;
  /** Called as each entry is checked and staged, with the line it starts on. */
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
 * `dest`, streaming. The whole pack is received into a private staging directory and
 * checked first; only a good pack is moved into place, so a malformed, truncated, edited
 * or refused pack leaves nothing behind (not even a `dest` that did not exist). Nothing is
 * written outside `dest`, even against a concurrent writer in it (see the README for what
 * remains). Throws UnsafePathError for unsafe paths, PackExistsError for existing files
 * without `force`, PackFormatError for a bad pack, all with the entry's line.
 */
export async function unpack(input: PackInput, options: UnpackOptions = {}): Promise<UnpackSummary> {
  options.signal?.throwIfAborted();
  const dest = resolve(options.dest ?? process.cwd());
  const stage = new Stage({ ...options, dest });
  let result: Awaited<ReturnType<typeof parse>>;
  try {
    result = await parse(source(input, options.signal), stage);
    options.signal?.throwIfAborted();
    stage.finish();
    if (options.dryRun) stage.discard();
    else commit(stage, { dest, force: options.force });
  } catch (error) {
    stage.discard();
    throw error;
  }
  const { files, dirs, symlinks, bytes } = stage;
  return { format: result.format, entries: result.entries, files, dirs, symlinks, bytes };
}

/** One entry as `list` reports it. */
export interface ListedEntry extends EntryHeader {
  /** The file's size in bytes (0 for directories and symlinks). */
  size: number;
  line: number;
}

/** Options of `list`. */
export type ListOptions = Limits;

/**
 * The entries of a pack, streaming, without writing anything. The pack is checked as
 * unpack checks it, but for what only a destination can tell (existing files, a path given
 * twice): format, trailer count and checksum (a bad pack throws PackFormatError at the
 * end), unsafe paths and files through symlinks the pack makes (UnsafePathError, at once).
 */
export async function* list(
  input: PackInput,
  options: ListOptions = {},
): AsyncGenerator<ListedEntry, Format, undefined> {
  const symlinks = new Set<string>(); // what the pack makes a symlink: nothing may be written through it
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
      const parts = safeParts(entry.path, line, options);
      checkTarget(entry, line);
      for (let i = 1; i < parts.length && symlinks.size > 0; i++) {
        if (symlinks.has(parts.slice(0, i).join('/')))
          throw new UnsafePathError(entry.path, line, `'${parts[i - 1]}' on its way is a symlink`);
      }
      if (entry.type === 'symlink') symlinks.add(parts.join('/'));
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
