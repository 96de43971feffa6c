import { closeSync, constants, fstatSync, openSync, readlinkSync, statSync } from 'node:fs';

const { O_DIRECTORY, O_NOFOLLOW, O_RDONLY } = constants;

/** Whether `/proc/self/fd/N` reaches the open directory itself; learnt at the first open. */
let viaProc: boolean | undefined;
/**
 * `/proc/self`, or `/proc/PID` when that names this process in the /proc mounted: the
 * kernel looks `self` up again at every open (a link to follow), which cost about a
 * microsecond per file unpacked. Learnt at the first open.
 */
let procSelf: string | undefined;

/**
 * An open directory and a path that reaches exactly it. On Linux the path goes through
 * `/proc/self/fd/N`, so a name joined to it is looked up in this very directory however
 * its ancestors are renamed or swapped for symlinks meanwhile — Node's stand-in for
 * openat(2). Elsewhere it is the directory's path, resolved again at every use.
 */
export class OpenDir {
  private constructor(
    readonly fd: number,
    readonly at: string,
  ) {}

  /** Opens `path` as a directory; with `follow` false a symlink at its last part is refused (ENOTDIR/ELOOP). */
  static open(path: string, follow: boolean): OpenDir {
    const fd = openSync(path, O_RDONLY | O_DIRECTORY | (follow ? 0 : O_NOFOLLOW));
    try {
      viaProc ??= sameFile(fd, `/proc/self/fd/${fd}`);
      procSelf ??= viaProc ? ownProcDir() : '/proc/self';
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    return new OpenDir(fd, viaProc ? `${procSelf}/fd/${fd}` : path);
  }

  /** Inode and device, to recognise this directory under another name. */
  identity(): { dev: number; ino: number } {
    const { dev, ino } = fstatSync(this.fd);
    return { dev, ino };
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** True when writes under an OpenDir cannot be redirected by a concurrent writer (Linux). */
export function raceFree(): boolean {
  return viaProc === true;
}

/** `/proc/PID` if /proc's own name for this process is our pid (not so in another pid namespace's /proc). */
function ownProcDir(): string {
  const own = readlinkSync('/proc/self');
  return own === String(process.pid) ? `/proc/${own}` : '/proc/self';
}

function sameFile(fd: number, path: string): boolean {
  const a = fstatSync(fd);
  const b = statSync(path, { throwIfNoEntry: false });
  return b !== undefined && a.ino === b.ino && a.dev === b.dev;
}
