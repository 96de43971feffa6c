// Unix socket files for a listener: made mode 0600 with no moment at a looser mode, a stale
// file (no listener behind it) replaced, a live one or a non-socket refused.
import { chmodSync, lstatSync, mkdtempSync, renameSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { createConnection, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { AddressInUseError } from './errors.js';

/** Longest Unix socket path Linux and macOS take (sun_path less its NUL). */
const MAX_PATH = 103;

/** True when something accepts connections at `path`. */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createConnection(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

/** Refuses a live socket or a non-socket at `path`; says whether a stale socket is there. */
async function checkFree(path: string): Promise<void> {
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(path);
  } catch {
    return;
  }
  if (!stat.isSocket()) throw new AddressInUseError(path, 'exists and is not a socket');
  if (await answers(path)) throw new AddressInUseError(path, 'a listener is already answering there');
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

/**
 * Binds `server` at `path`, mode 0600. It binds in a fresh 0700 folder beside `path`, sets
 * the mode, then renames the socket into place (which also replaces a stale one), so no
 * other user ever sees it at a looser mode. Returns the inode, to remove only our own file.
 */
export async function bindUnix(server: Server, path: string, backlog: number): Promise<number> {
  await checkFree(path);
  const dir = dirname(path);
  const probe = join(dir, '.sys-ipc-XXXXXX', 's');
  if (probe.length > MAX_PATH) {
    // No room for the private folder in sun_path: bind in place under a tight umask.
    try {
      unlinkSync(path);
    } catch {}
    const old = process.umask(0o177);
    try {
      await listen(server, path, backlog);
    } finally {
      process.umask(old);
    }
    return statSync(path).ino;
  }
  const privateDir = mkdtempSync(join(dir, '.sys-ipc-'));
  const temp = join(privateDir, 's');
  try {
    await listen(server, temp, backlog);
    chmodSync(temp, 0o600);
    renameSync(temp, path);
  } finally {
    try {
      unlinkSync(temp);
    } catch {}
    try {
      rmdirSync(privateDir);
    } catch {}
  }
  return statSync(path).ino;
}

/** Removes the socket file at `path` if it is still the one we bound (same inode). */
export function unlinkOwn(path: string, ino: number): void {
  try {
    if (lstatSync(path).ino === ino) unlinkSync(path);
  } catch {}
}
