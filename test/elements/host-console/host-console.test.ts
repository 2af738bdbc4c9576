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
    for (const tab of ['rhythm', 'lottery', 'quiz', 'products', 'chat', 'figures', 'vote', 'stage', 'studio']) {
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

describe('<linger-host-console> fixes', () => {
  it('follows the room its `room` names, and another room when `room` changes', async () => {
    const networks = { a: new MemoryNetwork({ latency: 1 }), b: new MemoryNetwork({ latency: 1 }) };
    for (const channel of ['hc-room-a', 'hc-room-b']) localStorage.removeItem(`linger:console:${channel}`);
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <linger-room id="room-a" channel="hc-room-a" hosts="host-1" .customTransport=${networks.a.connect('host-1')}></linger-room>
      <linger-host-console room="room-b"></linger-host-console>
      <linger-room id="room-b" channel="hc-room-b" hosts="host-1" .customTransport=${networks.b.connect('host-1')}></linger-room>
    </div>`);
    const console = wrapper.querySelector<LingerHostConsole>('linger-host-console')!;
    const root = shadow(console);
    const viewerA = new RoomSession({ transport: networks.a.connect('viewer-a'), hosts: ['host-1'] });
    const viewerB = new RoomSession({ transport: networks.b.connect('viewer-b'), hosts: ['host-1'] });
    await Promise.all([viewerA.connect(), viewerB.connect()]);
    expect(console.room, 'the attribute is the property').to.equal('room-b');

    await waitUntil(() => button(root, 'Go live'), 'the console drives room b');
    button(root, 'Go live')!.click();
    await waitUntil(() => viewerB.state.show.phase === 'live', 'room b went live', { timeout: 5000 });
    expect(viewerA.state.show.phase, 'room a was not touched').to.equal('upcoming');
    await waitUntil(() => button(root, 'End show'), 'the header follows room b');

    console.room = 'room-a';
    await console.updateComplete;
    expect(console.getAttribute('room'), 'the element never writes its own attributes').to.equal('room-b');
    await waitUntil(() => button(root, 'Go live'), 'the header follows room a (not live yet)');
    button(root, 'Go live')!.click();
    await waitUntil(() => viewerA.state.show.phase === 'live', 'room a went live from the same console');

    console.setAttribute('room', 'room-b');
    await waitUntil(() => button(root, 'End show') && console.room === 'room-b', 'back on room b through the attribute');
    await Promise.all([viewerA.close(), viewerB.close()]);
  });

  it('returns to the new-lottery form once a like-goal lottery is unlocked', async function () {
    this.timeout(20_000);
    const { console, room, viewers, close } = await stage('hc-like-goal');
    const root = shadow(console);
    (root.querySelector('#tab-lottery') as HTMLButtonElement).click();
    await console.updateComplete;
    let form = root.querySelector('form')!;
    (form.querySelector('[name="mode"]') as HTMLSelectElement).value = 'like-goal';
    (form.querySelector('[name="goal"]') as HTMLInputElement).value = '3';
    (form.querySelector('[name="prize"]') as HTMLInputElement).value = 'Everyone: free shipping';
    button(form, 'Open lottery')!.click();
    await waitUntil(() => viewers.every((viewer) => viewer.state.lottery?.status === 'open'), 'like-goal lottery open');
    await waitUntil(() => !root.querySelector('form'), 'the form makes way while it runs');
    viewers[0]!.like(3);
    await waitUntil(() => room.session!.state.lottery?.status === 'unlocked', 'the goal unlocked it', { timeout: 5000 });
    await waitUntil(() => root.querySelector('form') && button(root.querySelector('form')!, 'Open lottery'), 'the new-lottery form is back');
    const status = root.querySelector('[part="next"]')!;
    expect(status.textContent, 'says it was unlocked').to.contain('Unlocked');
    expect(button(status, 'Draw'), 'nothing left to draw').to.equal(undefined);
    expect(status.textContent, 'no draw, so no "no winners"').to.not.contain('no winners');

    // The next lottery opens from the form.
    form = root.querySelector('form')!;
    (form.querySelector('[name="prize"]') as HTMLInputElement).value = 'Silk scarf';
    button(form, 'Open lottery')!.click();
    await waitUntil(() => viewers.every((viewer) => viewer.state.lottery?.status === 'open' && viewer.state.lottery.prize === 'Silk scarf'), 'a new lottery opened');
    expect(root.querySelector('.error'), 'no error').to.equal(null);
    await close();
  });

  it('says a bad quiz bank is not a valid quiz bank', async () => {
    const { console, close } = await stage('hc-bad-bank');
    const root = shadow(console);
    (root.querySelector('#tab-quiz') as HTMLButtonElement).click();
    await console.updateComplete;
    root.querySelector<HTMLTextAreaElement>('#bank-json')!.value = '{"question": "not a list"}';
    button(root, 'Import')!.click();
    await console.updateComplete;
    const error = root.querySelector('[part="error"]')!.textContent!;
    expect(error, 'names the quiz bank').to.contain('That is not a valid quiz bank');
    expect(error, 'with the reason').to.contain('expected a JSON array of questions');
    expect(error, 'not the products message').to.not.contain('product');
    await close();
  });

  it('switches tabs with Alt+digit by key position (Option+1 on a Mac types "¡")', async () => {
    const { console, close } = await stage('hc-alt-keys');
    const root = shadow(console);
    const selected = () => root.querySelector('[role="tab"][aria-selected="true"]')!.id;
    (root.querySelector('#tab-lottery') as HTMLButtonElement).click();
    await console.updateComplete;
    expect(selected()).to.equal('tab-lottery');
    const press = (key: string, code: string) => {
      const event = new KeyboardEvent('keydown', { key, code, altKey: true, bubbles: true, composed: true, cancelable: true });
      root.querySelector('#tab-lottery')!.dispatchEvent(event);
      return event;
    };
    const first = press('¡', 'Digit1');
    await console.updateComplete;
    expect(selected(), 'Option+1 opens the first tab').to.equal('tab-rhythm');
    expect(first.defaultPrevented, 'the shortcut is taken').to.equal(true);
    press('£', 'Digit3');
    await console.updateComplete;
    expect(selected(), 'Option+3 opens the third tab').to.equal('tab-quiz');
    press('6', 'Digit6');
    await console.updateComplete;
    expect(selected(), 'Alt+6 still works').to.equal('tab-figures');
    const other = press('1', 'KeyQ');
    await console.updateComplete;
    expect(selected(), 'a letter key typing a digit is not a tab shortcut').to.equal('tab-figures');
    expect(other.defaultPrevented).to.equal(false);
    await close();
  });

  it('counts in words of the language: one entrant, 2 entrants, 1 answer; Arabic singular, dual and plural', async function () {
    this.timeout(20_000);
    const { console, network, viewers, close } = await stage('hc-plurals');
    const root = shadow(console);
    const status = () => root.querySelector('[part="next"]')?.textContent ?? '';
    (root.querySelector('#tab-lottery') as HTMLButtonElement).click();
    await console.updateComplete;
    let form = root.querySelector('form')!;
    (form.querySelector('[name="prize"]') as HTMLInputElement).value = 'Silk scarf';
    button(form, 'Open lottery')!.click();
    await waitUntil(() => viewers.every((viewer) => viewer.state.lottery?.status === 'open'), 'lottery open');
    expect(status(), 'none yet').to.contain('Open · 0 entrants');
    viewers[0]!.chat('1');
    await waitUntil(() => /Open · 1 entrant(?!s)/.test(status()), 'one entrant, singular', { timeout: 5000 });
    viewers[1]!.chat('1');
    await waitUntil(() => status().includes('Open · 2 entrants'), 'two entrants, plural', { timeout: 5000 });
    button(root, 'Draw')!.click();
    await waitUntil(() => viewers.every((viewer) => viewer.state.lottery?.status === 'drawn'), 'drawn');

    (root.querySelector('#tab-quiz') as HTMLButtonElement).click();
    await console.updateComplete;
    root.querySelector<HTMLTextAreaElement>('#bank-json')!.value = JSON.stringify([
      { question: 'Which silk is wild?', options: ['Mulberry', 'Tussar'], correct: 1, seconds: 60 },
    ]);
    button(root, 'Import')!.click();
    await console.updateComplete;
    button(root, 'Ask')!.click();
    await waitUntil(() => viewers.every((viewer) => viewer.state.quiz?.status === 'open'), 'quiz open');
    viewers[0]!.answer(viewers[0]!.state.quiz!.id, 1);
    await waitUntil(() => status().includes('1 answer in'), 'one answer, singular');
    viewers[1]!.answer(viewers[1]!.state.quiz!.id, 1);
    await waitUntil(() => status().includes('2 answers in'), 'two answers, plural');

    // Arabic: "one entrant" and "two entrants" are words of their own; 3–10 take the plural noun.
    const third = new RoomSession({ transport: network.connect('viewer-c'), hosts: ['host-1'] });
    await third.connect();
    console.locale = 'ar';
    (root.querySelector('#tab-lottery') as HTMLButtonElement).click();
    await waitUntil(() => root.querySelector('form') && button(root.querySelector('form')!, 'فتح السحب'), 'Arabic strings loaded');
    form = root.querySelector('form')!;
    (form.querySelector('[name="prize"]') as HTMLInputElement).value = 'Tea set';
    button(form, 'فتح السحب')!.click();
    await waitUntil(() => viewers.every((viewer) => viewer.state.lottery?.status === 'open'), 'second lottery open');
    expect(status(), 'zero').to.contain('لا مشاركين');
    viewers[0]!.chat('1');
    await waitUntil(() => status().includes('مشارك واحد'), 'one entrant (singular + "one")', { timeout: 5000 });
    viewers[1]!.chat('1');
    await waitUntil(() => status().includes('مشاركان'), 'two entrants (dual)', { timeout: 5000 });
    third.chat('1');
    const three = `${new Intl.NumberFormat('ar').format(3)} مشاركين`;
    await waitUntil(() => status().includes(three), `three entrants, formatted for Arabic: ${three}`, { timeout: 5000 });
    await third.close();
    await close();
  });
});
