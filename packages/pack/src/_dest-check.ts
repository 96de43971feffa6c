import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { PackExistsError, UnsafePathError } from './errors.js';
import type { EntryHeader } from './format.js';

/**
 * What is in the way in an existing destination, checked as each entry arrives so that a
 * clash is refused with its line before anything moves. Advisory only: the commit checks
 * again, race-free. Only the last parent checked is remembered.
 */
export class DestCheck {
  /** The destination's counterpart of the last parent checked, and whether it exists there. */
  #parent: { key: string; exists: boolean } | undefined;

  constructor(
    readonly dest: string,
    readonly force: boolean | undefined,
  ) {}

  /**
   * Refuses now, with the entry's line, what the commit would refuse: something in the
   * destination in the way. Advisory only — the commit checks again, race-free.
   */
  check(parts: string[], entry: EntryHeader, line: number): void {
    const key = parts.slice(0, -1).join('/');
    if (this.#parent?.key !== key) {
      let path = this.dest;
      let exists = true;
      for (const name of parts.slice(0, -1)) {
        path = join(path, name);
        const st = lstatSync(path, { throwIfNoEntry: false });
        if (!st) {
          exists = false;
          break;
        }
        if (st.isSymbolicLink()) throw new UnsafePathError(entry.path, line, `'${name}' on its way is a symlink`);
        if (!st.isDirectory()) throw new UnsafePathError(entry.path, line, `'${name}' on its way is not a directory`);
      }
      this.#parent = { key, exists };
    }
    if (!this.#parent.exists) return;
    const there = lstatSync(join(this.dest, ...parts), { throwIfNoEntry: false });
    if (!there) return;
    if (entry.type === 'dir') {
      if (there.isSymbolicLink())
        throw new UnsafePathError(entry.path, line, 'a symlink is in the way of this directory');
      if (!there.isDirectory()) throw new PackExistsError(entry.path, line);
      return;
    }
    if (there.isDirectory() || !this.force) throw new PackExistsError(entry.path, line);
  }
}
