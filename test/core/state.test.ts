import { expect } from '@open-wc/testing';
import { initialState, reduce, toSnapshot, CHAT_BUFFER, RECENT_IDS } from '../../src/core/state.js';
import type { Inbound } from '../../src/core/protocol.js';

let counter = 0;
const viewer = (type: string, body: object, sender = 'viewer-1', id = `m${++counter}`) =>
  ({ v: 1, type, id, at: 1, body, sender, fromHost: false, direct: false }) as Inbound;
const host = (type: string, body: object, seq: number, ep = 'ep1') =>
  ({ v: 1, type, id: `h${seq}-${ep}`, at: 1, seq, ep, body, sender: 'host-1', fromHost: true, direct: false }) as Inbound;
const snapshot = (seq: number, ep = 'ep1') =>
  host('snapshot', { state: toSnapshot(initialState()) }, seq, ep);

describe('state: reduce', () => {
  it('is idempotent on message id (viewer messages)', () => {
    const chat = viewer('chat', { text: 'hello' });
    const once = reduce(initialState(), chat);
    const twice = reduce(once, chat);
    expect(twice, 'same object back for a duplicate').to.equal(once);
    expect(twice.chat.length, 'one line').to.equal(1);
  });

  it('is idempotent on host sequence and applies host messages in order only', () => {
    let state = reduce(initialState(), snapshot(0));
    const first = host('announce', { text: 'one' }, 1);
    const third = host('announce', { text: 'three' }, 3);
    state = reduce(state, third);
    expect(state.announcement, 'early message (gap) waits').to.equal(null);
    state = reduce(state, first);
    expect(state.announcement?.text, 'next in sequence applies').to.equal('one');
    const again = reduce(state, first);
    expect(again, 'duplicate host message is a no-op').to.equal(state);
  });

  it('keeps chat bounded and honours moderation', () => {
    let state = reduce(initialState(), snapshot(0));
    for (let i = 0; i < CHAT_BUFFER + 50; i++) state = reduce(state, viewer('chat', { text: `line ${i}` }, `v${i % 3}`));
    expect(state.chat.length, 'chat capped').to.equal(CHAT_BUFFER);
    expect(state.recentIds.length, 'ids capped').to.be.at.most(RECENT_IDS);
    const victim = state.chat[state.chat.length - 1]!;
    state = reduce(state, host('moderate', { deleteIds: [victim.id], mute: ['v0'], blockWords: ['SPAM'] }, 1));
    expect(state.chat.some((line) => line.id === victim.id), 'deleted line gone').to.equal(false);
    expect(state.chat.some((line) => line.from === 'v0'), 'muted viewer gone').to.equal(false);
    const muted = reduce(state, viewer('chat', { text: 'still here' }, 'v0'));
    expect(muted.chat.length, 'muted viewer cannot add').to.equal(state.chat.length);
    const blocked = reduce(state, viewer('chat', { text: 'buy ｓｐａｍ now' }, 'v1'));
    expect(blocked.chat.length, 'block words match width-folded text').to.equal(state.chat.length);
  });

  it('ignores host types from a non-host even if a caller passes them', () => {
    const forged = { ...host('announce', { text: 'fake' }, 1), fromHost: false, sender: 'viewer-1' } as Inbound;
    const state = reduce(reduce(initialState(), snapshot(0)), forged);
    expect(state.announcement, 'forged announce ignored').to.equal(null);
  });

  it('a snapshot from an older host epoch is stale; a newer one replaces state', () => {
    let state = reduce(initialState(), snapshot(4, 'ep2'));
    expect(reduce(state, snapshot(9, 'ep1')), 'older epoch ignored').to.equal(state);
    state = reduce(state, snapshot(0, 'ep3'));
    expect(state.epoch, 'newer epoch adopted').to.equal('ep3');
    expect(state.hostSeq, 'its sequence adopted').to.equal(0);
  });

  it('counts likes', () => {
    let state = initialState();
    state = reduce(state, viewer('likes', { n: 5 }));
    state = reduce(state, viewer('likes', { n: 7 }, 'viewer-2'));
    expect(state.likes, 'likes summed').to.equal(12);
  });
});
