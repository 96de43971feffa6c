import { basename, dirname, join } from 'node:path';

/**
 * A path as fs takes it: text, or bytes for a name that is not valid UTF-8 (Node decodes
 * such a name to U+FFFD, which names another, usually missing, file).
 */
export type FsPath = string | Buffer;

// Bytes go through node:path as latin1 text: one character per byte, so '/' is found where
// it is and every other byte comes back as it was.
const asText = (path: Buffer) => path.toString('latin1');
const asBytes = (text: string) => Buffer.from(text, 'latin1');

/** The path as text for messages: bytes that are not UTF-8 show as U+FFFD. */
export function pathText(path: FsPath): string {
  return typeof path === 'string' ? path : path.toString('utf8');
}

/** The directory part of a path, as path.dirname gives it; bytes stay bytes. */
export function parentOf(path: FsPath): FsPath {
  return typeof path === 'string' ? dirname(path) : asBytes(dirname(asText(path)));
}

/** The last name of a path as text, as path.basename gives it (U+FFFD for bytes that are not UTF-8). */
export function nameText(path: FsPath): string {
  return typeof path === 'string' ? basename(path) : asBytes(basename(asText(path))).toString('utf8');
}

/** A directory and a name in it, joined as path.join does; bytes when the directory is bytes. */
export function joinName(dir: FsPath, name: string): FsPath {
  return typeof dir === 'string' ? join(dir, name) : asBytes(join(asText(dir), asText(Buffer.from(name))));
}
