// The analytics are pure: the same worked example computes the same figures in Node (no DOM).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';

test('analytics run in Node and match the worked example', async () => {
  const result = await build({
    stdin: { contents: "export * from './src/analytics/index.ts'; export * from './test/analytics/worked-example.ts';", resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'error',
  });
  const module = await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
  const metrics = module.computeMetrics(module.workedExample);
  for (const key of ['viewers', 'sessions', 'watchSeconds', 'avgWatchPerViewer', 'avgWatchPerSession', 'interactionRate', 'returnRate']) {
    assert.equal(metrics[key], module.expected[key], key);
  }
  assert.deepEqual(metrics.curve.active, module.expected.curve.active);
  assert.deepEqual(metrics.drops.map((d) => d.minute), [2]);
});
