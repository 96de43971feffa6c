// The one test layout of the repo: every package keeps its tests in test/*.test.ts.
import { defineProject } from 'vitest/config';

/**
 * Vitest project settings shared by every package and app.
 * @param {string} name the project's short name, shown in test output
 * @param {import('vitest/config').ViteUserConfig['test']} [overrides]
 */
export function sysProject(name, overrides = {}) {
  return defineProject({
    test: {
      name,
      include: ['test/**/*.test.ts'],
      // Tests start real processes, sockets and threads: give slow shared machines room.
      testTimeout: 30_000,
      hookTimeout: 30_000,
      ...overrides,
    },
  });
}
