import { defineConfig } from 'vitest/config';
import SummaryReporter from './tooling/config/summary-reporter.js';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tooling/bench'],
    reporters: ['default', new SummaryReporter()],
  },
});
