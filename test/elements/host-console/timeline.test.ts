/**
 * At the end of the show the console offers its timeline (docs/replay.md): a download of the one
 * JSON document, and one `timeline` record sent to the room's webhook — once, not per viewer.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/room/linger-room.js';
import '../../../src/elements/host-console/linger-host-console.js';
import type { LingerHostConsole } from '../../../src/elements/host-console/host-console.js';
import type { LingerRoom } from '../../../src/elements/room/room.js';
import { MemoryNetwork } from '../../../src/transports/memory.js';
import { RoomSession } from '../../../src/core/session.js';
import { parseTimeline } from '../../../src/core/timeline.js';
import { indexedDbTimelineStore } from '../../../src/core/timeline-store.js';

const shadow = (element: Element) => element.shadowRoot!;
const button = (root: ParentNode, label: string) =>
  [...root.querySelectorAll('button')].find((candidate) => candidate.textContent!.trim() === label) as HTMLButtonElement | undefined;

describe('<linger-host-console> timeline', () => {
  const realFetch = window.fetch;
  afterEach(() => {
    window.fetch = realFetch;
  });

  it('sends one timeline record to the webhook at the end of the show and offers the download', async function () {
    this.timeout(20_000);
    const posted: string[] = [];
    window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).includes('/timeline-sink')) {
        posted.push(String(init?.body));
        return new Response('{}', { status: 200 });
      }
      return realFetch(input, init);
    }) as typeof fetch;
    const channel = 'hc-timeline';
    localStorage.removeItem(`linger:console:${channel}`);
    const network = new MemoryNetwork({ latency: 1 });
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <linger-room channel=${channel} show="spring-sale" hosts="host-1" webhook="https://collect.example/timeline-sink" .customTransport=${network.connect('host-1')}>
        <linger-host-console></linger-host-console>
      </linger-room>
    </div>`);
    const room = wrapper.querySelector<LingerRoom>('linger-room')!;
    const console = wrapper.querySelector<LingerHostConsole>('linger-host-console')!;
    await waitUntil(() => room.session?.$status.get() === 'connected', 'room connected');
    const viewer = new RoomSession({ transport: network.connect('viewer-a'), hosts: ['host-1'] });
    await viewer.connect();
    await waitUntil(() => button(shadow(console), 'Go live'), 'console ready');
    button(shadow(console), 'Go live')!.click();
    await waitUntil(() => viewer.state.show.phase === 'live', 'live');
    room.session!.act('pin', { product: { id: 'scarf', title: 'Jade scarf' }, remaining: null });
    viewer.chat('So soft');
    await waitUntil(() => room.session!.state.chatCount === 1, 'the host has the line');
    expect(shadow(console).querySelector('.download-timeline'), 'no timeline before the end').to.equal(null);
    button(shadow(console), 'End show')!.click();
    await console.updateComplete;
    button(shadow(console).querySelector('dialog')!, 'Confirm')!.click();
    await waitUntil(() => posted.length === 1 && shadow(console).querySelector('[data-delivery="sent"]'), 'the webhook got the timeline');
    const record = JSON.parse(posted[0]!) as { record: string; timeline: unknown };
    expect(record.record).to.equal('timeline');
    const parsed = parseTimeline(record.timeline);
    expect(parsed.ok, JSON.stringify(parsed).slice(0, 200)).to.equal(true);
    if (!parsed.ok) return;
    expect(parsed.timeline.show).to.equal('spring-sale');
    expect(parsed.timeline.events.map((event) => event.type)).to.deep.equal(['show', 'pin', 'show']);
    expect(parsed.timeline.chat.map((line) => line.text)).to.deep.equal(['So soft']);
    const summary = shadow(console).querySelector('.timeline')!.textContent!;
    expect(summary).to.contain('3 host messages').and.contain('1 chat lines');
    const download = shadow(console).querySelector<HTMLButtonElement>('.download-timeline')!;
    const saved: HTMLAnchorElement[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      saved.push(this);
    };
    try {
      download.click();
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    const anchor = saved[0];
    expect(anchor?.download).to.equal('spring-sale-timeline.json');
    const file = parseTimeline(await (await realFetch(anchor!.href)).text());
    expect(file.ok, 'the download is the same document').to.equal(true);
    expect(posted.length, 'sent once, however many ticks the ended show saw').to.equal(1);
    // The replay preview: the recording and an offset, the replay as viewers will see it.
    button(shadow(console), 'Preview the replay')!.click();
    await console.updateComplete;
    const url = shadow(console).querySelector<HTMLInputElement>('.recording-url')!;
    url.value = '/test/fixtures/media/clip.mp4';
    url.dispatchEvent(new Event('change'));
    const offset = shadow(console).querySelector<HTMLInputElement>('.recording-offset')!;
    offset.value = '30';
    offset.dispatchEvent(new Event('input'));
    await console.updateComplete;
    const preview = shadow(console).querySelector<HTMLElement & { session: { replay: boolean; state: { pinned: { product: { title: string } } | null } } | null }>('.replay-preview linger-room')!;
    expect(preview.getAttribute('replay-offset')).to.equal('30');
    expect(shadow(console).querySelector('.replay-preview [part~="hint"]')!.textContent).to.contain('replay-offset="30"');
    // 30 s of show time at the recording's first frame: the pin (seconds into the show) is already on screen.
    await waitUntil(() => preview.session?.replay === true && preview.session.state.pinned?.product.title === 'Jade scarf', 'the preview replays the show with its offset', { timeout: 10_000 });
    expect(room.session!.state.show.phase, 'the live room is untouched').to.equal('ended');
    await viewer.close();
  });

  it('a reloaded console resumes the recording: the webhook record has the show from before the reload', async function () {
    this.timeout(40_000);
    const posted: string[] = [];
    window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).includes('/reload-sink')) {
        posted.push(String(init?.body));
        return new Response('{}', { status: 200 });
      }
      return realFetch(input, init);
    }) as typeof fetch;
    const suffix = Math.random().toString(36).slice(2, 8);
    const channel = `hc-reload-${suffix}`;
    const showId = `reload-${suffix}`;
    const network = new MemoryNetwork({ latency: 1 });
    const mount = (transport: ReturnType<MemoryNetwork['connect']>) =>
      fixture<HTMLDivElement>(html`<div>
        <linger-room channel=${channel} show=${showId} hosts="host-1" webhook="https://collect.example/reload-sink" .customTransport=${transport}>
          <linger-host-console></linger-host-console>
        </linger-room>
      </div>`);
    const first = await mount(network.connect('host-1'));
    const room1 = first.querySelector<LingerRoom>('linger-room')!;
    const console1 = first.querySelector<LingerHostConsole>('linger-host-console')!;
    await waitUntil(() => room1.session?.$status.get() === 'connected', 'room connected');
    const viewer = new RoomSession({ transport: network.connect('viewer-a'), hosts: ['host-1'] });
    await viewer.connect();
    await waitUntil(() => button(shadow(console1), 'Go live'), 'console ready');
    button(shadow(console1), 'Go live')!.click();
    await waitUntil(() => viewer.state.show.phase === 'live', 'live');
    room1.session!.act('pin', { product: { id: 'scarf', title: 'Jade scarf' }, remaining: null });
    viewer.chat('Before the reload');
    await waitUntil(() => room1.session!.state.chatCount === 1, 'the host has the line');
    await waitUntil(async () => ((await indexedDbTimelineStore()!.load(showId))?.items.length ?? 0) === 3, 'recorded in IndexedDB', { timeout: 10_000 });

    // The show state a reloaded host takes back is in channel storage (written on the host's own pace).
    const stored = (network as unknown as { stored: Map<string, { value: string }> }).stored;
    await waitUntil(() => [...stored.values()].some((entry) => entry.value.includes('Jade scarf') && entry.value.includes('"live"')), 'the show is in channel storage', { timeout: 15_000 });
    // The tab reloads: a new room and console on the same channel.
    const old = room1.session!;
    first.remove();
    await old.close();
    const second = await mount(network.connect('host-1'));
    const room2 = second.querySelector<LingerRoom>('linger-room')!;
    const console2 = second.querySelector<LingerHostConsole>('linger-host-console')!;
    await waitUntil(() => room2.session?.state.show.phase === 'live', 'the reloaded host took the show back', { timeout: 15_000 });
    await waitUntil(() => button(shadow(console2), 'End show'), 'console ready again');
    button(shadow(console2), 'End show')!.click();
    await console2.updateComplete;
    button(shadow(console2).querySelector('dialog')!, 'Confirm')!.click();
    await waitUntil(() => posted.length === 1 && shadow(console2).querySelector('[data-delivery="sent"]'), 'the webhook got the timeline', { timeout: 15_000 });
    const parsed = parseTimeline((JSON.parse(posted[0]!) as { timeline: unknown }).timeline);
    expect(parsed.ok, JSON.stringify(parsed).slice(0, 300)).to.equal(true);
    if (!parsed.ok) return;
    const types = parsed.timeline.events.map((event) => event.type);
    expect(types.slice(0, 2), 'recorded before the reload').to.deep.equal(['show', 'pin']);
    expect(types.at(-1)).to.equal('show');
    expect(parsed.timeline.chat.map((line) => line.text)).to.deep.equal(['Before the reload']);
    expect(shadow(console2).querySelector('.timeline')!.textContent).to.contain('1 chat lines');
    await viewer.close();
  });
});
