import { pull } from '@sys/core';
import { EntryChecks } from './_entry-checks.js';
import { openInput } from './_input.js';
import { parse } from './_parse.js';
import type { Sink } from './_sink.js';
import type { EntryHeader } from './format.js';
import type { Limits, PackInput } from './read-options.js';

/** One entry as `list` reports it. */
export interface ListedEntry extends EntryHeader {
  /** The file's size in bytes (0 for directories and symlinks). */
  size: number;
  line: number;
}

/** Options of `list`. */
export interface ListOptions extends Limits {
  /** Stops the listing: the iteration throws the signal's reason and the input is closed. */
  signal?: AbortSignal;
}

/** Entries the parser may run ahead of a slow consumer. */
const AHEAD = 256;

/**
 * The entries of a pack, streaming, without writing anything. The pack is checked as
 * unpack checks it, but for what only a destination can tell (existing files, a path given
 * twice): format, trailer count and checksum (a bad pack throws PackFormatError at the
 * end), unsafe paths and files through symlinks the pack makes (UnsafePathError, at once).
 * A consumer that stops early closes the input at once.
 */
export function list(input: PackInput, options: ListOptions = {}): AsyncGenerator<ListedEntry, void, undefined> {
  return pull<ListedEntry>(
    (out) => {
      const opened = openInput(input, options.signal);
      const checks = new EntryChecks(options);
      let current: ListedEntry | undefined;
      let stopped = false;
      let resume: (() => void) | undefined;
      const sink: Sink = {
        begin(entry, line) {
          checks.check(entry, line);
          current = { ...entry, size: 0, line };
        },
        write(bytes) {
          if (current) current.size += bytes.length;
        },
        end() {
          const done = current as ListedEntry;
          current = undefined;
          // A slow consumer holds the parser back rather than letting entries pile up.
          if (out.push(done) || stopped) return undefined;
          return new Promise<void>((wake) => (resume = wake));
        },
        abort() {
          current = undefined;
        },
      };
      parse(opened.chunks, sink).then(
        () => out.end(),
        (error) => out.end(error),
      );
      const wake = () => {
        resume?.();
        resume = undefined;
      };
      return {
        resume: wake,
        stop() {
          stopped = true;
          opened.close();
          wake();
        },
      };
    },
    { backlog: AHEAD },
  );
}
