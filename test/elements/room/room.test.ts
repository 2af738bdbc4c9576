import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import '../../../src/elements/room/linger-room.js';
import { LingerRoom } from '../../../src/elements/room/room.js';
import { RoomController } from '../../../src/controllers/room-controller.js';
import { MemoryNetwork } from '../../../src/transports/memory.js';
import { define } from '../../../src/utilities/define.js';
import type { LingerErrorEvent } from '../../../src/events/dom/linger-error.js';

/** A minimal element that shows what its room says, as every Linger element does. */
class ProbeElement extends LitElement {
  readonly room = new RoomController(this);
  protected override render() {
    return this.room.state?.announcement?.text ?? '';
  }
}
define('linger-test-probe', ProbeElement);

const text = (element: Element) => element.shadowRoot?.textContent?.trim() ?? '';

async function hostAndViewer(network: MemoryNetwork, parent: HTMLElement, id = 'show') {
  const host = document.createElement('linger-room');
  host.id = `${id}-host`;
  host.hosts = 'host-1';
  host.customTransport = network.connect('host-1');
  const viewer = document.createElement('linger-room');
  viewer.id = id;
  viewer.hosts = 'host-1';
  viewer.customTransport = network.connect(`viewer-${id}`);
  parent.append(host, viewer);
  await waitUntil(() => host.session?.$status.get() === 'connected' && viewer.session?.$status.get() === 'connected', 'rooms connect');
  return { host, viewer };
}

describe('<linger-room>', () => {
  it('renders nothing of its own and is display: contents', async () => {
    const room = await fixture<LingerRoom>(html`<linger-room channel="t1"><span>child</span></linger-room>`);
    expect(getComputedStyle(room).display, 'display contents').to.equal('contents');
    expect(room.shadowRoot?.querySelector('slot'), 'slots its children').to.not.equal(null);
    room.remove();
  });

  it('runs on BroadcastChannel by default and syncs two rooms of one page', async () => {
    const channel = `bc-${Math.random().toString(36).slice(2)}`;
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <linger-room id="h" channel=${channel} hosts="boss" user-id="boss"></linger-room>
      <linger-room id="v" channel=${channel} hosts="boss"></linger-room>
      <linger-test-probe room="v"></linger-test-probe>
    </div>`);
    const [host, viewer] = wrapper.querySelectorAll('linger-room');
    await waitUntil(() => host!.session?.$status.get() === 'connected' && viewer!.session?.$status.get() === 'connected', 'both connected');
    expect(host!.session!.transport.kind, 'broadcast is the default').to.equal('broadcast');
    host!.session!.act('announce', { text: 'Hello from the host' });
    const probe = wrapper.querySelector('linger-test-probe')!;
    await waitUntil(() => text(probe) === 'Hello from the host', 'viewer element renders the host announce');
    wrapper.remove();
  });

  it('finds its room by id, by closest ancestor, or as the only room — and waits for a late room', async () => {
    const network = new MemoryNetwork();
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <linger-test-probe id="by-id" room="late"></linger-test-probe>
    </div>`);
    const byId = wrapper.querySelector('#by-id')!;
    expect(text(byId), 'nothing before the room exists').to.equal('');
    const { host } = await hostAndViewer(network, wrapper, 'late');
    const nested = document.createElement('linger-test-probe');
    wrapper.querySelector('#late')!.append(nested);
    host.session!.act('announce', { text: 'Found you' });
    await waitUntil(() => text(byId) === 'Found you', 'element declared before its room attaches by id');
    await waitUntil(() => text(nested) === 'Found you', 'ancestor room found');
    expect((byId as ProbeElement).room.room?.id, 'resolved to the named room').to.equal('late');
    wrapper.remove();
  });

  it('uses the page’s only room when nothing else says which', async () => {
    const network = new MemoryNetwork();
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const room = document.createElement('linger-room');
    room.hosts = 'viewer-solo';
    room.customTransport = network.connect('viewer-solo');
    wrapper.append(room);
    const probe = document.createElement('linger-test-probe') as ProbeElement;
    document.body.append(probe);
    await waitUntil(() => probe.room.room === room, 'only room found');
    probe.remove();
    wrapper.remove();
  });

  it('fires linger-error with a clear message when the channel is missing', async () => {
    const errors: LingerErrorEvent[] = [];
    const onError = (event: LingerErrorEvent) => errors.push(event);
    document.addEventListener('linger-error', onError);
    const room = document.createElement('linger-room');
    document.body.append(room);
    await waitUntil(() => errors.length > 0, 'error fired');
    document.removeEventListener('linger-error', onError);
    expect(errors[0]!.detail.code, 'stable code').to.equal('missing-channel');
    expect(errors[0]!.detail.message, 'tells what to do').to.match(/channel="spring-sale"/);
    room.remove();
  });

  it('keeps its session when a theme moves it, and closes it when it stays gone', async () => {
    const network = new MemoryNetwork();
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const { viewer } = await hostAndViewer(network, wrapper, 'moved');
    const session = viewer.session;
    const elsewhere = document.createElement('section');
    document.body.append(elsewhere);
    elsewhere.append(viewer); // remove + re-add in one task, as Dawn's section re-render does
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(viewer.session, 'same live session after a move').to.equal(session);
    viewer.remove();
    await waitUntil(() => session!.$status.get() === 'closed', 'closed after the grace period', { timeout: 3000 });
    elsewhere.remove();
    wrapper.remove();
  });

  it('defining the tag twice warns instead of throwing', () => {
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      define('linger-room', class extends LingerRoom {});
    } finally {
      console.warn = original;
    }
    expect(String(warnings[0]), 'warned about the second copy').to.match(/already defined/);
  });
});
