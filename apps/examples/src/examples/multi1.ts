// Process basics: a function run in child processes, printing pids under a cross-process lock (multi1).
import { closeSync, openSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Process } from '@sys/procs';

/** A lock between processes: whoever creates the lock file (O_EXCL) holds it. */
function withLock(path: string, action: () => void): void {
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      closeSync(openSync(path, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      Atomics.wait(nap, 0, 0, 2); // someone else holds it: wait a little
    }
  }
  try {
    action();
  } finally {
    unlinkSync(path);
  }
}

/** Runs in the parent and in each child. */
export function whoami(label: string, lock: string): void {
  withLock(lock, () => console.log(`${label}: name:${isMain ? '__main__' : 'child'}, pid:${process.pid}`));
}

// Python's `if __name__ == '__main__'`: the children import this module too.
const isMain = import.meta.url === pathToFileURL(process.argv[1] ?? '').href;
if (isMain) {
  const lock = join(tmpdir(), `multi1-${process.pid}.lock`);
  whoami('function call', lock);

  const p = new Process({ module: import.meta.url, export: 'whoami', args: ['spawned child', lock] });
  p.start();
  await p.join();

  const others = Array.from({ length: 5 }, (_, i) =>
    new Process({ module: import.meta.url, export: 'whoami', args: [`run process ${i}`, lock] }).start(),
  );
  withLock(lock, () => console.log('Main process exit.'));
  await Promise.all(others.map((o) => o.join()));
}
