// Runs a package README's ```ts blocks as real programs, so a README cannot show code that fails.
import { existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runBlockIn } from './blocks.js';
import { tempDir } from './temp-dirs.js';

export { expectedOutput, NO_RUN, outputMismatch, readmeBlocks } from './blocks.js';

/**
 * Runs one block as its own Node process (TypeScript through tsx) in a fresh temp folder
 * where the package, and what it depends on, resolve by name as if installed there.
 * Rejects with the block's stderr when it exits non-zero, dies by a signal or times out.
 * @param {import('./readme-blocks.js').ReadmeBlock} block
 * @param {import('./readme-blocks.js').RunOptions} [options]
 * @returns {Promise<import('./readme-blocks.js').BlockRun>}
 */
export async function runReadmeBlock(block, options = {}) {
  const packageDir = options.packageDir ?? dirname(block.readme);
  const dir = tempDir('sys-readme-');
  linkPackage(dir, packageDir);
  await options.setup?.(dir);
  return runBlockIn(block, dir, options);
}

/**
 * node_modules/<name> -> the package folder, and links to its runtime dependencies, the way
 * an install would place them (a link, not a copy: the package is tested as built, dist/).
 * @param {string} dir @param {string} packageDir
 */
function linkPackage(dir, packageDir) {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const link = (/** @type {string} */ name, /** @type {string} */ target) => {
    const at = join(dir, 'node_modules', name);
    mkdirSync(dirname(at), { recursive: true });
    symlinkSync(target, at, 'dir');
  };
  link(manifest.name, realpathSync(packageDir));
  const needs = { ...manifest.peerDependencies, ...manifest.dependencies };
  for (const name of Object.keys(needs)) {
    const installed = join(packageDir, 'node_modules', name);
    // Not installed yet: the block's import fails and says which package is missing.
    if (existsSync(installed)) link(name, realpathSync(installed));
  }
}
