// Each element's locale loader map is generated (scripts/locale-loaders.mjs): this fails when one
// was edited by hand or a language was added without regenerating.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { expected } from '../../scripts/locale-loaders.mjs';

test('every element locale loader map is what scripts/locale-loaders.mjs writes', () => {
  const files = expected();
  assert.ok(files.size >= 9, `found ${files.size} element locale folders`);
  for (const [file, source] of files) {
    assert.ok(existsSync(file), `${path.relative(process.cwd(), file)} missing: run node scripts/locale-loaders.mjs`);
    assert.equal(readFileSync(file, 'utf8'), source, `${path.relative(process.cwd(), file)} is out of date: run node scripts/locale-loaders.mjs`);
  }
});
