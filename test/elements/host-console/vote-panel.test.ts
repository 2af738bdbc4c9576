import { expect, waitUntil } from '@open-wc/testing';
import '../../../src/elements/room/linger-room.js';
import '../../../src/elements/host-console/linger-host-console.js';
import { translation } from '../../../src/elements/host-console/host-console.strings.js';
import { RoomSession } from '../../../src/core/session.js';
import { expectNoRawKeys } from '../../helpers/i18n.js';
import { consoleOnMemory } from './console-rig.js';

const shadow = (element: Element) => element.shadowRoot!;
/** Waits for a state; the test's own timeout is the only bound. */
const until = (condition: () => unknown, message: string) => waitUntil(condition, message, { timeout: 50_000, interval: 20 });
const button = (root: ParentNode, label: string) =>
  [...root.querySelectorAll('button')].find((candidate) => candidate.textContent!.trim() === label) as HTMLButtonElement | undefined;

async function stage(channel: string, lang?: string) {
  const { network, room, console } = await consoleOnMemory(channel, lang ?? 'en');
  await waitUntil(() => room.session?.$status.get() === 'connected', 'room connected');
  const viewers: RoomSession[] = [];
  for (const id of ['viewer-a', 'viewer-b', 'viewer-c']) {
    const viewer = new RoomSession({ transport: network.connect(id), hosts: ['host-1'] });
    await viewer.connect();
    viewers.push(viewer);
  }
  await console.updateComplete;
  return {
    room,
    console,
    viewers,
    close: async () => {
      await Promise.all(viewers.map((viewer) => viewer.close()));
      localStorage.removeItem(`linger:console:${channel}`);
    },
  };
}

const type = (root: ParentNode, name: string, value: string) => {
  const field = root.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)!;
  field.value = value;
  field.dispatchEvent(new Event(field.tagName === 'SELECT' ? 'change' : 'input'));
};

describe('<linger-host-console> Vote tab', () => {
  it('opens a product vote (Alt+7), shows live counts, closes it and pins the winner in one click', async function () {
    this.timeout(60_000);
    const { console, viewers, close } = await stage('hc-vote');
    const root = shadow(console);
    try {
      (root.querySelector('#tab-products') as HTMLButtonElement).click();
      await console.updateComplete;
      root.querySelector<HTMLTextAreaElement>('#products-json')!.value = JSON.stringify([
        { id: 'red', title: 'Red dress', price: '$49', image: 'https://shop.example/red.jpg' },
        { id: 'blue', title: 'Blue dress', price: '$49', image: 'https://shop.example/blue.jpg' },
      ]);
      button(root, 'Import')!.click();
      await console.updateComplete;
      const press = new KeyboardEvent('keydown', { key: '7', code: 'Digit7', altKey: true, bubbles: true, composed: true, cancelable: true });
      root.querySelector('#tab-products')!.dispatchEvent(press);
      await console.updateComplete;
      expect(root.querySelector('[role="tab"][aria-selected="true"]')!.id, 'Alt+7 opens the Vote tab').to.equal('tab-vote');
      await expect(console, 'vote form').to.be.accessible();

      // One option only: refused with the console's own sentence, nothing sent.
      type(root, 'question', 'Which colour opens the sale?');
      type(root, 'option1', 'Only one');
      button(root, 'Open vote')!.click();
      await console.updateComplete;
      expect(root.querySelector('[part="error"]')!.textContent, 'needs two options').to.contain('at least two options');
      expect(viewers[0]!.state.vote ?? null, 'nothing sent').to.equal(null);

      type(root, 'option1', '');
      type(root, 'product1', 'red');
      type(root, 'product2', 'blue');
      type(root, 'option3', 'Something else');
      button(root, 'Open vote')!.click();
      await until(() => viewers.every((viewer) => viewer.state.vote?.status === 'open'), 'the vote opened on every viewer');
      const vote = viewers[0]!.state.vote!;
      expect(vote.options.map((option) => option.label), 'product titles stand in for empty texts').to.deep.equal(['Red dress', 'Blue dress', 'Something else']);
      expect(vote.options[1]!.product?.image, 'with the product and its image').to.equal('https://shop.example/blue.jpg');
      viewers[0]!.castVote(vote.id, 1);
      viewers[1]!.castVote(vote.id, 1);
      viewers[2]!.castVote(vote.id, 0);
      await until(() => root.querySelector('[part="next"]')?.textContent?.includes('3 votes'), 'live total in the console');
      expect([...root.querySelectorAll('[part="list-item"]')].map((item) => item.textContent!.replace(/\s+/g, ' ').trim()), 'counts per option').to.deep.equal([
        'Red dress 1 vote · 33%',
        'Blue dress 2 votes · 67%',
        'Something else 0 votes · 0%',
      ]);
      await expect(console, 'running vote').to.be.accessible();
      button(root, 'Close and publish the result')!.click();
      await until(() => viewers.every((viewer) => viewer.viewer.voteChecks[vote.id]?.status === 'verified'), 'every viewer verifies the result');
      await until(() => button(root, 'Pin the winner'), 'pin the winner offered');
      expect(root.querySelector('[part="next"]')!.textContent, 'the result').to.contain('Result: \u2068Blue dress\u2069');
      button(root, 'Pin the winner')!.click();
      await until(() => viewers.every((viewer) => viewer.state.pinned?.product.id === 'blue'), 'the winning product is pinned on every screen');
      await until(() => !button(root, 'Pin the winner'), 'pinned: the button goes');
      expectNoRawKeys(console, translation);
    } finally {
      await close();
    }
  });

  it('is accessible right to left in Arabic, with the vote in Arabic words', async function () {
    this.timeout(60_000);
    const { console, room, viewers, close } = await stage('hc-vote-ar', 'ar');
    const root = shadow(console);
    try {
      (root.querySelector('#tab-vote') as HTMLButtonElement).click();
      await console.updateComplete;
      expect(root.querySelector('[part="base"]')!.getAttribute('dir'), 'right to left').to.equal('rtl');
      await expect(console, 'Arabic vote form').to.be.accessible();
      await room.session!.openVote({ question: 'أي لون؟', options: ['أحمر', 'أزرق'], seconds: 600 });
      viewers[0]!.castVote(room.session!.state.vote!.id, 0);
      viewers[1]!.castVote(room.session!.state.vote!.id, 0);
      await until(() => root.querySelector('[part="next"]')?.textContent?.includes('صوتان'), 'dual in Arabic');
      await expect(console, 'Arabic running vote').to.be.accessible();
    } finally {
      await close();
    }
  });
});
