// The one way the repo tests built code. Tests test what is published, dist/: they import
// `../dist/...`, and the workers, child processes and README blocks they start load the same
// files. Before a project's tests start, this globalSetup (every sysProject has it) has turbo
// build the package and what it depends on (cached: ~0.1 s when nothing changed), so
// `pnpm --filter @sys/x test` and `vitest run` from the root never see a stale dist/.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const turbo = join(repo, 'node_modules', '.bin', 'turbo');
// One build at a time, though every project of a root run calls this: two turbo runs building
// the same package at once would write the same dist/ files together.
const QUEUE = Symbol.for('sys.builtFirst');
const shared = /** @type {Record<symbol, Promise<void> | undefined>} */ (/** @type {unknown} */ (globalThis));

/**
 * Builds the project's package (and its dependencies) with turbo; rejects with turbo's output
 * when the build fails, so no test runs against old code.
 * @param {{ config: { root: string } }} project
 */
export async function setup(project) {
  const { name } = JSON.parse(readFileSync(join(project.config.root, 'package.json'), 'utf8'));
  const run = (shared[QUEUE] ?? Promise.resolve()).then(() => build(name));
  shared[QUEUE] = run.catch(() => {});
  await run;
}

/** @param {string} name @returns {Promise<void>} */
function build(name) {
  const args = ['run', 'build', `--filter=${name}`, '--output-logs=errors-only'];
  return new Promise((resolve, reject) => {
    execFile(turbo, args, { cwd: repo, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`turbo could not build ${name} before its tests:\n${stdout}${stderr}`));
      else resolve();
    });
  });
}
