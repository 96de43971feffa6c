// Temp folders for tests that touch the real filesystem, removed when the test file ends.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** @type {string[]} */
const made = [];

function removeMade() {
  for (const dir of made.splice(0)) {
    execFileSync('rm', ['-rf', dir]);
    left.delete(dir);
  }
}

// Registered while the test file is collected: vitest ignores an afterAll first called
// inside a running test, which is where most callers ask for their folder.
afterAll(removeMade);

// The net under it, for a worker that ends without running the hook: one exit listener per
// process, though this module is evaluated again for every test file a worker runs.
const KEY = Symbol.for('sys.tempDirs');
const shared = /** @type {Record<symbol, Set<string> | undefined>} */ (/** @type {unknown} */ (globalThis));
const left = shared[KEY] ?? new Set();
if (shared[KEY] === undefined) {
  shared[KEY] = left;
  process.once('exit', () => {
    for (const dir of left) execFileSync('rm', ['-rf', dir]);
  });
}

/**
 * A fresh folder under the system temp folder, removed (with `rm -rf`: Node's rmSync
 * recurses and overflows on very deep trees) after the current test file.
 * @param {string} prefix
 * @returns {string}
 */
export function tempDir(prefix = 'sys-test-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  left.add(dir);
  return dir;
}
