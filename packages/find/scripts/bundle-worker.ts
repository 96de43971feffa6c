// Replaces dist/_find-worker.js, as tsc wrote it, with one bundled file: a worker thread starts
// with an empty module cache, and Node 20 spends about a millisecond on each ES module, so the
// ~20 modules it would import cost more than half of its start-up (~60 ms -> ~35 ms here).
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const find = fileURLToPath(new URL('..', import.meta.url));

/** Bundles src/_find-worker.ts and what it imports into dist/_find-worker.js. */
export async function bundleWorker(): Promise<void> {
  await build({
    absWorkingDir: find,
    entryPoints: ['src/_find-worker.ts'],
    outfile: 'dist/_find-worker.js',
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    // Required at run time from node_modules, and only for glob patterns.
    external: ['picomatch'],
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleWorker();
