// Temp folders for tests that touch the real filesystem, removed when the test file ends.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** @type {string[]} */
const made = [];
let hooked = false;

/**
 * A fresh folder under the system temp folder, removed (with `rm -rf`: Node's rmSync
 * recurses and overflows on very deep trees) after the current test file.
 * @param {string} prefix
 * @returns {string}
 */
export function tempDir(prefix = 'sys-test-') {
  if (!hooked) {
    hooked = true;
    afterAll(() => {
      for (const dir of made.splice(0)) execFileSync('rm', ['-rf', dir]);
    });
  }
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
