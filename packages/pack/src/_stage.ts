import {
  chmodSync,
  closeSync,
  constants,
  existsSync,
  fchmodSync,
  fstatSync,
  futimesSync,
  lstatSync,
  lutimesSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  statSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { OptionError, utimesSeconds } from '@sys/core';
import { DestCheck } from './_dest-check.js';
import { OpenDir } from './_dirfd.js';
import { checkTarget, permissions, safeParts } from './_entry-checks.js';
import { removeContents, removeTree } from './_remove.js';
import type { Sink } from './_sink.js';
import { PackExistsError, UnsafePathError } from './errors.js';
import type { EntryHeader } from './format.js';
import type { Limits } from './read-options.js';

/** Options of the staging sink. */
export interface StageOptions extends Limits {
  /** The destination, resolved. */
  dest: string;
  force?: boolean;
  dryRun?: boolean;
  keepSpecialBits?: boolean;
  onEntry?: (entry: EntryHeader & { line: number }) => void;
}

/** A directory being filled: its name and staged path, and the mode and time it gets when its subtree ends. */
interface Filling {
  name: string;
  path: string;
  mode: number;
  mtime: bigint | undefined;
}

/** A file's bytes are written in pieces of at most this size; most files take one write. */
const PENDING = 1 << 16;
const NEW_FILE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
/** Directories being filled stay open to us alone; their own modes are set when their subtree ends. */
const FILLING = 0o700;

/**
 * Receives a pack's entries into a private staging directory (mkdtemp, mode 0700), where no
 * other user can swap a directory for a symlink, and checks each against the destination
 * as it comes, so that a clash is reported with its line. Nothing is in the destination
 * until `commit()`. Only the chain of directories being filled is kept in memory: a
 * directory's mode is applied when the entries leave its subtree.
 */
export class Stage implements Sink {
  readonly #root: OpenDir;
  readonly #rootPath: string;
  /** The destination does not exist yet: the staging directory becomes it, in one rename. */
  readonly wholeDest: boolean;
  /** The directories from the root to the one being filled, with the modes they will get. */
  readonly #filling: Filling[] = [];
  readonly #umask = process.umask();
  /** Checks against the destination, when there is one already. */
  readonly #destCheck: DestCheck | undefined;
  #fd: number | undefined;
  #path = '';
  #mode = 0;
  #chmodAtEnd = false;
  #mtime: bigint | undefined;
  /** The current file's bytes not yet written, gathered in one buffer used again for every file. */
  readonly #pending = Buffer.allocUnsafe(PENDING);
  #pendingSize = 0;
  bytes = 0;
  files = 0;
  dirs = 0;
  symlinks = 0;

  constructor(readonly options: StageOptions) {
    const { dest, dryRun } = options;
    const destStat = statSync(dest, { throwIfNoEntry: false });
    if (destStat && !destStat.isDirectory()) throw new OptionError('dest', `${dest} is not a directory`);
    this.wholeDest = !dryRun && destStat === undefined;
    if (!this.wholeDest) this.#destCheck = new DestCheck(dest, options.force);
    const home = dryRun ? tmpdir() : destStat ? dest : existingAncestor(dest);
    this.#rootPath = mkdtempSync(join(home, '.sys-unpack-'));
    const swapped = (why: string) =>
      new UnsafePathError(this.#rootPath, 0, `the staging directory was swapped (${why})`);
    try {
      this.#root = OpenDir.open(this.#rootPath, false);
    } catch (error) {
      throw swapped((error as Error).message);
    }
    // Between mkdtemp and open, someone who may write in `dest` could have put a directory of
    // their own under the name: only one that is ours and private is used.
    const st = fstatSync(this.#root.fd);
    if ((st.mode & 0o777) !== 0o700 || (process.getuid && st.uid !== process.getuid())) {
      this.#root.close();
      throw swapped('not a private directory of ours');
    }
  }

  /** The staging directory's own path (for the commit), and the open directory. */
  get root(): { path: string; dir: OpenDir } {
    return { path: this.#rootPath, dir: this.#root };
  }

  begin(entry: EntryHeader, line: number): void {
    const parts = safeParts(entry.path, line, this.options);
    checkTarget(entry, line);
    this.options.onEntry?.({ ...entry, line });
    const parent = this.#enter(parts, parts.length - 1, entry.path, line);
    const path = `${parent}/${parts[parts.length - 1]}`;
    this.#destCheck?.check(parts, entry, line);
    if (entry.type === 'dir') {
      this.dirs++;
      this.#makeDir(path, entry, line);
      this.#filling.push({
        name: parts.at(-1) as string,
        path,
        mode: permissions(entry.mode ?? 0o755, this.options.keepSpecialBits),
        mtime: entry.mtime,
      });
      return;
    }
    if (entry.type === 'symlink') {
      this.symlinks++;
      this.#create(path, entry, line, () => symlinkSync(entry.target as string, path));
      if (entry.mtime !== undefined) lutimesSync(path, utimesSeconds(entry.mtime), utimesSeconds(entry.mtime));
      return;
    }
    this.files++;
    this.#path = path;
    this.#mode = permissions(entry.mode ?? 0o644, this.options.keepSpecialBits);
    // Created with its mode where the umask keeps it whole; otherwise set exactly at the end.
    const exact = (this.#mode & ~0o777) === 0 && (this.#mode & this.#umask) === 0;
    this.#fd = this.#create(path, entry, line, () => openSync(path, NEW_FILE, exact ? this.#mode : 0o600));
    this.#chmodAtEnd = !exact;
    this.#mtime = entry.mtime;
  }

  /**
   * Creates a file or symlink with `make`, which fails on any existing name (O_EXCL,
   * symlink(2)): a path given twice in the pack is replaced only with `force`, and never a
   * directory. One syscall in the common case; the lstat only when the name is taken.
   */
  #create<T>(path: string, entry: EntryHeader, line: number, make: () => T): T {
    try {
      return make();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (lstatSync(path).isDirectory() || !this.options.force) throw new PackExistsError(entry.path, line);
      unlinkSync(path);
      return make();
    }
  }

  /** Makes a directory entry's directory, or enters the one an earlier entry made. */
  #makeDir(path: string, entry: EntryHeader, line: number): void {
    try {
      mkdirSync(path, FILLING);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const staged = lstatSync(path);
      if (staged.isSymbolicLink())
        throw new UnsafePathError(entry.path, line, 'a symlink is in the way of this directory');
      if (!staged.isDirectory()) throw new PackExistsError(entry.path, line);
      chmodSync(path, FILLING);
    }
  }

  write(bytes: Buffer): void {
    this.bytes += bytes.length;
    if (this.#fd === undefined || this.options.dryRun) return;
    // Copied (the input stream may reuse its buffers) into one buffer, or written at once if big.
    if (this.#pendingSize + bytes.length > PENDING) this.#flush();
    if (bytes.length >= PENDING) this.#writeAll(bytes);
    else {
      this.#pending.set(bytes, this.#pendingSize);
      this.#pendingSize += bytes.length;
    }
  }

  end(): undefined {
    if (this.#fd === undefined) return undefined;
    this.#flush();
    if (this.#chmodAtEnd) fchmodSync(this.#fd, this.#mode);
    if (this.#mtime !== undefined) futimesSync(this.#fd, utimesSeconds(this.#mtime), utimesSeconds(this.#mtime));
    closeSync(this.#fd);
    this.#fd = undefined;
    return undefined;
  }

  abort(): void {
    if (this.#fd === undefined) return;
    closeSync(this.#fd);
    this.#fd = undefined;
    this.#pendingSize = 0;
    unlinkSync(this.#path);
  }

  /** Applies the modes of the directories still being filled; the staged tree is then complete. */
  finish(): void {
    this.#leave(0);
    if (this.wholeDest) fchmodSync(this.#root.fd, 0o777 & ~this.#umask);
  }

  /** Removes the staging directory and whatever is left in it. */
  discard(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    this.#pendingSize = 0;
    removeContents(this.#root.at);
    this.removeRoot();
  }

  /** Removes the (empty) staging directory, if the name still leads to it, and closes it. */
  removeRoot(): void {
    const now = lstatSync(this.#rootPath, { throwIfNoEntry: false });
    const ours = this.#root.identity();
    if (now?.isDirectory() && now.ino === ours.ino && now.dev === ours.dev) removeTree(this.#rootPath);
    this.#root.close();
  }

  #flush(): void {
    if (this.#pendingSize === 0) return;
    const size = this.#pendingSize;
    this.#pendingSize = 0;
    this.#writeAll(this.#pending.subarray(0, size));
  }

  #writeAll(data: Buffer): void {
    const fd = this.#fd as number;
    for (let at = 0; at < data.length; ) at += writeSync(fd, data, at);
  }

  /**
   * Makes the first `depth` of `parts` the directory being filled and returns its staged path: leaves the
   * directories not on its way (applying their modes), enters or makes the rest. Only this
   * process writes under the staging directory, so what was checked stays true.
   */
  #enter(parts: string[], depth: number, entry: string, line: number): string {
    const filling = this.#filling;
    let common = 0;
    while (common < filling.length && common < depth && filling[common]?.name === parts[common]) common++;
    this.#leave(common);
    let path = this.#stagedPath(common);
    for (let i = common; i < depth; i++) {
      const name = parts[i] as string;
      path = `${path}/${name}`;
      const st = lstatSync(path, { throwIfNoEntry: false });
      if (st?.isSymbolicLink()) throw new UnsafePathError(entry, line, `'${name}' on its way is a symlink`);
      if (st && !st.isDirectory()) throw new UnsafePathError(entry, line, `'${name}' on its way is not a directory`);
      if (st)
        chmodSync(path, FILLING); // left earlier (an unsorted pack): its mode is what it will get
      else mkdirSync(path, FILLING);
      // Left earlier, it got its mode and time then: they are kept for when it is left again.
      const mtime = st ? BigInt(Math.round(st.mtimeMs * 1000)) * 1000n : undefined;
      filling.push({ name, path, mode: st ? st.mode & 0o7777 : 0o755 & ~this.#umask, mtime });
    }
    return path;
  }

  /** Leaves the directories being filled below the first `depth`, deepest first, giving each its mode and time. */
  #leave(depth: number): void {
    while (this.#filling.length > depth) {
      const path = this.#stagedPath(this.#filling.length);
      const { mode, mtime } = this.#filling.pop() as Filling;
      chmodSync(path, mode);
      if (mtime !== undefined) utimesSync(path, utimesSeconds(mtime), utimesSeconds(mtime));
    }
  }

  #stagedPath(depth: number): string {
    return depth === 0 ? this.#root.at : (this.#filling[depth - 1] as Filling).path;
  }
}

/** The nearest ancestor of `path` that exists: where a destination yet to be made is staged. */
function existingAncestor(path: string): string {
  let dir = dirname(path);
  while (!existsSync(dir)) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return dir;
}
