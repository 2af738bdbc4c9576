// The collector's checks of the new event fields (docs/events.md): `replay` is optional and boolean,
// and an event with it is stored under the replay's show id; vote and topic events carry no text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkEvent, eventRow } from '../../collector/src/schema.mjs';

const limits = { now: Date.UTC(2025, 4, 2), maxFutureMs: 60_000 };
const base = { id: 'e1', type: 'heartbeat', at: Date.UTC(2025, 4, 1), show: 'spring', viewerId: 'v-1', sessionId: 's-1', locale: 'en', props: { seconds: 15 } };

test('replay: absent or true is accepted; anything else is refused', () => {
  assert.equal(checkEvent(base, limits), null, 'a live event (no flag)');
  assert.equal(checkEvent({ ...base, replay: true }, limits), null);
  assert.match(String(checkEvent({ ...base, replay: 'yes' }, limits)), /replay/);
  assert.match(String(checkEvent({ ...base, replay: 1 }, limits)), /replay/);
});

test('an event with replay: true is stored under <show>:replay, once', () => {
  assert.equal(eventRow(base).show, 'spring');
  assert.equal(eventRow({ ...base, replay: true }).show, 'spring:replay');
  assert.equal(eventRow({ ...base, show: 'spring:replay', replay: true }).show, 'spring:replay');
});

test('vote_cast, topic_answer and tier_verified: ids and numbers in their columns, ranges checked', () => {
  const vote = { ...base, type: 'vote_cast', props: { vote: 'v1', choice: 2 } };
  assert.equal(checkEvent(vote, limits), null);
  assert.deepEqual([eventRow(vote).ref, eventRow(vote).num], ['v1', 2]);
  assert.match(String(checkEvent({ ...vote, props: { vote: 'v1', choice: 6 } }, limits)), /from 0 to 5/);
  const answer = { ...base, type: 'topic_answer', props: { topic: 't1', length: 12, text: 'never stored' } };
  assert.equal(checkEvent(answer, limits), null);
  assert.ok(!JSON.stringify(eventRow(answer)).includes('never stored'), 'props outside the schema are not stored');
  const tier = { ...base, type: 'tier_verified', props: { tier: 'gold' } };
  assert.equal(eventRow(tier).ref, 'gold');
  const result = { ...base, type: 'timeline', props: { kind: 'vote_result', ref: 'v1', option: 1, votes: 40, label: 'Coral' } };
  assert.equal(checkEvent(result, limits), null);
  assert.deepEqual([eventRow(result).num, eventRow(result).seconds, eventRow(result).label], [1, 40, 'Coral']);
});
