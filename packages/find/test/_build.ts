// find's worker thread runs the built dist/_find-worker.js, also when the tests import src/:
// built again here so the worker the tests start is the code as it is now.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bundleWorker } from '../scripts/bundle-worker.js';

export async function setup(): Promise<void> {
  const tsc = fileURLToPath(new URL('../../../node_modules/.bin/tsc', import.meta.url));
  execFileSync(tsc, ['-p', 'tsconfig.build.json'], { cwd: fileURLToPath(new URL('..', import.meta.url)) });
  await bundleWorker();
}
