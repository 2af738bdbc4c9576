import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/room/linger-room.js';
import '../../../src/elements/host-console/linger-host-console.js';
import type { LingerHostConsole } from '../../../src/elements/host-console/host-console.js';
import type { LingerRoom } from '../../../src/elements/room/room.js';
import { translation } from '../../../src/elements/host-console/host-console.strings.js';
import { MemoryNetwork } from '../../../src/transports/memory.js';
import { RoomSession } from '../../../src/core/session.js';
import { expectCompleteTranslation, expectNoRawKeys } from '../../helpers/i18n.js';

const shadow = (element: Element) => element.shadowRoot!;
const button = (root: ParentNode, label: string) =>
  [...root.querySelectorAll('button')].find((candidate) => candidate.textContent!.trim() === label) as HTMLButtonElement | undefined;

/** A page with a host room + console, and viewer sessions on the same memory network. */
async function stage(channel: string, options: { userId?: string; speed?: number } = {}) {
  localStorage.removeItem(`linger:console:${channel}`);
  const network = new MemoryNetwork({ latency: 1 });
  network.recordWire = true;
  const userId = options.userId ?? 'host-1';
  const wrapper = await fixture<HTMLDivElement>(html`<div>
    <linger-room channel=${channel} hosts="host-1" .customTransport=${network.connect(userId)}>
      <linger-host-console></linger-host-console>
    </linger-room>
  </div>`);
  const room = wrapper.querySelector<LingerRoom>('linger-room')!;
  const console = wrapper.querySelector<LingerHostConsole>('linger-host-console')!;
  await waitUntil(() => room.session?.$status.get() === 'connected', 'room connected');
  if (options.speed) {
    // A show compressed in time: the host's clock runs `speed` times faster than real time.
    const base = Date.now();
    (room.session!.clock as unknown as { localNow: () => number }).localNow = () => base + (Date.now() - base) * options.speed!;
  }
  const viewers: RoomSession[] = [];
  for (const id of ['viewer-a', 'viewer-b']) {
    const viewer = new RoomSession({ transport: network.connect(id), hosts: ['host-1'] });
    await viewer.connect();
    viewers.push(viewer);
  }
  await console.updateComplete;
  return { network, room, console, viewers, wrapper, close: () => Promise.all(viewers.map((viewer) => viewer.close())) };
}

describe('<linger-host-console>', () => {
  it('on a viewer identity says so and sends nothing', async () => {
    const { console, network, close } = await stage('hc-viewer', { userId: 'viewer-x' });
    await waitUntil(() => shadow(console).querySelector('[part="not-host"]'), 'not-host message');
    expect(shadow(console).querySelector('[part="not-host"]')!.textContent, 'names the identity').to.contain('viewer-x');
    expect(shadow(console).querySelectorAll('button').length, 'no controls').to.equal(0);
    const hostTypes = network.wire.filter((frame) => frame.from === 'viewer-x' && !/"type":"(hello|time\.ping)"/.test(frame.data));
    expect(hostTypes, 'nothing but hello and clock pings went out').to.deep.equal([]);
    await expect(console).to.be.accessible();
    await close();
  });

  it('runs a compressed show: schedule, pre-announce, perk drop with undo, all reaching viewers', async function () {
    this.timeout(30_000);
    const { console, room, viewers, close } = await stage('hc-show', { speed: 60 });
    const root = shadow(console);
    button(root, 'Go live')!.click();
    await waitUntil(() => viewers.every((viewer) => viewer.state.show.phase === 'live'), 'live on viewers');
    // Plan a 40-minute show: climaxes at +15 and +33 minutes.
    const minutes = root.querySelector<HTMLInputElement>('input[type="number"]')!;
    minutes.value = '40';
    minutes.dispatchEvent(new Event('change'));
    button(root, 'Plan the show')!.click();
    await console.updateComplete;
    expect(root.querySelectorAll('.step').length, 'two steps planned').to.equal(2);
    button(root, 'Publish schedule')!.click();
    await waitUntil(() => viewers.every((viewer) => viewer.state.schedule.length === 2), 'schedule on viewers');
    const first = viewers[0]!.state.schedule[0]!;
    expect((first.at - room.session!.state.show.startedAt!) / 60_000, 'first climax at 15 minutes').to.be.closeTo(15, 0.1);
    // 15 show-minutes = 15 real seconds at 60×: the pre-announce goes out ~90 s ahead, after the undo window.
    await waitUntil(() => viewers.every((viewer) => viewer.state.announcement?.kind === 'perk-prompt'), 'pre-announce reached viewers', { timeout: 20_000, interval: 100 });
    expect(viewers[1]!.state.announcement!.text, 'with the prompt').to.contain('Type 1 if you want it!');
    await waitUntil(() => viewers.every((viewer) => viewer.state.perk?.id === first.id), 'the perk dropped on every viewer', { timeout: 10_000, interval: 100 });
    await close();
  });

  it('undo stops a queued step from going out', async () => {
    const { console, viewers, close } = await stage('hc-undo');
    const root = shadow(console);
    button(root, 'Add step')!.click();
    await console.updateComplete;
    button(root, 'Fire now')!.click();
    await console.updateComplete;
    expect(root.querySelector('.pending')!.textContent, 'countdown shown').to.match(/Sending .* in [45] s/);
    button(root, 'Undo')!.click();
    await new Promise((resolve) => setTimeout(resolve, 5_600));
    expect(viewers[0]!.state.perk, 'nothing dropped').to.equal(null);
    await close();
  }).timeout(10_000);

  it('pins products from JSON, counts first-N, marks sold out', async () => {
    const { console, viewers, close } = await stage('hc-products');
    const root = shadow(console);
    (root.querySelector('#tab-products') as HTMLButtonElement).click();
    await console.updateComplete;
    root.querySelector<HTMLTextAreaElement>('#products-json')!.value = JSON.stringify([
      { id: 'scarf', title: 'Silk scarf', price: '$49' },
      { id: 'bad', title: 'Evil', url: 'javascript:alert(1)' },
    ]);
    button(root, 'Import')!.click();
    await console.updateComplete;
    expect(root.querySelector('.error')!.textContent, 'a javascript: URL is refused with a reason').to.contain('http(s) URLs only');
    root.querySelector<HTMLTextAreaElement>('#products-json')!.value = JSON.stringify([{ id: 'scarf', title: 'Silk scarf', price: '$49' }]);
    button(root, 'Import')!.click();
    await console.updateComplete;
    root.querySelector<HTMLInputElement>('#remaining-scarf')!.value = '20';
    button(root, 'Pin')!.click();
    await waitUntil(() => viewers.every((viewer) => viewer.state.pinned?.remaining === 20), 'pinned with 20 left everywhere');
    const soldOut = root.querySelector<HTMLInputElement>('.products input[type="checkbox"]')!;
    soldOut.checked = true;
    soldOut.dispatchEvent(new Event('change'));
    await waitUntil(() => viewers.every((viewer) => viewer.state.pinned?.product.soldOut === true), 'sold out everywhere');
    await close();
  });

  it('deletes a comment and mutes a viewer on every screen, after confirmation', async () => {
    const { console, viewers, close } = await stage('hc-chat');
    const root = shadow(console);
    (root.querySelector('#tab-chat') as HTMLButtonElement).click();
    viewers[0]!.chat('buy my spam');
    viewers[1]!.chat('Is it silk?');
    await waitUntil(() => root.querySelectorAll('.chat li').length === 2, 'comments listed');
    const spamLine = [...root.querySelectorAll('.chat li')].find((line) => line.textContent!.includes('spam'))!;
    button(spamLine, 'Delete')!.click();
    await console.updateComplete;
    expect(root.querySelector('dialog')!.open, 'asks first').to.equal(true);
    button(root.querySelector('dialog')!, 'Confirm')!.click();
    await waitUntil(() => viewers.every((viewer) => !viewer.state.chat.some((line) => line.text === 'buy my spam')), 'deleted everywhere');
    const other = [...root.querySelectorAll('.chat li')].find((line) => line.textContent!.includes('silk'))!;
    button(other, 'Mute')!.click();
    await console.updateComplete;
    button(root.querySelector('dialog')!, 'Confirm')!.click();
    await waitUntil(() => viewers.every((viewer) => viewer.state.moderation.muted.includes('viewer-b')), 'muted everywhere');
    expect(viewers[1]!.chat('again').ok, 'the muted viewer cannot send').to.equal(false);
    await close();
  });

  it('keeps its plan across a reload of the host page', async () => {
    const { console, wrapper, close } = await stage('hc-reload');
    button(shadow(console), 'Plan the show')!.click();
    await console.updateComplete;
    const planned = shadow(console).querySelectorAll('.step').length;
    expect(planned, 'planned steps').to.be.greaterThan(2);
    console.remove();
    const again = document.createElement('linger-host-console');
    wrapper.querySelector('linger-room')!.append(again);
    await waitUntil(() => shadow(again).querySelectorAll('.step').length === planned, 'plan restored');
    await close();
  });

  it('is accessible, localized in every language, and shows no raw keys', async () => {
    const { console, close } = await stage('hc-a11y');
    await expect(console).to.be.accessible();
    expectNoRawKeys(console, translation);
    await expectCompleteTranslation(translation);
    await close();
  });
});
