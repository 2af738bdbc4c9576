/**
 * A host tab that reloads mid-show keeps its show's timeline (docs/replay.md § Recording the timeline):
 * the console's recorder writes what it keeps to IndexedDB (src/core/timeline-store.ts), and the
 * reloaded console — a new controller, a new host session, a new store over the same database —
 * resumes the same recording, so the end-of-show document has the whole show.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { startShow, type Show } from '../helpers/show.js';
import { RoomSession } from '../../src/core/session.js';
import { TimelineCapture } from '../../src/controllers/replay-recorder.js';
import { indexedDbTimelineStore, MAX_RECORDINGS } from '../../src/core/timeline-store.js';
import { parseTimeline } from '../../src/core/timeline.js';

const unique = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}`;
/** What the database holds for a show, read as a fresh page would. */
const storedItems = async (key: string) => (await indexedDbTimelineStore()!.load(key))?.items.length ?? 0;

describe('timeline: a reloaded host tab resumes the recording', () => {
  let show: Show | undefined;
  const sessions: RoomSession[] = [];
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((session) => session.close()));
    await show?.close();
    show = undefined;
  });

  it('keeps what was recorded before the reload, moderation included, and records on after it', async function () {
    this.timeout(30_000);
    const id = unique('reload-show');
    show = await startShow(3, {}, { snapshotEveryMs: 60_000 });
    const { host, viewers } = show;
    const [viewer, other, third] = viewers as [RoomSession, RoomSession, RoomSession];
    const console1 = new TimelineCapture({ show: () => id, webhook: () => '', changed: () => {} });
    console1.follow(host);
    const startedAt = Math.round(host.clock.now()) - 2_000;
    host.act('show', { phase: 'live', title: 'Reload show', startedAt });
    host.act('pin', { product: { id: 'scarf', title: 'Jade scarf', price: '$19' }, remaining: 5 });
    const kept = viewer.chat('Before the reload', { name: 'Ana' });
    const doomed = other.chat('Deleted after the reload');
    if (!kept.ok || !doomed.ok) throw new Error('chat refused');
    await waitUntil(() => console1.recorder.size.chat === 2, 'the host kept both lines');
    // Written within a moment, with no explicit flush: what a reload finds.
    await waitUntil(async () => (await storedItems(id)) === 4, 'the recording is in IndexedDB', { timeout: 10_000 });

    // The tab reloads: the old page is gone without closing anything.
    await host.close();
    const host2 = new RoomSession({ transport: show.network.connect('host-1'), hosts: ['host-1'] });
    sessions.push(host2);
    await host2.connect();
    const console2 = new TimelineCapture({ show: () => id, webhook: () => '', changed: () => {} });
    console2.follow(host2);
    await console2.recorder.restored;
    expect(console2.recorder.resumed).to.equal(4);
    expect(console2.recorder.size).to.deep.equal({ events: 2, chat: 2 });
    host2.act('show', { phase: 'live', title: 'Reload show', startedAt });
    host2.act('pin', { product: { id: 'fan', title: 'Silk fan', price: '$12' }, remaining: null });
    expect(third.chat('After the reload').ok).to.equal(true);
    await waitUntil(() => console2.recorder.size.chat === 3, 'the host kept the new line');
    host2.act('moderate', { deleteIds: [doomed.id] });
    host2.act('show', { phase: 'ended', title: 'Reload show', startedAt });
    await waitUntil(() => console2.recorder.ended, 'ended');
    const timeline = console2.recorder.document();
    const parsed = parseTimeline(JSON.stringify(timeline));
    expect(parsed.ok, JSON.stringify(parsed).slice(0, 300)).to.equal(true);
    expect(timeline.startedAt).to.equal(startedAt);
    expect(timeline.events.map((event) => event.type)).to.deep.equal(['show', 'pin', 'show', 'pin', 'moderate', 'show']);
    expect(timeline.events.map((event) => (event.body as { product?: { title: string } }).product?.title).filter(Boolean)).to.deep.equal(['Jade scarf', 'Silk fan']);
    expect(timeline.chat.map((line) => line.text), 'a line deleted after the reload leaves the sample').to.deep.equal(['Before the reload', 'After the reload']);
    expect(timeline.sample.seen, 'lines seen before and after').to.equal(3);
    // A second reload after the end: the ended show's document is still whole.
    await console2.recorder.flush();
    const console3 = new TimelineCapture({ show: () => id, webhook: () => '', changed: () => {} });
    console3.follow(host2);
    await console3.recorder.restored;
    expect(console3.recorder.document().events.length).to.equal(6);
    expect(console3.recorder.document().chat.map((line) => line.text)).to.deep.equal(['Before the reload', 'After the reload']);
    console1.close();
    console2.close();
    console3.close();
  });

  it('a new show under the same id (going live with another start time) starts a new recording', async function () {
    this.timeout(30_000);
    const id = unique('again-show');
    show = await startShow(1, {}, { snapshotEveryMs: 60_000 });
    const { host } = show;
    const first = new TimelineCapture({ show: () => id, webhook: () => '', changed: () => {} });
    first.follow(host);
    const before = Math.round(host.clock.now()) - 86_400_000;
    host.act('show', { phase: 'live', title: 'Yesterday', startedAt: before });
    host.act('pin', { product: { id: 'old', title: 'Old product' }, remaining: null });
    host.act('show', { phase: 'ended', title: 'Yesterday', startedAt: before });
    await first.recorder.flush();
    expect(await storedItems(id)).to.equal(3);
    first.close();
    const second = new TimelineCapture({ show: () => id, webhook: () => '', changed: () => {} });
    second.follow(host);
    await second.recorder.restored;
    const today = Math.round(host.clock.now());
    host.act('show', { phase: 'live', title: 'Today', startedAt: today });
    host.act('pin', { product: { id: 'new', title: 'New product' }, remaining: null });
    const timeline = second.recorder.document();
    expect(timeline.startedAt).to.equal(today);
    expect(timeline.events.map((event) => event.type)).to.deep.equal(['show', 'pin']);
    await second.recorder.flush();
    expect(await storedItems(id), "the stored recording is today's").to.equal(2);
    second.close();
  });

  it('keeps at most a few recordings: the oldest go', async () => {
    const store = indexedDbTimelineStore()!;
    const ids = Array.from({ length: MAX_RECORDINGS + 2 }, (_, i) => unique(`bounded-${i}`));
    for (const [i, id] of ids.entries()) {
      await store.append(id, [{ kind: 'event', at: 1, id: `m${i}`, type: 'pin', body: {} }], { initial: null, seen: 0, dropped: 0, startedAt: 1, updated: Date.now() + 60_000 + i });
    }
    // A new page opens the database and prunes it.
    const fresh = indexedDbTimelineStore()!;
    const kept = await Promise.all(ids.map((id) => fresh.load(id)));
    expect(kept.map(Boolean)).to.deep.equal(ids.map((_, i) => i >= 2));
  });
});
