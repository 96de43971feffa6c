/**
 * Prints one closing line, `tests: N passed, N failed, N skipped`, after the default reporter,
 * so a log reader (CI) finds the verdict on the last line whatever the layout above it.
 * @type {import('vitest/node').Reporter}
 */
export default class SummaryReporter {
  /** @param {ReadonlyArray<import('vitest/node').TestModule>} modules */
  onTestRunEnd(modules) {
    const counts = { passed: 0, failed: 0, skipped: 0, pending: 0 };
    for (const mod of modules) {
      for (const test of mod.children.allTests()) counts[test.result().state] += 1;
      // A file that fails to load has no tests but must still count against the run.
      if (mod.state() === 'failed' && mod.children.size === 0) counts.failed += 1;
    }
    process.stdout.write(
      `\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped + counts.pending} skipped\n`,
    );
  }
}
