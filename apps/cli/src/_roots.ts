import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeError } from './_describe.js';
import type { Session } from './_session.js';

/** A ROOT argument: as typed, resolved, and how to show a path found under it. */
export interface Root {
  typed: string;
  path: string;
  /** A path found under `path`, shown under the ROOT as the user typed it. */
  show(found: string): string;
}

/**
 * Maps paths found under `resolved` back to the ROOT as the user typed it, so `sys find x src`
 * prints `src/...` whatever folder the process runs in.
 */
export function displayAs(typed: string, resolved: string): (path: string) => string {
  if (typed === resolved) return (path) => path;
  const skip = resolved.endsWith('/') ? resolved.length : resolved.length + 1;
  const prefix = typed.endsWith('/') ? typed : `${typed}/`;
  return (path) => (path === resolved ? typed : prefix + path.slice(skip));
}

/**
 * The ROOTs that are directories. One policy for every command that walks: a ROOT that is
 * missing or not a directory is reported on stderr, the others are still walked, and the
 * run exits 2 at the end.
 */
export function directoryRoots(typed: readonly string[], session: Session): Root[] {
  const roots: Root[] = [];
  for (const root of typed) {
    const path = resolve(session.cwd, root);
    try {
      if (statSync(path).isDirectory()) roots.push({ typed: root, path, show: displayAs(root, path) });
      else session.report.error(root, 'not a directory');
    } catch (error) {
      session.report.error(root, describeError(error).text);
    }
  }
  return roots;
}
