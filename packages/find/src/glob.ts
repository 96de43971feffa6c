import { type Dirent, lstatSync, readdirSync } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { joinPath } from './_listing.js';
import { compile } from './fnmatch.js';

/** Options of `glob` and `globSync`. */
export interface GlobOptions {
  /** Relative patterns are resolved from here; results stay relative, as written. @default process.cwd() */
  cwd?: string;
  /** Stops `glob` before its next directory read; it rejects with the signal's reason. */
  signal?: AbortSignal;
}

const MAGIC = /[*?[]/;

/** What the matcher needs from the file system: a directory's entries, or whether a path is there. */
type Question = { list: string } | { exists: string; mustBeDir: boolean };
type Answer = Dirent[] | boolean;

/**
 * Python's glob.glob as a dialogue: it asks the file system questions and returns the matches,
 * so `glob` and `globSync` answer the same questions, one with promises, one blocking.
 */
function* matcher(pattern: string, cwd: string): Generator<Question, string[], Answer> {
  const absolute = pattern.startsWith(sep);
  const parts = pattern.split(sep).filter((p, i) => p !== '' || i === 0);
  let paths = [absolute ? sep : ''];
  if (absolute) parts.shift();
  for (const [index, part] of parts.entries()) {
    const last = index === parts.length - 1;
    const next: string[] = [];
    for (const base of paths) {
      if (!MAGIC.test(part)) {
        const path = base ? joinPath(base, part) : part;
        if (yield { exists: resolve(cwd, path), mustBeDir: !last }) next.push(path);
        continue;
      }
      const match = compile(part);
      const hidden = part.startsWith('.');
      for (const entry of (yield { list: resolve(cwd, base || '.') }) as Dirent[]) {
        if (entry.name.startsWith('.') && !hidden) continue;
        if (!last && !entry.isDirectory() && !entry.isSymbolicLink()) continue;
        if (match(entry.name)) next.push(base ? joinPath(base, entry.name) : entry.name);
      }
    }
    paths = next;
  }
  return paths;
}

/** A missing or unreadable directory has no entries, as in Python. */
function listSync(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function existsSync(path: string, mustBeDir: boolean): boolean {
  const st = lstatSync(path, { throwIfNoEntry: false });
  return st !== undefined && (!mustBeDir || st.isDirectory() || st.isSymbolicLink());
}

/**
 * Python's glob.glob for one pattern: `*`, `?` and `[...]` in any component (no `**`), names
 * starting with a dot only matched by a component that starts with a dot. Unsorted, like Python.
 */
export async function glob(pattern: string, options: GlobOptions = {}): Promise<string[]> {
  const { signal } = options;
  const asks = matcher(pattern, options.cwd ?? process.cwd());
  for (let step = asks.next(); ; ) {
    signal?.throwIfAborted();
    if (step.done) return step.value;
    const ask = step.value;
    if ('list' in ask) step = asks.next(await readdir(ask.list, { withFileTypes: true }).catch(() => []));
    else {
      const st = await lstat(ask.exists).catch(() => undefined);
      step = asks.next(st !== undefined && (!ask.mustBeDir || st.isDirectory() || st.isSymbolicLink()));
    }
  }
}

/** The blocking form of `glob`: the same matches, in the same order. */
export function globSync(pattern: string, options: Omit<GlobOptions, 'signal'> = {}): string[] {
  const asks = matcher(pattern, options.cwd ?? process.cwd());
  for (let step = asks.next(); ; ) {
    if (step.done) return step.value;
    const ask = step.value;
    step = asks.next('list' in ask ? listSync(ask.list) : existsSync(ask.exists, ask.mustBeDir));
  }
}
