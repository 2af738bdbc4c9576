// Counts browser test results (nested suites included; a file that failed to load counts as one
// failure). Prints "browser: N passed, N failed, N skipped" on exit — printing in stop() is painted
// over by the live terminal (TOOLCHAIN.md pitfall 5) — and, when LINGER_COUNTS_FILE is set, writes
// the totals there so scripts/test.mjs can print one closing line for the whole suite.
import { writeFileSync } from 'node:fs';

export function countReporter() {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const count = (suite) => {
    for (const test of suite.tests ?? []) {
      if (test.skipped) totals.skipped++;
      else if (test.passed) totals.passed++;
      else totals.failed++;
    }
    for (const child of suite.suites ?? []) count(child);
  };
  return {
    onTestRunFinished({ sessions }) {
      for (const session of sessions) {
        if (session.testResults) count(session.testResults);
        if ((session.errors?.length ?? 0) > 0 || (!session.passed && !session.testResults)) totals.failed++;
      }
      if (process.env.LINGER_COUNTS_FILE) writeFileSync(process.env.LINGER_COUNTS_FILE, JSON.stringify(totals));
      const line = `browser: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
      process.on('exit', () => process.stdout.write(`\n${line}\n`));
    },
  };
}
