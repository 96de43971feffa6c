import { readdir, unlink } from 'node:fs/promises';
import { type FsPath, joinName, nameText, parentOf } from './fs-path.js';
import { processAlive as alive } from './process-alive.js';

/** Bytes of the final name kept in a temp name: enough to recognise it, short enough for any name. */
const STEM_BYTES = 32;
/** `.STEM.PID-RUN-N.sys-tmp`; the stem may hold anything a name can, newlines included. */
const TEMP = /^\..*\.(\d+)-[0-9a-f]{8}-[0-9a-z]+\.sys-tmp$/s;
/** Random once per process: with the pid and a counter it makes names unique without a syscall each. */
let run: string | undefined;

/** Made at the first temp name: loading node:crypto costs start-up time that most runs never need. */
function runId(): string {
  run ??= process.getBuiltinModule('node:crypto').randomBytes(4).toString('hex');
  return run;
}
let made = 0;

/** The first `max` bytes of `name`, cut between characters, never inside one. */
function head(name: string, max: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of name) {
    bytes += Buffer.byteLength(char);
    if (bytes > max) break;
    end += char.length;
  }
  return name.slice(0, end);
}

export function tempPathFor(target: string): string;
export function tempPathFor(target: Buffer): Buffer;
export function tempPathFor(target: FsPath): FsPath;
/**
 * A fresh temp path beside `target`, carrying this process's pid. At most about 64 bytes
 * whatever the target's name, so a name of 255 bytes still has room for its temp file.
 * A target given as bytes gets a path as bytes; its temp's own name is always valid UTF-8
 * (bytes that are not show as U+FFFD in the stem), so any cleaner can name it as text.
 */
export function tempPathFor(target: FsPath): FsPath {
  const stem = head(nameText(target), STEM_BYTES);
  return joinName(parentOf(target), `.${stem}.${process.pid}-${runId()}-${(made++).toString(36)}.sys-tmp`);
}

/** True for the name of an `atomicWrite` temp file, of a live process (a write in flight) or not. */
export function isTempName(name: string): boolean {
  return TEMP.test(name);
}

/** True for the name of a temp file that `atomicWrite` left when its process was killed. */
export function isStaleTemp(name: string): boolean {
  const m = TEMP.exec(name);
  return m !== null && !alive(Number(m[1]));
}

/**
 * Removes from `dir` (text or bytes) the temp files of `atomicWrite` runs whose process is
 * gone (killed mid-write); files of running processes stay. Resolves to how many it removed;
 * a missing or unreadable `dir` removes nothing.
 */
export async function removeStaleTemps(dir: FsPath): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!isStaleTemp(name)) continue;
    // Another cleaner may have been first: that is as good.
    if (
      await unlink(joinName(dir, name)).then(
        () => true,
        () => false,
      )
    )
      removed++;
  }
  return removed;
}
