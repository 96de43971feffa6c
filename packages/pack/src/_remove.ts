import { chmodSync, lstatSync, readdirSync, rmdirSync, unlinkSync } from 'node:fs';

/** Removes what is in the directory `dir` (any path that reaches it), never following a symlink. */
export function removeContents(dir: string): void {
  // A pack may have made directories read-only: open each up before emptying it.
  chmodSync(dir, 0o700);
  for (const name of readdirSync(dir)) removeTree(`${dir}/${name}`);
}

/** Removes `path` and, for a directory, everything under it; a symlink is removed, not followed. */
export function removeTree(path: string): void {
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isDirectory()) {
    removeContents(path);
    rmdirSync(path);
  } else unlinkSync(path);
}
