import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
afterAll(() => {
  // rm -rf: Node's rmSync recurses and overflows its stack on the 2,000-level tree.
  for (const dir of made) execFileSync('rm', ['-rf', dir]);
});

/**
 * Makes a real tree in a fresh temp folder: 'a/b.txt' is a file, 'a/c/' an empty directory,
 * and '@link -> target' a symlink. Returns the folder.
 */
export function tree(paths: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'sys-find-'));
  made.push(root);
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
