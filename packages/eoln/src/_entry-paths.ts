import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type FsPath, parentOf } from '@sys/core';
import type { WalkEntry } from '@sys/find';

/**
 * The fs path of each name in a walk entry's `files`, by index: bytes for a name that is not
 * UTF-8 (as text it names another file). Undefined when every name is plain text.
 */
export function filePaths(entry: WalkEntry): FsPath[] | undefined {
  const { dir, files, bytePaths } = entry;
  if (!bytePaths) return undefined;
  const paths: FsPath[] = files.map((name) => bytePaths.get(name) ?? join(dir, name));
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const name of files) (seen.has(name) ? shared : seen).add(name);
  if (shared.size === 0) return paths;
  // Names that differ only in bytes that are not UTF-8 (or one of them a literal U+FFFD) show
  // as one text and share one key: read the directory as bytes and give each its own.
  const parent = parentOf(bytePaths.values().next().value as Buffer) as Buffer;
  const left = new Map<string, Buffer[]>();
  for (const raw of readdirSync(parent, { encoding: 'buffer' })) {
    const text = raw.toString('utf8');
    if (!shared.has(text)) continue;
    const list = left.get(text) ?? [];
    list.push(Buffer.concat([parent, Buffer.from('/'), raw]));
    left.set(text, list);
  }
  files.forEach((name, i) => {
    const next = left.get(name)?.shift();
    if (next) paths[i] = next;
  });
  return paths;
}
