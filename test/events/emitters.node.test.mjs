// Every event type in the table (src/events/types.ts) has an emitter in src/: a `track('<type>'`,
// `emit('<type>'` or `report('<type>'` call. A type nobody emits is a promise the docs make and the
// product does not keep; this test fails until it is emitted or removed from the table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');
const table = readFileSync(join(root, 'src/events/types.ts'), 'utf8');
const body = /export const EVENT_PROPS = \{([\s\S]*?)\n\} as const/.exec(table)?.[1] ?? '';
const types = [...body.matchAll(/^ {2}([a-z_]+): /gm)].map((match) => match[1]);

const sources = readdirSync(join(root, 'src'), { recursive: true })
  .filter((file) => String(file).endsWith('.ts') && !String(file).startsWith('react'))
  .map((file) => readFileSync(join(root, 'src', String(file)), 'utf8'))
  .join('\n');

test('the event table lists the types this test checks', () => {
  assert.ok(types.length >= 15, `found ${types.length} event types in src/events/types.ts`);
  for (const expected of ['chat', 'product_view', 'share', 'timeline']) assert.ok(types.includes(expected), expected);
});

test('every event type in the table has an emitter in src/', () => {
  const silent = types.filter((type) => !new RegExp(`(track|emit|report)\\('${type}'`).test(sources));
  assert.deepEqual(silent, [], `event types nobody emits: ${silent.join(', ')}`);
});
