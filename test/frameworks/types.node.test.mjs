// Type-level tests of the framework bindings: the fixtures in .typecheck/ (and the apps in .apps/)
// must compile with `tsc -p test/frameworks/tsconfig.json`, and each `@ts-expect-error TSxxxx` line
// in them must fail for that reason: compiled again without the directives, exactly those lines
// report errors, with those codes. The root type-check must not pick the .tsx files up (no `jsx` there).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const project = path.join(root, 'test/frameworks/tsconfig.json');
const require = createRequire(import.meta.url);
const ts = require('typescript');
const tsc = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');

const DIRECTIVE = /@ts-expect-error (TS\d+)/;
const isFixture = (file) => file.includes('/test/frameworks/.typecheck/');

test('the fixtures type-check (tsc -p test/frameworks/tsconfig.json)', { timeout: 240_000 }, () => {
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', project], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stdout + result.stderr);
});

test('each @ts-expect-error line fails with its code, and no other line does', { timeout: 240_000 }, () => {
  const { config } = ts.readConfigFile(project, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(project));
  const fixtures = parsed.fileNames.filter(isFixture);
  assert.deepEqual(fixtures.map((file) => path.basename(file)).sort(), ['jsx-tags.tsx', 'react-components.tsx', 'vue-components.ts']);

  // Expected: `file:line` of the line after each directive → its code. The directive is blanked out.
  const expected = new Map();
  const stripped = new Map();
  for (const file of fixtures) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, index) => {
      const code = DIRECTIVE.exec(line)?.[1];
      if (code) expected.set(`${path.basename(file)}:${index + 2}`, code);
    });
    stripped.set(path.resolve(file), lines.map((line) => line.replace('@ts-expect-error', 'expect')).join('\n'));
  }
  assert.ok(expected.size >= 15, `expected at least 15 annotated mistakes, found ${expected.size}`);

  const host = ts.createCompilerHost(parsed.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => stripped.get(path.resolve(file)) ?? readFile(file);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host });
  const reported = new Map();
  // Only the fixtures' own diagnostics: the first test already checked the whole program.
  const diagnostics = program.getSourceFiles().filter((file) => isFixture(file.fileName)).flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]);
  for (const diagnostic of diagnostics) {
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const key = `${path.basename(diagnostic.file.fileName)}:${line + 1}`;
    reported.set(key, [...(reported.get(key) ?? []), `TS${diagnostic.code}`]);
  }
  for (const [where, code] of expected) {
    assert.deepEqual(reported.get(where), [code], `${where} should fail with ${code} only`);
  }
  assert.deepEqual([...reported.keys()].filter((where) => !expected.has(where)), [], 'errors on lines without a directive');
});

test('the root tsconfig.json does not include the .tsx fixtures', () => {
  const rootProject = path.join(root, 'tsconfig.json');
  const { config } = ts.readConfigFile(rootProject, ts.sys.readFile);
  const { fileNames } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  assert.ok(fileNames.some((file) => file.endsWith('/test/frameworks/.apps/vue-app.ts')) === false, 'the apps stay out of the root program');
  assert.ok(fileNames.some((file) => file.includes('/src/react/')), 'the root type-check covers src/react');
  assert.deepEqual(fileNames.filter((file) => /\/test\/frameworks\/\.(typecheck|apps)\//.test(file)), [], 'the root type-check would need `jsx` for these');
});
