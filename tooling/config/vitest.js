// The one test layout of the repo: every package keeps its tests in test/*.test.ts, and they
// test the built code (see built.js).
import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const builtFirst = fileURLToPath(new URL('./built.js', import.meta.url));

/**
 * Vitest project settings shared by every package and app. Before the project's tests start,
 * turbo builds the package and what it depends on (built.js), then any `globalSetup` of its own runs.
 * @param {string} name the project's short name, shown in test output
 * @param {import('vitest/config').ViteUserConfig['test']} [overrides]
 */
export function sysProject(name, overrides = {}) {
  const { globalSetup = [], ...test } = overrides;
  return defineProject({
    test: {
      name,
      include: ['test/**/*.test.ts'],
      // Tests start real processes, sockets and threads: give slow shared machines room.
      testTimeout: 30_000,
      hookTimeout: 30_000,
      globalSetup: [builtFirst, ...(Array.isArray(globalSetup) ? globalSetup : [globalSetup])],
      ...test,
    },
  });
}
