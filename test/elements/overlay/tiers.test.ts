/**
 * Tiers for merchants (docs/tiers.md): the merchant's tier names per language on the badges, the
 * claim from `profile-url` (fetched with the shopper's cookies; bad answers ignored), and the
 * returning-viewer count kept on this device only with consent.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/room/linger-room.js';
import '../../../src/elements/overlay/linger-overlay.js';
import '../../../src/elements/lottery/linger-lottery.js';
import '../../../src/elements/host-console/linger-host-console.js';
import type { LingerRoom } from '../../../src/elements/room/room.js';
import type { LingerOverlay } from '../../../src/elements/overlay/overlay.js';
import type { LingerLottery } from '../../../src/elements/lottery/lottery.js';
import { MemoryNetwork } from '../../../src/transports/memory.js';
import { RoomSession } from '../../../src/core/session.js';
import { parseTierNames, tierLabel } from '../../../src/core/tier-label.js';
import { translation } from '../../../src/elements/overlay/overlay.strings.js';
import { expectCompleteTranslation, expectNoRawKeys } from '../../helpers/i18n.js';

const until = (condition: () => unknown, message: string) => waitUntil(condition, message, { timeout: 50_000, interval: 20 });
const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const NAMES = JSON.stringify({ vip: { en: 'VIP', ar: 'كبار العملاء', 'pt-BR': 'VIP Brasil' } });

let count = 0;
async function stage(inner: string, attrs: Record<string, string>, options: { lang?: string; tierKey?: JsonWebKey } = {}) {
  const network = new MemoryNetwork();
  const host = new RoomSession({ transport: network.connect('host-1'), hosts: ['host-1'], ...(options.tierKey ? { tierKey: options.tierKey } : {}) });
  await host.connect();
  const wrapper = await fixture<HTMLElement>(html`<div></div>`);
  if (options.lang === 'ar') Object.assign(wrapper, { lang: 'ar', dir: 'rtl' });
  const room = document.createElement('linger-room') as LingerRoom;
  room.id = `tiers-${++count}`;
  room.hosts = 'host-1';
  for (const [name, value] of Object.entries(attrs)) room.setAttribute(name, value);
  room.customTransport = network.connect('viewer-1');
  room.innerHTML = inner;
  wrapper.append(room);
  await until(() => room.session?.$status.get() === 'connected', 'viewer room connects');
  await until(() => room.session!.state.epoch !== null, 'viewer has the host snapshot');
  return { host, room, close: async () => (wrapper.remove(), await host.close()) };
}

describe('tiers for merchants', () => {
  it('names a tier the merchant\u2019s way per language, else as the claim has it; hostile names are text', () => {
    const room = document.createElement('div');
    room.setAttribute('tier-names', NAMES);
    expect(tierLabel('vip', room, 'ar')).to.equal('كبار العملاء');
    expect(tierLabel('vip', room, 'pt-BR')).to.equal('VIP Brasil');
    expect(tierLabel('vip', room, 'es-MX'), 'no Spanish name: English').to.equal('VIP');
    expect(tierLabel('gold', room, 'ar'), 'an unnamed tier shows as it is').to.equal('gold');
    expect(tierLabel('constructor', room, 'en'), 'no prototype keys').to.equal('constructor');
    room.setAttribute('tier-names', '{not json');
    expect(tierLabel('vip', room, 'en'), 'malformed names are ignored').to.equal('vip');
    expect(Object.keys(parseTierNames({ vip: { en: 5, '<x>': 'a' }, 'bad tier!': { en: 'x' } }).vip!), 'only string names under language tags').to.deep.equal([]);
  });

  for (const [lang, name] of [['en', 'VIP'], ['ar', 'كبار العملاء']] as const) {
    it(`draws the merchant\u2019s tier name on the chat and winner badges (${lang}, axe)`, async function () {
      this.timeout(60_000);
      const s = await stage('<linger-overlay></linger-overlay><linger-lottery></linger-lottery>', { 'tier-names': NAMES }, { lang });
      try {
        const overlay = s.room.querySelector('linger-overlay') as LingerOverlay;
        const lottery = s.room.querySelector('linger-lottery') as LingerLottery;
        s.host.ledger.tiers.set('viewer-1', 'vip');
        s.host.act('tier', { viewer: 'viewer-1', tier: 'vip' });
        await s.host.openLottery({ id: 'lot-n', mode: 'tap', prize: 'Gift', winners: 1, seconds: 3600 });
        await until(() => s.room.session!.state.tiers?.length, 'the tier reached the viewer');
        s.room.session!.chat('Hello');
        await until(() => part(overlay, 'comment-tier')?.textContent === name, `the chat badge says ${name}`);
        s.room.session!.enter('lot-n');
        await until(() => s.host.ledger.entrantCount('lot-n') === 1, 'entered');
        await s.host.drawLottery();
        await until(() => part(lottery, 'winner-tier')?.textContent === name, 'the winner badge too');
        await expect(overlay).to.be.accessible();
        await expect(lottery).to.be.accessible();
      } finally {
        await s.close();
      }
    });
  }

  it('names the tier the merchant\u2019s way in the host console\u2019s chat (ar)', async function () {
    this.timeout(60_000);
    const network = new MemoryNetwork();
    const wrapper = await fixture<HTMLElement>(html`<div lang="ar" dir="rtl" style="inline-size: 900px">
      <linger-room id="tiers-console" hosts="host-1" tier-names=${NAMES} .customTransport=${network.connect('host-1')}><linger-host-console></linger-host-console></linger-room>
    </div>`);
    const hostRoom = wrapper.querySelector('linger-room') as LingerRoom;
    const hostConsole = wrapper.querySelector('linger-host-console')!;
    await until(() => hostRoom.session?.$status.get() === 'connected', 'host room connects');
    const viewer = new RoomSession({ transport: network.connect('viewer-1'), hosts: ['host-1'] });
    await viewer.connect();
    try {
      const host = hostRoom.session!;
      host.ledger.tiers.set('viewer-1', 'vip');
      host.act('tier', { viewer: 'viewer-1', tier: 'vip' });
      await until(() => viewer.state.tiers?.length, 'the viewer has its tier');
      viewer.chat('مرحبا', { name: 'Mina' });
      hostConsole.shadowRoot!.querySelector<HTMLButtonElement>('#tab-chat')!.click();
      await until(() => hostConsole.shadowRoot!.querySelector('.who .tier')?.textContent === 'كبار العملاء', 'the console\u2019s chat badge');
    } finally {
      await viewer.close();
      localStorage.removeItem('linger:console:');
    }
  });

  it('profile-url: the claim the merchant answers (with the shopper\u2019s cookies) is sent and verified', async function () {
    this.timeout(60_000);
    const key = (await (await fetch('/test-api/profile/key')).json()) as JsonWebKey;
    document.cookie = 'linger_member=1; path=/';
    const before = ((await (await fetch('/test-api/profile/hits')).json()) as { withCookie: number }).withCookie;
    const s = await stage('', { 'profile-url': '/test-api/profile/claim?tier=vip' }, { tierKey: key });
    try {
      await until(() => s.host.ledger.tiers.get('viewer-1') === 'vip', 'the host verified the claim for viewer-1');
      const after = ((await (await fetch('/test-api/profile/hits')).json()) as { withCookie: number }).withCookie;
      expect(after - before, 'asked once, with the cookie').to.equal(1);
    } finally {
      document.cookie = 'linger_member=; path=/; max-age=0';
      await s.close();
    }
  });

  for (const answer of ['junk', 'html', 'long', 'json-junk', 'signed-out']) {
    it(`profile-url: a bad answer (${answer}) is ignored, the viewer connects untiered`, async function () {
      this.timeout(60_000);
      const key = (await (await fetch('/test-api/profile/key')).json()) as JsonWebKey;
      const s = await stage('<linger-overlay></linger-overlay>', { 'profile-url': `/test-api/profile/claim?answer=${answer === 'signed-out' ? '' : answer}` }, { tierKey: key });
      try {
        s.room.session!.chat('still here');
        await until(() => s.host.state.chat.some((line) => line.text === 'still here'), 'the viewer works as without a tier');
        expect(s.host.ledger.tiers.has('viewer-1'), 'no tier').to.equal(false);
        expect(Object.values(s.host.ledger.tierRefusals).reduce((a, b) => a + b, 0), 'nothing was sent to refuse').to.equal(0);
        expect((window as { __pwned?: unknown }).__pwned, 'nothing ran').to.equal(undefined);
      } finally {
        await s.close();
      }
    });
  }

  describe('the returning-viewer count', () => {
    beforeEach(() => localStorage.removeItem('linger:shows'));
    after(() => localStorage.removeItem('linger:shows'));

    for (const [lang, text] of [['en', '3rd show you\u2019re watching'], ['ar', 'هذا البث رقم 3 الذي تشاهده']] as const) {
      it(`with consent, counts this device\u2019s shows and shows it to this viewer only (${lang}, axe)`, async function () {
        this.timeout(60_000);
        localStorage.setItem('linger:shows', JSON.stringify(['spring', 'summer']));
        const s = await stage('<linger-overlay></linger-overlay>', { consent: 'granted', show: 'autumn' }, { lang });
        try {
          const overlay = s.room.querySelector('linger-overlay') as LingerOverlay;
          expect(s.room.showsWatched).to.equal(3);
          await until(() => part(overlay, 'returning')?.textContent === text, `the chip says "${text}": ${part(overlay, 'returning')?.textContent}`);
          expect(JSON.parse(localStorage.getItem('linger:shows')!)).to.deep.equal(['spring', 'summer', 'autumn']);
          expect(JSON.stringify(s.host.state), 'nothing of it reaches the host').not.to.include('autumn');
          expectNoRawKeys(overlay, translation);
          await expect(overlay).to.be.accessible();
        } finally {
          await s.close();
        }
      });
    }

    it('without consent stores and shows nothing; a denial erases the history', async function () {
      this.timeout(60_000);
      localStorage.setItem('linger:shows', JSON.stringify(['spring', 'summer']));
      const s = await stage('<linger-overlay></linger-overlay>', { show: 'autumn' });
      try {
        const overlay = s.room.querySelector('linger-overlay') as LingerOverlay;
        expect(s.room.showsWatched, 'unset consent: not counted').to.equal(0);
        expect(JSON.parse(localStorage.getItem('linger:shows')!), 'untouched').to.deep.equal(['spring', 'summer']);
        expect(part(overlay, 'returning')).to.equal(null);
        s.room.consent = 'granted';
        await until(() => s.room.showsWatched === 3, 'granted: counted');
        // The chip follows consent at once, not on the overlay's next tick.
        await overlay.updateComplete;
        expect(part(overlay, 'returning')?.textContent, 'chip shown with the grant').to.include('3');
        s.room.consent = 'denied';
        await until(() => localStorage.getItem('linger:shows') === null, 'denied: erased');
        expect(s.room.showsWatched).to.equal(0);
      } finally {
        await s.close();
      }
    });
  });

  it('has the returning-viewer string in every language', async () => {
    await expectCompleteTranslation(translation);
  });
});
