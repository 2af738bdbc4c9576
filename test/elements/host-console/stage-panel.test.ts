// The console's Stage tab (co-hosting, docs/studio.md § Co-hosting): asks, invitations, guests.
import { expect, waitUntil } from '@open-wc/testing';
import '../../../src/elements/room/linger-room.js';
import '../../../src/elements/host-console/linger-host-console.js';
import { translation } from '../../../src/elements/host-console/host-console.strings.js';
import { RoomSession } from '../../../src/core/session.js';
import { expectNoRawKeys } from '../../helpers/i18n.js';
import { CANARY, canaryFired } from '../../hardening/corpus.js';
import { consoleOnMemory } from './console-rig.js';

const shadow = (element: Element) => element.shadowRoot!;
const until = (condition: () => unknown, message: string) => waitUntil(condition, message, { timeout: 50_000, interval: 20 });
const buttons = (root: ParentNode, label: string) => [...root.querySelectorAll('button')].filter((candidate) => candidate.textContent!.trim() === label);
const en = translation.en;

describe('<linger-host-console> Stage tab', () => {
  it('opens asks, lists requests as text, invites up to three, mutes and removes guests — all from the keyboard', async function () {
    this.timeout(60_000);
    const channel = 'hc-stage';
    const { network, room, console } = await consoleOnMemory(channel);
    await until(() => room.session?.$status.get() === 'connected', 'room connected');
    const viewers: RoomSession[] = [];
    for (const id of ['viewer-a', 'viewer-b', 'viewer-c', 'viewer-d']) {
      const viewer = new RoomSession({ transport: network.connect(id), hosts: ['host-1'] });
      await viewer.connect();
      viewers.push(viewer);
    }
    const root = shadow(console);
    try {
      // Alt+8 opens the Stage tab.
      root.querySelector<HTMLElement>('#tab-rhythm')!.dispatchEvent(new KeyboardEvent('keydown', { key: '8', code: 'Digit8', altKey: true, bubbles: true, composed: true }));
      await until(() => root.querySelector('#stage-open'), 'the Stage tab');
      expect(root.textContent, 'asks are off by default').to.include(en.stageClosed);
      const toggle = root.querySelector<HTMLInputElement>('#stage-open')!;
      toggle.focus();
      toggle.click();
      await until(() => viewers.every((viewer) => viewer.state.stage?.open), 'asks open on every screen');

      const hostileName = `<img src=x onerror="${CANARY}">`.slice(0, 40);
      const hostileText = `<script>${CANARY}</script> ‮ please`;
      viewers[0]!.stage.ask({ name: hostileName, text: hostileText });
      for (const viewer of viewers.slice(1)) viewer.stage.ask({ name: `Guest ${viewer.userId}` });
      await until(() => buttons(root, en.stageInvite).length === 4, 'four requests with Invite');
      const first = root.querySelector('#stage-queue + ul li')!;
      expect(first.querySelector('.who')!.textContent, 'the name, as text').to.equal(hostileName);
      expect(first.querySelector('.text')!.textContent, 'the request, as text').to.equal(hostileText);
      expect(root.querySelector('img, script'), 'no markup from a viewer').to.equal(null);
      expect(canaryFired(), 'inert').to.equal(false);

      for (let i = 0; i < 3; i++) {
        const invite = buttons(root, en.stageInvite)[0]!;
        invite.focus();
        expect(root.activeElement, 'Invite takes the focus').to.equal(invite);
        invite.click();
        await until(() => viewers[i]!.stage.$mine.get().invitedBy === 'host-1', `viewer ${i} invited`);
      }
      await until(() => buttons(root, en.stageInvite).every((button) => button.disabled), 'three invited: Invite is off');
      expect(root.textContent, 'says why').to.include(en.stageFull);
      expect(buttons(root, en.stageWithdraw).length, 'the invitations wait').to.equal(3);

      for (const viewer of viewers.slice(0, 3)) viewer.stage.accept();
      await until(() => buttons(root, en.stageRemove).length === 3, 'three guests with Remove');
      buttons(root, en.stageMute)[0]!.click();
      await until(() => viewers[3]!.state.stage?.guests[0]?.muted === true, 'muted on every screen');
      await until(() => buttons(root, en.stageUnmute).length === 1, 'Unmute offered');
      buttons(root, en.stageRemove)[0]!.click();
      await until(() => viewers[3]!.state.stage?.guests.length === 2, 'removed on every screen');
      await until(() => buttons(root, en.stageInvite).some((button) => !button.disabled), 'room for one more');
      expectNoRawKeys(console, translation);
      await expect(console).to.be.accessible();
    } finally {
      await Promise.all(viewers.map((viewer) => viewer.close()));
      localStorage.removeItem(`linger:console:${channel}`);
    }
  });
});
