// Replaces dist/_child.js, as tsc wrote it, with one bundled file: every Process and Pool
// worker starts a fresh Node that imports its runner, and Node 20 spends about a millisecond
// or more on each ES module. The runner and the parts of @sys/core it uses are ~30 modules;
// as one file of ~10 kB the child is ready sooner (BENCHMARKS.md, @sys/procs (3)).
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const procs = fileURLToPath(new URL('..', import.meta.url));

/** Bundles src/_child.ts and what it imports into dist/_child.js. */
export async function bundleChild(): Promise<void> {
  await build({
    absWorkingDir: procs,
    entryPoints: ['src/_child.ts'],
    outfile: 'dist/_child.js',
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleChild();
