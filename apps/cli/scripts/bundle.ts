// Bundles the built CLI (dist/, and the @sys packages it imports) into bundle/, which bin/sys.js
// runs: Node 20 spends about a millisecond on each ES module it loads, and `sys find` loaded 47
// of them before its first readdir. Each command stays a chunk of its own, loaded on demand.
// bundle/ sits beside dist/ so that '../package.json' means the same from both.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const cli = fileURLToPath(new URL('..', import.meta.url));

/** Rebuilds bundle/ from dist/ and the packages' own dist/ folders as they are now. */
export async function bundle(): Promise<void> {
  rmSync(`${cli}bundle`, { recursive: true, force: true });
  await build({
    absWorkingDir: cli,
    // @sys/find starts its walking thread from the file beside its own code: in the bundle, here.
    entryPoints: { sys: 'dist/main.js', '_find-worker': 'node_modules/@sys/find/dist/_find-worker.js' },
    outdir: 'bundle',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    // picomatch is required at run time (a CommonJS module, loaded only for --glob), and
    // @sys/procs finds its child runner next to its own files: both load from node_modules.
    external: ['picomatch', '@sys/procs'],
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundle();
