// Counts browser test results (nested suites included; a file that failed to load counts as one
// failure) and names each failure with its first error line. Prints on exit — printing in stop() is
// painted over by web-test-runner's live terminal — and, when LINGER_COUNTS_FILE is set, writes the
// totals and failures there so scripts/test.mjs can repeat them in the suite's closing lines (a CI
// log that keeps only its tail still says what failed).
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

const firstLine = (error) => String(error?.message ?? error ?? '').split('\n')[0].slice(0, 300);

export function countReporter() {
  const totals = { passed: 0, failed: 0, skipped: 0, failures: [] };
  const count = (suite, file, path) => {
    for (const test of suite.tests ?? []) {
      if (test.skipped) totals.skipped++;
      else if (test.passed) totals.passed++;
      else {
        totals.failed++;
        totals.failures.push(`${file} › ${[...path, test.name].join(' › ')}: ${firstLine(test.error)}`);
      }
    }
    for (const child of suite.suites ?? []) count(child, file, [...path, child.name]);
  };
  return {
    onTestRunFinished({ sessions }) {
      for (const session of sessions) {
        const file = relative(process.cwd(), session.testFile);
        if (session.testResults) count(session.testResults, file, []);
        if ((session.errors?.length ?? 0) > 0 || (!session.passed && !session.testResults)) {
          totals.failed++;
          totals.failures.push(`${file}: ${firstLine(session.errors?.[0]) || 'did not run'}`);
        }
      }
      if (process.env.LINGER_COUNTS_FILE) writeFileSync(process.env.LINGER_COUNTS_FILE, JSON.stringify(totals));
      const lines = [`browser: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`, ...totals.failures.map((f) => `  ✗ ${f}`)];
      process.on('exit', () => process.stdout.write(`\n${lines.join('\n')}\n`));
    },
  };
}
