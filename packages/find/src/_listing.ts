import { type Dirent, readdir, readdirSync, stat, statSync } from 'node:fs';
import { sep } from 'node:path';

/** What an entry is, as far as a walk cares. */
export type Kind = 'file' | 'dir' | 'symlink' | 'other';

/** A directory waiting to be read. */
export interface DirTask {
  /** The path shown to callers. */
  path: string;
  /** The path handed to fs: a Buffer when a name on the way is not valid UTF-8. */
  fsPath: string | Buffer;
  depth: number;
  /** Directories above this one, by device and inode; only kept when following symlinks. */
  chain: Chain | undefined;
}

/** Device-and-inode keys of the directories above one, innermost first (for loop detection). */
export interface Chain {
  key: string;
  parent: Chain | undefined;
}

/** One directory's contents in os.walk's shape, plus what the walk needs to go on. */
export interface Listing {
  /** Subdirectories, symlinks to directories included (as os.walk lists them). */
  dirs: string[];
  /** Everything else. */
  files: string[];
  /** The kind of each file, by index. */
  fileKinds: Kind[];
  /** Names in `dirs` that are symlinks. */
  linkDirs: Set<string> | undefined;
  /**
   * For a directory read as bytes (a name in it is not valid UTF-8, or it lies below one): the
   * full fs path of each of `dirs` and of `files`, by index. By index, not by name: names that
   * differ only in bytes that are not UTF-8 show as the same text.
   */
  bytes: { dirs: Buffer[]; files: Buffer[] } | undefined;
}

const REPLACEMENT = '\uFFFD';

/** Joins a directory path and a name the way os.path.join does. */
export function joinPath(dir: string, name: string): string {
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

/** The task for a child directory of `parent`, given its fs path when that is bytes. */
export function childTask(parent: DirTask, name: string, bytes: Buffer | undefined): DirTask {
  const path = joinPath(parent.path, name);
  return { path, fsPath: bytes ?? path, depth: parent.depth + 1, chain: parent.chain };
}

/** The path to hand to fs for the file at `index` in a listed directory's `files`. */
export function entryFsPath(task: DirTask, listing: Listing, index: number): string | Buffer {
  return listing.bytes?.files[index] ?? joinPath(task.path, listing.files[index] as string);
}

/** The fs path, as bytes, of an entry whose name was read as bytes. */
function bytePath(task: DirTask, name: Buffer): Buffer {
  const parent = typeof task.fsPath === 'string' ? Buffer.from(task.fsPath) : task.fsPath;
  return Buffer.concat([parent, Buffer.from(sep), name]);
}

function needsBytes(task: DirTask, dirents: Dirent[] | undefined): boolean {
  if (typeof task.fsPath !== 'string' || dirents === undefined) return true;
  // Node decodes invalid UTF-8 as U+FFFD, which names a different (usually missing) file.
  for (const d of dirents) if (d.name.includes(REPLACEMENT)) return true;
  return false;
}

/** What each symlink of a directory points at ('symlink' when dangling). */
type LinkTargets = Map<string, Kind>;

function targetKind(st: { isDirectory(): boolean; isFile(): boolean } | undefined): Kind {
  if (!st) return 'symlink';
  return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
}

function build(
  task: DirTask,
  dirents: Dirent[] | Dirent<Buffer>[],
  links: LinkTargets | undefined,
  follow: boolean,
): Listing {
  const dirs: string[] = [];
  const files: string[] = [];
  const fileKinds: Kind[] = [];
  let linkDirs: Set<string> | undefined;
  let bytes: Listing['bytes'];
  for (const d of dirents) {
    let name: string;
    let full: Buffer | undefined;
    if (typeof d.name === 'string') {
      name = d.name;
    } else {
      name = d.name.toString('utf8');
      full = bytePath(task, d.name);
      bytes ??= { dirs: [], files: [] };
    }
    const target = d.isSymbolicLink() ? links?.get(name) : undefined;
    if (d.isDirectory() || target === 'dir') {
      dirs.push(name);
      if (full) bytes?.dirs.push(full);
      if (target === 'dir') {
        linkDirs ??= new Set();
        linkDirs.add(name);
      }
      continue;
    }
    files.push(name);
    if (full) bytes?.files.push(full);
    // Followed, a link counts as what it points at; a dangling one stays a symlink.
    if (d.isSymbolicLink()) fileKinds.push(follow && target ? target : 'symlink');
    else fileKinds.push(d.isFile() ? 'file' : 'other');
  }
  return { dirs, files, fileKinds, linkDirs, bytes };
}

function linkNames(task: DirTask, dirents: Dirent[] | Dirent<Buffer>[]): { name: string; fsPath: string | Buffer }[] {
  const out: { name: string; fsPath: string | Buffer }[] = [];
  for (const d of dirents) {
    if (!d.isSymbolicLink()) continue;
    if (typeof d.name === 'string') out.push({ name: d.name, fsPath: joinPath(task.path, d.name) });
    else out.push({ name: d.name.toString('utf8'), fsPath: bytePath(task, d.name) });
  }
  return out;
}

/**
 * The listing of a directory read as strings, in one pass, for the common case; undefined when
 * it holds a symlink (whose target must be known first) or a name that is not valid UTF-8.
 */
function buildPlain(dirents: Dirent[]): Listing | undefined {
  const dirs: string[] = [];
  const files: string[] = [];
  const fileKinds: Kind[] = [];
  for (let i = 0; i < dirents.length; i++) {
    const d = dirents[i] as Dirent;
    const name = d.name;
    if (d.isDirectory()) dirs.push(name);
    else if (d.isSymbolicLink()) return undefined;
    else {
      files.push(name);
      fileKinds.push(d.isFile() ? 'file' : 'other');
    }
    if (name.includes(REPLACEMENT)) return undefined;
  }
  return { dirs, files, fileKinds, linkDirs: undefined, bytes: undefined };
}

/** Reads one directory, blocking; throws the fs error when it cannot be read. */
export function listSync(task: DirTask, follow: boolean): Listing {
  let dirents: Dirent[] | Dirent<Buffer>[] | undefined =
    typeof task.fsPath === 'string' ? readdirSync(task.fsPath, { withFileTypes: true }) : undefined;
  const plain = dirents && buildPlain(dirents as Dirent[]);
  if (plain) return plain;
  if (needsBytes(task, dirents as Dirent[] | undefined)) {
    dirents = readdirSync(task.fsPath, { withFileTypes: true, encoding: 'buffer' });
  }
  const found = dirents as Dirent[] | Dirent<Buffer>[];
  let links: LinkTargets | undefined;
  for (const link of linkNames(task, found)) {
    links ??= new Map();
    // os.walk asks is_dir(), which follows the link: a link to a directory is listed in dirs.
    links.set(link.name, targetKind(statOrNothing(link.fsPath)));
  }
  return build(task, found, links, follow);
}

/** What a link points at, or nothing when it dangles, loops (ELOOP) or cannot be reached, as the async read has it. */
function statOrNothing(path: string | Buffer): ReturnType<typeof statSync> {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

type Done = (error: NodeJS.ErrnoException | null, listing?: Listing) => void;

/**
 * Reads one directory on the thread pool and calls back with its listing or the fs error.
 * Callbacks rather than promises: this runs once per directory, and the promise machinery
 * would cost more than the JavaScript side of the read itself.
 */
export function list(task: DirTask, follow: boolean, done: Done): void {
  const withTypes = (dirents: Dirent[] | Dirent<Buffer>[]) => {
    const links = linkNames(task, dirents);
    if (links.length === 0) return done(null, build(task, dirents, undefined, follow));
    const targets: LinkTargets = new Map();
    let left = links.length;
    for (const link of links) {
      stat(link.fsPath, (err, st) => {
        targets.set(link.name, targetKind(err ? undefined : st));
        if (--left === 0) done(null, build(task, dirents, targets, follow));
      });
    }
  };
  const asBytes = () =>
    readdir(task.fsPath, { withFileTypes: true, encoding: 'buffer' }, (err, dirents) =>
      err ? done(err) : withTypes(dirents),
    );
  if (typeof task.fsPath !== 'string') {
    asBytes();
    return;
  }
  readdir(task.fsPath, { withFileTypes: true }, (err, dirents) => {
    if (err) return done(err);
    const plain = buildPlain(dirents);
    if (plain) done(null, plain);
    else if (needsBytes(task, dirents)) asBytes();
    else withTypes(dirents);
  });
}
