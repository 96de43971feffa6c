// Unix socket files for a listener: mode 0600 with no moment at a looser mode and without
// touching the process's umask (which workers may not, and which other code shares), put
// in place with link(2), which fails when anything is at the path: nothing is replaced
// but a stale socket of ours (no listener behind it), and that only after a check.
import { chmodSync, linkSync, lstatSync, mkdtempSync, rmdirSync, unlinkSync } from 'node:fs';
import { createConnection, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { unixPath } from './_unix-path.js';
import { AddressInUseError } from './errors.js';

/** True when something accepts connections at `path`. */
function answers(path: string): Promise<boolean> {
  const target = unixPath(path);
  return new Promise<boolean>((resolve) => {
    const probe = createConnection(target.path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  }).finally(() => target.release());
}

function listen(server: Server, path: string, backlog: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error) => reject(error);
    server.once('error', failed);
    server.listen({ path, backlog }, () => {
      server.off('error', failed);
      resolve();
    });
  });
}

/** Links `temp` at `path`; a stale socket there is removed first, anything else is AddressInUseError. */
async function linkInPlace(temp: string, path: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      linkSync(temp, path);
      return;
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw cause;
      if (attempt > 0) throw new AddressInUseError(path, 'something was put there meanwhile', { cause });
      let seen: ReturnType<typeof lstatSync>;
      try {
        seen = lstatSync(path);
      } catch {
        continue; // gone meanwhile: try again
      }
      if (!seen.isSocket()) throw new AddressInUseError(path, 'it exists and is not a socket', { cause });
      if (await answers(path)) throw new AddressInUseError(path, 'a listener is already answering there', { cause });
      // Stale: removed only if it is still the very file that was checked.
      const now = lstatSync(path, { throwIfNoEntry: false });
      if (now && (now.ino !== seen.ino || now.dev !== seen.dev))
        throw new AddressInUseError(path, 'something was put there meanwhile', { cause });
      if (now) unlinkSync(path);
    }
  }
}

/** A bound socket file: its inode (to remove only our own file) and what to release at close. */
export interface BoundSocket {
  ino: number;
  /** Removes the socket file if it is still ours, and closes any descriptor held for it. */
  release(): void;
}

/**
 * Binds `server` at `path`, mode 0600. It binds in a fresh 0700 folder beside `path` (so no
 * one else can reach it there), sets the mode, links it at `path` and removes the folder.
 * A folder path too long for sun_path is reached through its descriptor (Linux), which is
 * held until `release()`: the server removes its bound name at close, and that name must
 * still mean the same (by then empty) folder.
 */
export async function bindUnix(server: Server, path: string, backlog: number): Promise<BoundSocket> {
  // Checked first, so that a path that cannot work leaves nothing made and nothing open.
  unixPath(path).release();
  const privateDir = mkdtempSync(join(dirname(path), '.sys-ipc-'));
  const temp = join(privateDir, 's');
  const bindPath = unixPath(temp);
  let bound = false;
  try {
    await listen(server, bindPath.path, backlog);
    bound = true;
    chmodSync(temp, 0o600);
    await linkInPlace(temp, path);
  } catch (error) {
    if (bound) server.close();
    bindPath.release();
    throw error;
  } finally {
    try {
      unlinkSync(temp);
    } catch {}
    try {
      rmdirSync(privateDir);
    } catch {}
  }
  const ino = lstatSync(path).ino;
  return {
    ino,
    release() {
      unlinkOwn(path, ino);
      bindPath.release();
    },
  };
}

/** Removes the socket file at `path` if it is still the one we bound (same inode). */
export function unlinkOwn(path: string, ino: number): void {
  try {
    if (lstatSync(path).ino === ino) unlinkSync(path);
  } catch {}
}
