// A package's build step that replaces one file tsc wrote in dist/ with a bundle of it and all it
// imports: a worker thread or child Node process starts with an empty module cache, and Node 20
// spends about a millisecond on each ES module, so a runner of 20-30 modules starts much sooner
// as one file (find's walking thread ~60 ms -> ~35 ms; procs' child, BENCHMARKS.md @sys/procs (3)).
//
//   node ../../tooling/scripts/bundle-entry.mjs src/_child.ts dist/_child.js [--external NAME]...
//
// Run from the package's folder, as pnpm runs its scripts: paths are the package's, and esbuild is
// resolved from there, since it is each bundling package's own devDependency, not the root's.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * Bundles `entry` (relative to `dir`) into `outfile` with the esbuild `dir` depends on.
 * @param {{ dir: string, entry: string, outfile: string, external?: string[] }} options
 * @returns {Promise<void>}
 */
export async function bundleEntry({ dir, entry, outfile, external = [] }) {
  const esbuild = await import(pathToFileURL(createRequire(join(dir, 'package.json')).resolve('esbuild')).href);
  await esbuild.build({
    absWorkingDir: dir,
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    // What must still load from node_modules at run time (find's picomatch: CommonJS, for globs only).
    external,
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    options: { external: { type: 'string', multiple: true } },
    allowPositionals: true,
  });
  const [entry, outfile] = positionals;
  if (positionals.length !== 2 || !entry || !outfile) {
    console.error('usage: bundle-entry.mjs ENTRY OUTFILE [--external NAME]...');
    process.exit(2);
  }
  await bundleEntry({ dir: process.cwd(), entry, outfile, external: values.external });
}
