import { UnsafePathError } from './errors.js';
import type { EntryHeader } from './format.js';
import type { Limits } from './read-options.js';

/**
 * Checks an entry's path and returns its parts. Refused: absolute paths (any number of
 * slashes), drive letters and drive-relative paths, backslashes, NUL bytes, `..` parts,
 * nothing but `.` parts, absurd depth or length.
 */
export function safeParts(path: string, line: number, limits: Limits = {}): string[] {
  if (path.includes('\0')) refuse(path, line, 'NUL byte in the path');
  if (path.includes('\\')) refuse(path, line, 'backslash in the path (a Windows separator)');
  if (path.startsWith('/')) refuse(path, line, 'absolute path');
  if (/^[A-Za-z]:/.test(path)) refuse(path, line, 'drive letter');
  if (path.length > (limits.maxPathLength ?? 4096)) refuse(path, line, 'path too long');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') refuse(path, line, "'..' in the path");
    if (part !== '' && part !== '.') parts.push(part);
  }
  if (parts.length === 0) refuse(path, line, 'empty path');
  if (parts.length > (limits.maxParts ?? 256)) refuse(path, line, 'path too deep');
  return parts;
}

function refuse(path: string, line: number, why: string): never {
  throw new UnsafePathError(path, line, why);
}

/** Checks what an entry's attributes ask for beyond its path: a symlink's target. */
export function checkTarget(entry: EntryHeader, line: number): void {
  if (entry.type !== 'symlink') return;
  if (!entry.target) throw new UnsafePathError(entry.path, line, 'a symlink with an empty target');
  if (entry.target.includes('\0')) throw new UnsafePathError(entry.path, line, 'NUL byte in the symlink target');
}

/** Permission bits as unpack applies them: setuid, setgid and sticky only when asked. */
export function permissions(mode: number, keepSpecialBits: boolean | undefined): number {
  return mode & (keepSpecialBits ? 0o7777 : 0o777);
}

/**
 * The checks of unpack that need no destination, for a whole pack: each entry's path and
 * target, and no path through a symlink the pack made (the only names it keeps).
 */
export class EntryChecks {
  readonly #symlinks = new Set<string>();
  constructor(readonly limits: Limits = {}) {}

  /** Throws UnsafePathError for an entry unpack would refuse whatever the destination holds. */
  check(entry: EntryHeader, line: number): void {
    const parts = safeParts(entry.path, line, this.limits);
    checkTarget(entry, line);
    for (let i = 1; i < parts.length && this.#symlinks.size > 0; i++) {
      if (this.#symlinks.has(parts.slice(0, i).join('/')))
        throw new UnsafePathError(entry.path, line, `'${parts[i - 1]}' on its way is a symlink`);
    }
    if (entry.type === 'symlink') this.#symlinks.add(parts.join('/'));
  }
}
