/**
 * The show's timeline (docs/replay.md): the host records every host message with its show time and
 * a moderation-applied chat sample (a deleted line, a muted viewer's lines and blocked words are never
 * kept), and a replay refuses any document that is not exactly the format, with a reason.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { startShow, type Show } from '../helpers/show.js';
import { TimelineRecorder, CHAT_PER_SECOND } from '../../src/core/timeline-recorder.js';
import { MAX_TIMELINE_CHARS, parseTimeline, type Timeline } from '../../src/core/timeline.js';
import { CORPUS } from '../hardening/corpus.js';

describe('timeline: the host records the show', () => {
  let show: Show | undefined;
  afterEach(async () => {
    await show?.close();
    show = undefined;
  });

  it('keeps every host message with its show time and a chat sample with moderation applied', async () => {
    show = await startShow(2, {}, { snapshotEveryMs: 60_000 });
    const { host, viewers } = show;
    const recorder = new TimelineRecorder(() => 'spring-sale');
    recorder.follow(host);
    const startedAt = Math.round(host.clock.now()) - 5_000;
    host.act('show', { phase: 'live', title: 'Spring sale', startedAt });
    host.act('pin', { product: { id: 'scarf', title: 'Jade scarf', price: '$19' }, remaining: 5 });
    host.act('moderate', { blockWords: ['spam'] });
    const [a, b] = viewers as [(typeof viewers)[0], (typeof viewers)[0]];
    const kept = a.chat('Lovely colour', { name: 'Ana' });
    const deleted = b.chat('delete me');
    // A client that skips its own block-word check: the host's reducer refuses the line.
    show.network.publishAs('rogue', JSON.stringify({ v: 1, type: 'chat', id: 'rogue-1', at: Math.round(host.clock.now()), body: { text: 'buy spam now' } }));
    await waitUntil(() => host.state.chatCount === 2, 'the host applied the two allowed lines');
    if (!deleted.ok || !kept.ok) throw new Error('chat refused');
    host.act('moderate', { deleteIds: [deleted.id] });
    host.act('show', { phase: 'ended', title: 'Spring sale', startedAt });
    const timeline = recorder.document();
    const parsed = parseTimeline(JSON.stringify(timeline));
    expect(parsed.ok, JSON.stringify(parsed)).to.equal(true);
    expect(timeline.show).to.equal('spring-sale');
    expect(timeline.startedAt).to.equal(startedAt);
    expect(timeline.events.map((event) => event.type)).to.deep.equal(['show', 'pin', 'moderate', 'moderate', 'show']);
    expect(timeline.events[1]!.t, 'show time: ms since the show started').to.be.within(5_000, 60_000);
    expect(timeline.chat.map((line) => line.text), 'the deleted and the blocked lines are not kept').to.deep.equal(['Lovely colour']);
    expect(timeline.chat[0]!.name).to.equal('Ana');
    expect(JSON.stringify(timeline), 'no viewer ids are kept').not.to.contain('viewer-0');
    expect(recorder.ended).to.equal(true);
  });

  it('drops a muted viewer\'s lines and keeps at most a few lines per second of show', async () => {
    show = await startShow(1, {}, { snapshotEveryMs: 60_000 });
    const { host } = show;
    const recorder = new TimelineRecorder(() => 'busy');
    recorder.follow(host);
    host.act('show', { phase: 'live', startedAt: Math.round(host.clock.now()) });
    // The host's own lines go through the same reducer; slow mode does not pace a host.
    for (let i = 0; i < 20; i++) host.chat(`burst ${i}`);
    expect(recorder.document().chat.length, 'one second of a burst is sampled').to.be.at.most(CHAT_PER_SECOND * 2);
    host.act('moderate', { mute: ['host-1'] });
    expect(recorder.document().chat, 'a muted sender leaves the sample').to.have.length(0);
    expect(recorder.document().sample.seen).to.equal(20);
  });
});

describe('timeline: a replay loads only a well-formed document', () => {
  const base = (): Timeline => ({
    format: 'linger-timeline',
    version: 1,
    show: 'demo',
    startedAt: 1_700_000_000_000,
    duration: 60_000,
    initial: { show: { phase: 'upcoming' }, schedule: [], announcement: null, pinned: null, lottery: null, quiz: null, perk: null, moderation: { slowMode: 0, muted: [], blockWords: [] }, likes: 0 },
    events: [
      { t: 0, id: 'e1', type: 'show', body: { phase: 'live', startedAt: 1_700_000_000_000 } },
      { t: 1000, id: 'e2', type: 'pin', body: { product: { id: 'p1', title: 'Teapot' }, remaining: null } },
    ],
    chat: [{ t: 500, id: 'c1', text: 'hello' }],
    sample: { seen: 1, kept: 1 },
  });

  it('accepts the format, and the JSON Schema in docs/ describes the same fields', async () => {
    const schema = (await (await fetch('/docs/timeline.schema.json')).json()) as { properties: Record<string, { const?: unknown }>; required: string[] };
    expect(parseTimeline(base()).ok).to.equal(true);
    expect(parseTimeline(JSON.stringify(base())).ok).to.equal(true);
    expect(Object.keys(schema.properties).sort()).to.deep.equal(Object.keys(base()).concat('title').sort());
    expect(schema.properties.version!.const).to.equal(1);
    expect(schema.required.sort()).to.deep.equal(Object.keys(base()).sort());
  });

  it('refuses wrong types, unknown message types, bad bodies, times going backwards, another version, non-JSON and 50 MB', () => {
    const cases: Array<[string, unknown, string]> = [
      ['a number for the show', { ...base(), show: 42 }, 'invalid'],
      ['a string time', { ...base(), events: [{ ...base().events[0], t: '0' }] }, 'invalid'],
      ['a viewer message type', { ...base(), events: [{ t: 0, id: 'x', type: 'chat', body: { text: 'hi' } }] }, 'invalid'],
      ['a pin without a title', { ...base(), events: [{ t: 0, id: 'x', type: 'pin', body: { product: { id: 'p' } } }] }, 'invalid'],
      ['a javascript: image', { ...base(), events: [{ t: 0, id: 'x', type: 'pin', body: { product: { id: 'p', title: 't', image: 'javascript:alert(1)' } } }] }, 'invalid'],
      ['a negative time', { ...base(), chat: [{ t: -1, id: 'c', text: 'x' }] }, 'invalid'],
      ['events out of order', { ...base(), events: [...base().events].reverse() }, 'order'],
      ['chat out of order', { ...base(), chat: [{ t: 9, id: 'a', text: 'x' }, { t: 1, id: 'b', text: 'y' }] }, 'order'],
      ['another version', { ...base(), version: 2 }, 'version'],
      ['an array', [], 'invalid'],
      ['null', null, 'invalid'],
      ['not JSON', '{"format":', 'not-json'],
      ['50 MB', 'x'.repeat(50 * 1024 * 1024), 'too-large'],
      ['an extra long chat line', { ...base(), chat: [{ t: 1, id: 'c', text: 'x'.repeat(10_000) }] }, 'invalid'],
    ];
    for (const [label, input, problem] of cases) {
      const result = parseTimeline(input);
      expect(result.ok, label).to.equal(false);
      if (!result.ok) expect(result.problem, label).to.equal(problem);
    }
    expect(MAX_TIMELINE_CHARS).to.be.below(50 * 1024 * 1024);
  });

  it('keeps hostile text as text (every corpus entry in chat, titles and announcements) and drops unknown keys', () => {
    const hostile = CORPUS.map((payload) => payload.text).filter((text) => text.length > 0 && text.length <= 200);
    const timeline = {
      ...base(),
      title: hostile[0],
      events: hostile.map((text, i) => ({ t: i, id: `a${i}`, type: 'announce', body: { text, extra: '<script>' } })),
      chat: hostile.map((text, i) => ({ t: i, id: `c${i}`, text, name: text.slice(0, 40) })),
      __proto__: { polluted: true },
    };
    const result = parseTimeline(JSON.parse(JSON.stringify(timeline)));
    expect(result.ok, JSON.stringify(result).slice(0, 300)).to.equal(true);
    if (!result.ok) return;
    expect(result.timeline.events.map((event) => (event.body as { text: string }).text)).to.deep.equal(hostile);
    expect(Object.keys(result.timeline.events[0]!.body), 'unknown body keys do not survive').to.deep.equal(['text']);
    expect(({} as { polluted?: unknown }).polluted).to.equal(undefined);
  });
});
