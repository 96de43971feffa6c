import { lstat, readdir } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { joinPath } from './_listing.js';
import { compile } from './fnmatch.js';

/** Options of `glob`. */
export interface GlobOptions {
  /** Relative patterns are resolved from here; results stay relative, as written. @default process.cwd() */
  cwd?: string;
}

const MAGIC = /[*?[]/;

/**
 * Python's glob.glob for one pattern: `*`, `?` and `[...]` in any component (no `**`), names
 * starting with a dot only matched by a component that starts with a dot. Unsorted, like Python.
 */
export async function glob(pattern: string, options: GlobOptions = {}): Promise<string[]> {
  const cwd = options.cwd ?? process.cwd();
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
        if (await exists(resolve(cwd, path), !last)) next.push(path);
        continue;
      }
      const match = compile(part);
      const hidden = part.startsWith('.');
      for (const entry of await listOrNothing(resolve(cwd, base || '.'))) {
        if (entry.name.startsWith('.') && !hidden) continue;
        if (!last && !entry.isDirectory() && !entry.isSymbolicLink()) continue;
        if (match(entry.name)) next.push(base ? joinPath(base, entry.name) : entry.name);
      }
    }
    paths = next;
  }
  return paths;
}

async function listOrNothing(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

async function exists(path: string, mustBeDir: boolean): Promise<boolean> {
  try {
    const st = await lstat(path);
    return !mustBeDir || st.isDirectory() || st.isSymbolicLink();
  } catch {
    return false;
  }
}
