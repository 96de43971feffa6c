import { resolve } from 'node:path';
import { commit } from './_commit.js';
import { openInput } from './_input.js';
import { parse } from './_parse.js';
import { Stage } from './_stage.js';
import type { EntryHeader } from './format.js';
import type { Format, Limits, PackInput } from './read-options.js';

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
  /** Stops at once (also while waiting for input); rejects with the signal's reason, leaving nothing behind. */
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
    result = await parse(openInput(input, options.signal).chunks, stage);
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
