// The whole suite: type-check, lint, browser tests (web-test-runner, real Chromium), Node tests
// (demo server, manifest freshness). Ends with one plain "N passed, N failed, N skipped" line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } }).status ?? 1;

const extraArgs = process.argv.slice(2);
let exitCode = 0;

for (const [label, args] of [
  ['type-check', ['tsc', '--noEmit']],
  ['lint', ['eslint', '--max-warnings', '0', 'src', 'test', 'demo', 'bench']],
]) {
  if (run('npx', args) !== 0) {
    console.error(`[linger] ${label} failed`);
    totals.failed++;
    failures.push(label);
    exitCode = 1;
  }
}

const countsFile = join(mkdtempSync(join(tmpdir(), 'linger-')), 'counts.json');
const browserStatus = run('npx', ['web-test-runner', ...extraArgs], { LINGER_COUNTS_FILE: countsFile });
if (existsSync(countsFile)) {
  const browser = JSON.parse(readFileSync(countsFile, 'utf8'));
  for (const key of Object.keys(totals)) totals[key] += browser[key];
  failures.push(...browser.failures);
} else {
  totals.failed++;
  failures.push('web-test-runner ended without results');
}
if (browserStatus !== 0) exitCode = 1;

const nodeTests = readdirSync('test', { recursive: true })
  .filter((file) => String(file).endsWith('.node.test.mjs'))
  .map((file) => join('test', String(file)))
  .sort();
if (nodeTests.length > 0 && extraArgs.length === 0) {
  // One file at a time, in name order, on any core count: several files build dist/ and then read it.
  const result = spawnSync('node', ['--test', '--test-concurrency=1', '--test-force-exit', '--test-timeout=240000', '--test-reporter=tap', ...nodeTests], { encoding: 'utf8' });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  const read = (name) => Number(new RegExp(`^# ${name} (\\d+)`, 'm').exec(result.stdout)?.[1] ?? 0);
  totals.passed += read('pass');
  totals.failed += read('fail') + read('cancelled');
  totals.skipped += read('skipped') + read('todo');
  // A `todo` test reports "not ok … # TODO": counted apart (skipped), never as a failure.
  for (const [, name] of result.stdout.matchAll(/^\s*not ok \d+ - (.*)$/gm)) if (!/ # (TODO|SKIP)\b/.test(name)) failures.push(`node › ${name}`);
  if (result.status !== 0) {
    exitCode = 1;
    if (read('fail') === 0) {
      totals.failed++;
      failures.push(`node tests exited with ${result.status}`);
    }
  }
}

for (const failure of failures) console.log(`✗ ${failure}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode || (totals.failed > 0 ? 1 : 0));
