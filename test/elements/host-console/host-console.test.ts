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

  it('runs a compressed show: schedule, pre-announce, then the planned lottery with a verified draw on every viewer', async function () {
    this.timeout(30_000);
    const { console, room, viewers, close } = await stage('hc-show', { speed: 60 });
    const root = shadow(console);
    button(root, 'Go live')!.click();
    await waitUntil(() => viewers.every((viewer) => viewer.state.show.phase === 'live'), 'live on viewers');
    // Plan an hour: a lottery at +15, a quiz at +33, a first-N gift at +53 minutes.
    const minutes = root.querySelector<HTMLInputElement>('input[type="number"]')!;
    minutes.value = '60';
    minutes.dispatchEvent(new Event('change'));
    button(root, 'Plan the show')!.click();
    await console.updateComplete;
    expect(root.querySelectorAll('.step').length, 'three climaxes in an hour: at 15, 33 and 53 minutes').to.equal(3);
    button(root, 'Publish schedule')!.click();
    await waitUntil(() => viewers.every((viewer) => viewer.state.schedule.length === 3), 'schedule on viewers');
    const first = viewers[0]!.state.schedule[0]!;
    expect((first.at - room.session!.state.show.startedAt!) / 60_000, 'first climax at 15 minutes').to.be.closeTo(15, 0.1);
    // 15 show-minutes = 15 real seconds at 60×: the pre-announce goes out ~90 s ahead, after the undo window.
    await waitUntil(() => viewers.every((viewer) => viewer.state.announcement?.kind === 'perk-prompt'), 'pre-announce reached viewers', { timeout: 20_000, interval: 100 });
    expect(viewers[1]!.state.announcement!.text, 'with the prompt').to.contain('Type 1 if you want it!');
    // The first climax is a lottery: it opens on the keyword the prompt asked for ("type 1").
    await waitUntil(() => viewers.every((viewer) => viewer.state.lottery?.status === 'open'), 'the lottery opened on every viewer', { timeout: 10_000, interval: 100 });
    expect(viewers[0]!.state.lottery!.prize, 'named after the step').to.equal(first.title);
    viewers[0]!.chat('1');
    viewers[1]!.chat('I want it: 1');
    await waitUntil(() => (room.session!.ledger.entrants.get(viewers[0]!.state.lottery!.id)?.size ?? 0) === 2, 'keyword entries from both comments');
    button(root, 'Draw')!.click();
    await waitUntil(() => viewers.every((viewer) => viewer.viewer.draws[viewer.state.lottery!.id]?.status === 'verified'), 'draw verified on every viewer', { timeout: 5000 });
    expect(viewers[0]!.state.lottery!.winnerIds!.length, 'one winner').to.equal(1);

    // The next climax is a quiz from the bank: fired at once from the "next" card.
    (root.querySelector('#tab-quiz') as HTMLButtonElement).click();
    await console.updateComplete;
    root.querySelector<HTMLTextAreaElement>('#bank-json')!.value = JSON.stringify([
      { question: 'Which silk is wild?', options: ['Mulberry', 'Tussar'], correct: 1, explanation: 'Wild moths.', seconds: 600 },
    ]);
    button(root, 'Import')!.click();
    (root.querySelector('#tab-rhythm') as HTMLButtonElement).click();
    await console.updateComplete;
    button(root.querySelector('.next')!, 'Fire now')!.click();
    await waitUntil(() => viewers.every((viewer) => viewer.state.quiz?.status === 'open'), 'the planned quiz was asked', { timeout: 5000 });
    viewers[0]!.answer(viewers[0]!.state.quiz!.id, 1);
    await waitUntil(() => room.session!.ledger.answers.get(viewers[0]!.state.quiz!.id)?.size === 1, 'answer at the host');
    (root.querySelector('#tab-quiz') as HTMLButtonElement).click();
    await console.updateComplete;
    button(root, 'Reveal')!.click();
    await waitUntil(() => viewers.every((viewer) => viewer.state.quiz?.status === 'revealed'), 'revealed everywhere');
    await waitUntil(() => viewers[0]!.viewer.score.right === 1, 'the right answer scores');

    // Then the first-N gift: claims count the remaining number down on every screen.
    (root.querySelector('#tab-rhythm') as HTMLButtonElement).click();
    await console.updateComplete;
    const firstN = [...root.querySelectorAll('.step')].find((step) => (step.querySelector('select') as HTMLSelectElement).value === 'first-n')!;
    button(firstN, 'Fire now')!.click();
    await waitUntil(() => viewers.every((viewer) => viewer.state.perk?.remaining === 10), 'first-N perk dropped with 10 left', { timeout: 5000 });
    viewers[0]!.claim(viewers[0]!.state.perk!.id);
    viewers[1]!.claim(viewers[1]!.state.perk!.id);
    await waitUntil(() => viewers.every((viewer) => viewer.state.perk?.remaining === 8), 'two claims: 8 left everywhere', { timeout: 5000 });
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
    for (const tab of ['rhythm', 'lottery', 'quiz', 'products', 'chat', 'figures']) {
      (shadow(console).querySelector(`#tab-${tab}`) as HTMLButtonElement).click();
      await console.updateComplete;
      await expect(console, `${tab} tab`).to.be.accessible();
    }
    expectNoRawKeys(console, translation);
    await expectCompleteTranslation(translation);
    await close();
  });

  it('opens a keyword lottery, takes entries from chat, and draws verifiably on every viewer', async function () {
    this.timeout(20_000);
    const { console, viewers, close } = await stage('hc-lottery');
    const root = shadow(console);
    (root.querySelector('#tab-lottery') as HTMLButtonElement).click();
    await console.updateComplete;
    const form = root.querySelector('form')!;
    (form.querySelector('[name="prize"]') as HTMLInputElement).value = 'Silk scarf';
    button(form, 'Open lottery')!.click();
    await waitUntil(() => viewers.every((viewer) => viewer.state.lottery?.status === 'open'), 'lottery open everywhere');
    viewers[0]!.chat('１');
    viewers[1]!.chat('1 🙋');
    await waitUntil(() => root.textContent!.includes('Open · 2 entrants'), 'two entrants from keyword comments', { timeout: 5000 });
    button(root, 'Draw')!.click();
    await waitUntil(() => viewers.every((viewer) => viewer.viewer.draws[viewer.state.lottery!.id]?.status === 'verified'), 'draw verified on every viewer', { timeout: 5000 });
    expect(viewers[0]!.state.lottery!.winnerIds!.length, 'one winner').to.equal(1);
    await close();
  });

  it('asks a quiz from the bank, reveals it, and keeps a leaderboard', async function () {
    this.timeout(20_000);
    const { console, viewers, close } = await stage('hc-quiz');
    const root = shadow(console);
    (root.querySelector('#tab-quiz') as HTMLButtonElement).click();
    await console.updateComplete;
    root.querySelector<HTMLTextAreaElement>('#bank-json')!.value = JSON.stringify([
      { question: 'Which silk is wild?', options: ['Mulberry', 'Tussar'], correct: 1, explanation: 'Tussar comes from wild moths.', seconds: 30 },
    ]);
    button(root, 'Import')!.click();
    await console.updateComplete;
    button(root, 'Ask')!.click();
    await waitUntil(() => viewers.every((viewer) => viewer.state.quiz?.status === 'open'), 'quiz on every viewer');
    expect(JSON.stringify(viewers[0]!.state.quiz), 'the answer is not on the wire before the reveal').to.not.contain('correct');
    viewers[0]!.answer(viewers[0]!.state.quiz!.id, 1);
    viewers[1]!.answer(viewers[1]!.state.quiz!.id, 0);
    await waitUntil(() => root.textContent!.includes('2 answers in'), 'answers counted');
    button(root, 'Reveal')!.click();
    await waitUntil(() => viewers.every((viewer) => viewer.state.quiz?.status === 'revealed'), 'revealed everywhere');
    expect(viewers[1]!.state.quiz!.explanation, 'with the why').to.equal('Tussar comes from wild moths.');
    await console.updateComplete;
    expect(root.querySelector('.chat')!.textContent, 'leaderboard names the right answer').to.contain('viewer-a');
    await close();
  });

  it('a host reloaded mid-lottery still draws verifiably, with the entries it had', async function () {
    this.timeout(30_000);
    const { console, room, viewers, network, wrapper, close } = await stage('hc-reload-lottery');
    const root = shadow(console);
    (root.querySelector('#tab-lottery') as HTMLButtonElement).click();
    await console.updateComplete;
    const form = root.querySelector('form')!;
    (form.querySelector('[name="prize"]') as HTMLInputElement).value = 'Tea set';
    (form.querySelector('[name="seconds"]') as HTMLInputElement).value = '600';
    button(form, 'Open lottery')!.click();
    await waitUntil(() => viewers.every((viewer) => viewer.state.lottery?.status === 'open'), 'lottery open');
    const lotteryId = viewers[0]!.state.lottery!.id;
    viewers[0]!.chat('1');
    viewers[1]!.chat('1');
    await waitUntil(() => (room.session!.ledger.entrants.get(lotteryId)?.size ?? 0) === 2, 'two entries at the host');
    await new Promise((resolve) => setTimeout(resolve, 2_600)); // desk and channel storage catch up
    // The host reloads: the page's room and console go, new ones come with the same host id.
    room.remove();
    const reloaded = document.createElement('linger-room');
    reloaded.channel = 'hc-reload-lottery';
    reloaded.hosts = 'host-1';
    reloaded.customTransport = network.connect('host-1');
    const console2 = document.createElement('linger-host-console') as LingerHostConsole;
    reloaded.append(console2);
    wrapper.append(reloaded);
    await waitUntil(() => reloaded.session?.state.lottery?.id === lotteryId, 'the open lottery is back from channel storage', { timeout: 5000 });
    await waitUntil(() => (reloaded.session!.ledger.entrants.get(lotteryId)?.size ?? 0) === 2, 'entries are back from the desk', { timeout: 5000 });
    (shadow(console2).querySelector('#tab-lottery') as HTMLButtonElement).click();
    await console2.updateComplete;
    button(shadow(console2), 'Draw')!.click();
    await waitUntil(() => viewers.every((viewer) => viewer.viewer.draws[lotteryId]?.status === 'verified'), 'the draw verifies against the commitment made before the reload', { timeout: 8000 });
    await close();
  });
});
