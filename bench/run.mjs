// npm run bench [-- NAME…]: runs every bench in bench/:
//   NAME.ts          bundled with esbuild, run in Node;
//   NAME.browser.ts  bundled for the browser, run in headless Chromium (bench/browser.mjs);
//   NAME.mjs         run in Node as is.
// Each bench's default export returns {figures, targets, direction} (direction[metric] = 'min' when
// the target is a floor, else it is a ceiling); this prints a table and writes
// bench/results/NAME.json as {"name", "figures", "targets", "pass"}. Exits 1 when a target is missed.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

process.env.NODE_ENV ??= 'production';
const here = resolve(import.meta.dirname);
const available = readdirSync(here)
  .filter((file) => /\.(ts|mjs)$/.test(file) && !['run.mjs', 'browser.mjs'].includes(file) && !file.startsWith('_'))
  .map((file) => ({ name: file.replace(/(\.browser)?\.(ts|mjs)$/, ''), file }));
const wanted = process.argv.slice(2);
const selected = wanted.length ? available.filter((bench) => wanted.includes(bench.name)) : available;
for (const name of wanted) if (!available.some((bench) => bench.name === name)) {
  console.error(`No bench named "${name}". Available: ${available.map((bench) => bench.name).join(', ')}`);
  process.exit(2);
}

mkdirSync(join(here, 'results'), { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), 'linger-bench-'));
let allPass = true;

for (const { name, file } of selected) {
  let modulePath = join(here, file);
  let run;
  if (file.endsWith('.browser.ts')) {
    const { runInBrowser } = await import('./browser.mjs');
    run = () => runInBrowser(join(here, file));
  } else if (file.endsWith('.ts')) {
    modulePath = join(scratch, `${name}.mjs`);
    await build({ entryPoints: [join(here, file)], bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile: modulePath, tsconfig: join(here, '..', 'tsconfig.json'), logLevel: 'error', define: { 'process.env.NODE_ENV': '"production"' } });
  }
  run ??= (await import(pathToFileURL(modulePath).href)).default;
  console.log(`\n▶ bench/${name}`);
  const result = await run();
  const { figures, targets = {}, direction = {} } = result;
  const misses = Object.entries(targets).filter(([metric, target]) => {
    const value = figures[metric];
    const higherIsBetter = direction[metric] === 'min';
    return typeof value !== 'number' || (higherIsBetter ? value < target : value > target);
  });
  const pass = misses.length === 0;
  allPass &&= pass;
  const rows = Object.entries(figures).map(([metric, value]) => ({
    metric,
    value,
    target: metric in targets ? `${direction[metric] === 'min' ? '≥' : '≤'} ${targets[metric]}` : '',
    ok: metric in targets ? (misses.some(([m]) => m === metric) ? 'MISS' : 'ok') : '',
  }));
  console.table(rows);
  writeFileSync(join(here, 'results', `${name}.json`), JSON.stringify({ name, figures, targets, pass, ...(result.curve ? { curve: result.curve } : {}) }, null, 2) + '\n');
  console.log(`${pass ? 'pass' : 'FAIL'} → bench/results/${name}.json`);
}
process.exit(allPass ? 0 : 1);
