// The collector validates against the event table's JSON Schema generated from src/events/types.ts:
// the committed copy (collector/src/event-contract.json) must be what the generator writes today,
// and every prop of every event type must have a column to land in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { contractFromSource } from '../../collector/scripts/contract-source.mjs';
import { checkEvent, eventRow, EVENT_TYPES, PROP_COLUMNS, propSpecs } from '../../collector/src/schema.mjs';
import { sqlString } from '../../collector/src/sql.mjs';
import { prepareEvents } from '../../collector/src/prepare.mjs';

test('collector/src/event-contract.json is generated from src/events/types.ts (run collector/scripts/generate-contract.mjs)', async () => {
  const committed = JSON.parse(readFileSync(new URL('../../collector/src/event-contract.json', import.meta.url), 'utf8'));
  assert.deepEqual(committed, await contractFromSource());
});

test('collector/src/timeline.schema.json is docs/timeline.schema.json (run collector/scripts/generate-contract.mjs)', () => {
  const read = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
  assert.deepEqual(read('../../collector/src/timeline.schema.json'), read('../../docs/timeline.schema.json'));
});

test('every prop of every event type is stored in a column', () => {
  for (const type of EVENT_TYPES) {
    for (const name of Object.keys(propSpecs().get(type).properties)) assert.ok(PROP_COLUMNS[`${type}.${name}`], `${type}.${name} has no column`);
  }
});

test('checkEvent follows the schema and the documented ranges; eventRow keeps only schema props', () => {
  const limits = { now: 1_000_000, maxFutureMs: 1000 };
  const base = { id: 'a', type: 'timeline', at: 5, show: 's', viewerId: 'v', sessionId: 'x', locale: 'en', props: { kind: 'show_live', label: 'Go' } };
  assert.equal(checkEvent(base, limits), null);
  assert.match(checkEvent({ ...base, props: { kind: 'party' } }, limits), /props.kind must be one of/);
  assert.match(checkEvent({ ...base, at: 1_001_001 }, limits), /future/);
  assert.match(checkEvent({ ...base, at: -1 }, limits), /before 1970/);
  assert.match(checkEvent({ ...base, at: Infinity }, limits), /"at" must be a number/);
  assert.match(checkEvent({ ...base, type: 'quiz_answer', props: { quiz: 'q', choice: 1.5 } }, limits), /integer/);
  assert.match(checkEvent({ ...base, type: 'like', props: {} }, limits), /missing props.count/);
  assert.match(checkEvent({ ...base, locale: 7 }, limits), /"locale" must be a string/);
  assert.equal(checkEvent({ ...base, type: 'share', props: {} }, limits), null, 'optional props may be absent');
  const row = eventRow({ ...base, type: 'chat', props: { message: 'm1', length: 4, text: 'secret', __proto__: { x: 1 } } });
  assert.deepEqual(row, { id: 'a', show: 's', type: 'chat', at: 5, viewer: 'v', session: 'x', locale: 'en', seconds: 0, ref: 'm1', num: 4, kind: '', label: '' });
});

test('sqlString escapes quotes and backslashes', () => {
  assert.equal(sqlString("a'b\\c"), "'a\\'b\\\\c'");
});

test('prepareEvents makes the rows eventRow makes, counts events per viewer and cuts what is past the retention', () => {
  const limits = { now: 10 * 86_400_000, maxFutureMs: 1000, maxBatchEvents: 3, retentionDays: 5 };
  const chat = { id: 'c', type: 'chat', at: 9 * 86_400_000, show: 's', viewerId: 'v', sessionId: 'x', locale: 'en', props: { message: 'm1', length: 4, text: 'secret' } };
  const old = { ...chat, id: 'old', at: 86_400_000 };
  const prepared = prepareEvents({ dropped: 2, events: [chat, old, { ...chat, id: 'd', viewerId: 'w' }] }, limits);
  assert.equal(prepared.ok, true);
  assert.deepEqual([prepared.total, prepared.expired, prepared.dropped, [...prepared.perViewer]], [3, 1, 2, [['v', 2], ['w', 1]]]);
  assert.deepEqual(prepared.rows[0], eventRow(chat));
  assert.deepEqual(prepared.rows.map((row) => row.id), ['c', 'd']);
  assert.equal(prepareEvents({ batch: 'x' }, limits).status, 400);
  assert.equal(prepareEvents([chat, chat, chat, chat], limits).status, 413);
  assert.deepEqual(prepareEvents([chat, { ...chat, id: 'bad', type: 'nope' }], limits).extra, { index: 1, id: 'bad' });
});
