// Threads and pools start the built worker scripts (dist/_thread-worker.js, dist/_pool-worker.js),
// and workers in tests import dist/: built again here so every test runs the code as it is now.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function setup(): void {
  const tsc = fileURLToPath(new URL('../../../node_modules/.bin/tsc', import.meta.url));
  execFileSync(tsc, ['-p', 'tsconfig.build.json'], { cwd: fileURLToPath(new URL('..', import.meta.url)) });
}
