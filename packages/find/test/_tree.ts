import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from '@sys/config/temp-dirs';

/**
 * Makes a real tree in a fresh temp folder: 'a/b.txt' is a file, 'a/c/' an empty directory,
 * and '@link -> target' a symlink. Returns the folder.
 */
export function tree(paths: string[]): string {
  const root = tempDir('sys-find-');
  for (const spec of paths) {
    const [path, target] = spec.split(' -> ') as [string, string | undefined];
    const full = join(root, path);
    if (target !== undefined) {
      mkdirSync(dirname(full), { recursive: true });
      symlinkSync(target, full);
    } else if (path.endsWith('/')) {
      mkdirSync(full, { recursive: true });
    } else {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, path);
    }
  }
  return root;
}

/** A walk's entries with the root cut off and names sorted, for comparisons. */
export function shape(entries: { dir: string; dirs: string[]; files: string[] }[], root: string) {
  return entries.map((e) => ({
    dir: e.dir === root ? '.' : e.dir.slice(root.length + 1),
    dirs: [...e.dirs].sort(),
    files: [...e.files].sort(),
  }));
}

/** Whether the temp file system takes names that are not UTF-8 (some refuse them with EILSEQ). */
export const takesByteNames = (() => {
  try {
    writeFileSync(Buffer.from(`${tempDir('sys-find-probe-')}/\xff`, 'latin1'), '');
    return true;
  } catch {
    return false;
  }
})();
