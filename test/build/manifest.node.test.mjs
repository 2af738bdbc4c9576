// The committed custom-elements.json must match the JSDoc in src/elements/** (scripts/check-manifest.mjs)
// and must describe what tools and docs need from each element.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(new URL('custom-elements.json', `file://${root}`), 'utf8'));

/** The class declaration that carries `tagName`, with the module it lives in. */
function element(tag) {
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.tagName === tag) return { module, declaration };
    }
  }
  return null;
}

test('custom-elements.json is up to date with the JSDoc in src/elements', () => {
  const result = spawnSync(process.execPath, ['scripts/check-manifest.mjs'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, `${result.stderr.trim() || result.stdout.trim()}`);
});

test('each tag is declared exactly once and defined by its registration file', () => {
  const declared = manifest.modules.flatMap((module) => (module.declarations ?? []).map((d) => d.tagName).filter(Boolean));
  assert.deepEqual(declared, [...new Set(declared)], `duplicate tag declarations: ${declared.join(', ')}`);
  for (const tag of declared) {
    const definitions = manifest.modules.filter((module) =>
      (module.exports ?? []).some((entry) => entry.kind === 'custom-element-definition' && entry.name === tag),
    );
    assert.deepEqual(
      definitions.map((module) => module.path),
      [`dist/elements/${tag.replace(/^linger-/, '')}/${tag}.js`],
      `<${tag}> should be defined once, by its registration file`,
    );
  }
});

test('linger-room: attributes and events', () => {
  const found = element('linger-room');
  assert.ok(found, 'custom-elements.json declares no <linger-room>');
  const { module, declaration } = found;
  assert.equal(module.path, 'dist/elements/room/room.js', 'module path should name the published file');
  assert.ok(declaration.summary, '<linger-room> has no @summary');
  const attributes = (declaration.attributes ?? []).map((attribute) => attribute.name);
  for (const name of ['channel', 'hosts', 'app-id', 'token-url']) {
    assert.ok(attributes.includes(name), `<linger-room> attribute "${name}" missing; has: ${attributes.join(', ')}`);
  }
  const events = (declaration.events ?? []).map((event) => event.name);
  for (const name of ['linger-error', 'linger-status']) {
    assert.ok(events.includes(name), `<linger-room> event "${name}" missing; has: ${events.join(', ')}`);
  }
  const undocumented = (declaration.events ?? []).filter((event) => !event.description).map((event) => event.name);
  assert.deepEqual(undocumented, [], 'every dispatched event should be documented with @fires');
  const members = (declaration.members ?? []).map((member) => member.name);
  assert.ok(!members.includes('teardown'), 'private members should not be in the manifest');
});
