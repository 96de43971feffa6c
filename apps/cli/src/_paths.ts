import { lstatSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { describeError } from './_describe.js';
import { displayAs, type Root } from './_roots.js';
import type { Session } from './_session.js';

/** A PATH argument that exists: a file or a directory to walk. */
export interface PathArg extends Root {
  stats: Stats;
}

/**
 * The PATH arguments that exist (files or directories). A missing one is reported on stderr
 * and left out; the others go ahead and the run exits 2 at the end (the ROOT policy).
 */
export function existingPaths(typed: readonly string[], session: Session): PathArg[] {
  const found: PathArg[] = [];
  for (const given of typed) {
    const path = resolve(session.cwd, given);
    try {
      found.push({ typed: given, path, show: displayAs(given, path), stats: lstatSync(path) });
    } catch (error) {
      session.report.error(given, describeError(error).text);
    }
  }
  return found;
}

/** Shows an absolute path found under one of `roots` as under the ROOT the user typed. */
export function showUnder(roots: readonly Root[]): (path: string) => string {
  return (path) => {
    const root = roots.find((r) => path === r.path || path.startsWith(`${r.path}/`));
    return root ? root.show(path) : path;
  };
}
