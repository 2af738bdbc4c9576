import { expect, waitUntil } from '@open-wc/testing';
import '../../../src/elements/countdown/linger-countdown.js';
import type { LingerCountdown } from '../../../src/elements/countdown/countdown.js';
import { translation } from '../../../src/elements/countdown/countdown.strings.js';
import type { LingerRemindMeEvent } from '../../../src/events/dom/linger-remind-me.js';
import { expectCompleteTranslation, expectRtlPhoneLayout } from '../../helpers/i18n.js';
import { shadowText, stage } from '../lottery/setup.js';

const trueNow = () => performance.timeOrigin + performance.now();
const phaseOf = (el: LingerCountdown) => el.shadowRoot!.querySelector('[part~="base"]')?.getAttribute('data-phase') ?? 'none';

for (const skewMinutes of [5, -5]) {
  describe(`<linger-countdown> on a viewer clock ${skewMinutes > 0 ? '+' : ''}${skewMinutes} min off`, () => {
    const realNow = Date.now;
    beforeEach(() => {
      // The viewer's page clock is off; the host keeps the true time.
      Date.now = () => Math.round(trueNow() + skewMinutes * 60_000);
    });
    afterEach(() => {
      Date.now = realNow;
    });

    it('switches to pre-announce and to the drop at the host second', async function () {
      this.timeout(15_000);
      const s = await stage('<linger-countdown></linger-countdown>', { hostNow: trueNow });
      const el = s.room.querySelector('linger-countdown') as LingerCountdown;
      try {
        await waitUntil(() => s.room.session!.clock.uncertainty < 50, 'viewer clock synced to the host', { timeout: 3000 });
        const at = Math.round(trueNow() + 3000);
        s.host.act('schedule', { perks: [{ id: 'p1', kind: 'flash', at, lead: 2, prompt: 'Type 1 if you want it!', title: 'Flash: −30%' }] });
        await waitUntil(() => phaseOf(el) === 'counting', 'counting');
        // 3 s ahead, read on a clock synced to within 50 ms: the first render may count 3.0x s, shown as 0:04.
        expect(shadowText(el), 'title and clock').to.match(/Flash: −30%.*0:0[234]/);
        await waitUntil(() => phaseOf(el) === 'announce', 'pre-announce', { timeout: 3000 });
        const announcedAt = trueNow();
        expect(Math.abs(announcedAt - (at - 2000)), 'pre-announce within 300 ms of the host second').to.be.below(300);
        expect(shadowText(el), 'host prompt').to.include('Type 1 if you want it!');
        await waitUntil(() => phaseOf(el) === 'drop', 'drop', { timeout: 3000 });
        expect(Math.abs(trueNow() - at), 'drop within 300 ms of the host second').to.be.below(300);
        s.host.act('perk.drop', { id: 'p1', title: 'Flash: −30%', code: 'LIVE30' });
        await waitUntil(() => shadowText(el).includes('LIVE30'), 'the code shows');
        await expect(el).to.be.accessible();
      } finally {
        await s.close();
      }
    });
  });
}

describe('<linger-countdown>', () => {
  it('an Arabic perk title on an English page runs right to left in its own isolate (dir=auto)', async () => {
    const s = await stage('<linger-countdown></linger-countdown>');
    const el = s.room.querySelector('linger-countdown') as LingerCountdown;
    try {
      s.host.act('schedule', { perks: [{ id: 'a1', kind: 'quiz', at: Date.now() + 10 * 60_000, lead: 90, prompt: 'اكتب 1', title: 'وشاح حريري!' }] });
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="title"]'), 'title');
      const title = el.shadowRoot!.querySelector('[part~="title"]')!;
      expect(title.getAttribute('dir'), 'isolated').to.equal('auto');
      expect(getComputedStyle(title).direction, 'its own direction, not the page’s').to.equal('rtl');
    } finally {
      await s.close();
    }
  });

  it('remind me: fires linger-remind-me, tracks it, and offers .ics, Google and Outlook', async () => {
    const s = await stage('<linger-countdown></linger-countdown>');
    const el = s.room.querySelector('linger-countdown') as LingerCountdown;
    try {
      const at = Math.round(Date.now() + 10 * 60_000);
      s.host.act('schedule', { perks: [{ id: 'p2', kind: 'quiz', at, lead: 90, prompt: 'Get ready', title: 'Quiz, with prizes' }] });
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="remind-button"]'), 'remind button');
      let detail: LingerRemindMeEvent['detail'] | null = null;
      const tracked: Array<[string, Record<string, unknown>]> = [];
      s.room.session!.onTrack((type, props) => tracked.push([type, props]));
      s.wrapper.addEventListener('linger-remind-me', (event) => (detail = event.detail));
      (el.shadowRoot!.querySelector('[part~="remind-button"]') as HTMLButtonElement).click();
      // The calendar links load with the first "Remind me" button, not on first paint.
      await waitUntil(() => detail && el.shadowRoot!.querySelectorAll('[part~="reminders"] a').length === 3, 'the event and the links');
      expect(detail!.id, 'event for the perk').to.equal('p2');
      expect(detail!.ics, 'ics escapes the comma').to.include('SUMMARY:Quiz\\, with prizes');
      expect(tracked, 'track(remind_me)').to.deep.include(['remind_me', { perk: 'p2' }]);
      const links = [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part~="reminders"] a')];
      expect(links.length, 'three links').to.equal(3);
      expect(links[0]!.href.startsWith('data:text/calendar'), '.ics download').to.equal(true);
      expect(links[0]!.getAttribute('download'), 'file name').to.equal('p2.ics');
      expect(links[1]!.href, 'Google').to.include('calendar.google.com');
      expect(links[2]!.href, 'Outlook').to.include('outlook.live.com');
      await expect(el).to.be.accessible();
    } finally {
      await s.close();
    }
  });

  it('first-N drop: remaining count, claim, sold out', async () => {
    const s = await stage('<linger-countdown></linger-countdown>');
    const el = s.room.querySelector('linger-countdown') as LingerCountdown;
    try {
      const at = Math.round(s.host.clock.now() - 1000);
      s.host.act('schedule', { perks: [{ id: 'fn', kind: 'first-n', at, lead: 60, prompt: '', title: 'First 1 order: gift' }] });
      s.host.act('perk.drop', { id: 'fn', title: 'First 1 order: gift', remaining: 1 });
      await waitUntil(() => shadowText(el).includes('1 left'), 'remaining');
      (el.shadowRoot!.querySelector('button.claim') as HTMLButtonElement).click();
      await waitUntil(() => shadowText(el).includes('Claimed!'), 'claimed');
      await waitUntil(() => shadowText(el).includes('All gone'), 'sold out after the claim', { timeout: 3000 });
      await expect(el).to.be.accessible();
    } finally {
      await s.close();
    }
  });

  it('a perk the host fires early ("Fire now") shows its drop at once, not at its planned time', async () => {
    const s = await stage('<linger-countdown></linger-countdown>');
    const el = s.room.querySelector('linger-countdown') as LingerCountdown;
    try {
      const at = Math.round(s.host.clock.now() + 10 * 60_000);
      s.host.act('schedule', {
        perks: [
          { id: 'soon', kind: 'flash', at: at - 5 * 60_000, lead: 60, prompt: '', title: 'Earlier perk' },
          { id: 'later', kind: 'flash', at, lead: 60, prompt: '', title: 'Flash: −20%' },
        ],
      });
      await waitUntil(() => phaseOf(el) === 'counting', 'counting');
      s.host.act('perk.drop', { id: 'later', title: 'Flash: −20%', code: 'NOW20' });
      await waitUntil(() => phaseOf(el) === 'drop', 'the drop shows at once');
      expect(shadowText(el), 'the fired perk and its code').to.include('Flash: −20%').and.include('NOW20');
      expect(el.view.phase === 'drop' && el.view.perk.id, 'the fired perk, ahead of the earlier one').to.equal('later');
      await expect(el).to.be.accessible();
    } finally {
      await s.close();
    }
  });

  it('"1 left" / "2 left" with plural forms in Spanish', async () => {
    const s = await stage('<linger-countdown locale="es"></linger-countdown>');
    const el = s.room.querySelector('linger-countdown') as LingerCountdown;
    try {
      const at = Math.round(s.host.clock.now() - 1000);
      s.host.act('schedule', { perks: [{ id: 'fn', kind: 'first-n', at, lead: 60, prompt: '', title: 'Regalo' }] });
      s.host.act('perk.drop', { id: 'fn', title: 'Regalo', remaining: 1 });
      await waitUntil(() => shadowText(el).includes('Queda 1'), 'Spanish singular');
      s.host.act('perk.drop', { id: 'fn', title: 'Regalo', remaining: 2 });
      await waitUntil(() => shadowText(el).includes('Quedan 2'), 'Spanish plural');
    } finally {
      await s.close();
    }
  });

  it('shows the next show when nothing is planned', async () => {
    const s = await stage(`<linger-countdown next-show="${new Date(Date.now() + 86_400_000).toISOString()}" next-show-title="Friday drop"></linger-countdown>`);
    const el = s.room.querySelector('linger-countdown') as LingerCountdown;
    try {
      await waitUntil(() => phaseOf(el) === 'show', 'next-show card');
      expect(shadowText(el)).to.include('Friday drop');
      await expect(el).to.be.accessible();
    } finally {
      await s.close();
    }
  });

  it('is localized and correct in Arabic, right to left, at 360 px', async () => {
    const s = await stage('<linger-countdown></linger-countdown>', { lang: 'ar', dir: 'rtl', width: '360px' });
    const el = s.room.querySelector('linger-countdown') as LingerCountdown;
    try {
      s.host.act('schedule', { perks: [{ id: 'p3', kind: 'flash', at: Date.now() + 600_000, lead: 60, prompt: 'استعدوا', title: 'تخفيض سريع' }] });
      await waitUntil(() => shadowText(el).includes('العرض التالي'), 'Arabic strings');
      await expectRtlPhoneLayout(el, translation);
    } finally {
      await s.close();
    }
  });

  describe('a perk for one member tier (docs/tiers.md)', () => {
    const NAMES = JSON.stringify({ vip: { en: 'VIP', ar: 'كبار العملاء' } });
    const claimButton = (el: LingerCountdown) => el.shadowRoot!.querySelector('[part~="claim-button"]');
    const tierPerk = (s: Awaited<ReturnType<typeof stage>>, id: string) => {
      const at = Math.round(s.host.clock.now() - 1000);
      s.host.act('schedule', { perks: [{ id, kind: 'first-n', at, lead: 60, prompt: '', title: 'Members gift', tier: 'vip' }] });
      s.host.act('perk.drop', { id, title: 'Members gift', remaining: 5 });
    };

    it('an untiered viewer sees "For VIP members", no claim button, and the host refuses its claim with a tier receipt', async function () {
      this.timeout(30_000);
      const s = await stage('<linger-countdown></linger-countdown>');
      s.room.setAttribute('tier-names', NAMES);
      const el = s.room.querySelector('linger-countdown') as LingerCountdown;
      try {
        tierPerk(s, 'vip-gift');
        await waitUntil(() => shadowText(el).includes('5 left'), 'the drop shows');
        await waitUntil(() => el.shadowRoot!.querySelector('[part~="tier"]')?.textContent?.includes('For \u2068VIP\u2069 members'), 'the merchant\u2019s tier name');
        expect(claimButton(el), 'no claim offered to a viewer without the tier').to.equal(null);
        // A viewer that claims anyway (the wire is open to anyone) gets a clear refusal.
        s.room.session!.claim('vip-gift');
        await waitUntil(() => s.room.session!.viewer.claims['vip-gift']?.status === 'rejected', 'the host answers');
        expect(s.room.session!.viewer.claims['vip-gift']!.reason, 'refused as not of the tier').to.equal('tier');
        await waitUntil(() => shadowText(el).includes('for members of its tier'), 'the refusal says why');
        expect(s.host.ledger.remaining('vip-gift'), 'nothing taken').to.equal(5);
        await expect(el).to.be.accessible();
      } finally {
        await s.close();
      }
    });

    it('a viewer whose tier the host verified can claim it', async function () {
      this.timeout(30_000);
      const s = await stage('<linger-countdown></linger-countdown>');
      const el = s.room.querySelector('linger-countdown') as LingerCountdown;
      try {
        // What the host does once the merchant's signed claim checks out (test/core/tier.test.ts signs one).
        s.host.ledger.tiers.set('viewer-1', 'vip');
        s.host.act('tier', { viewer: 'viewer-1', tier: 'vip' });
        tierPerk(s, 'vip-gift-2');
        await waitUntil(() => claimButton(el) !== null, 'the claim is offered to the member');
        expect(shadowText(el), 'no tier names set: the tier as the claim has it').to.include('For \u2068vip\u2069 members');
        (claimButton(el) as HTMLButtonElement).click();
        await waitUntil(() => shadowText(el).includes('Claimed!'), 'claimed');
        expect(s.host.ledger.remaining('vip-gift-2')).to.equal(4);
      } finally {
        await s.close();
      }
    });

    it('says it in Arabic with the merchant\u2019s Arabic tier name, right to left at 360 px', async function () {
      this.timeout(30_000);
      const s = await stage('<linger-countdown></linger-countdown>', { lang: 'ar', dir: 'rtl', width: '360px' });
      s.room.setAttribute('tier-names', NAMES);
      const el = s.room.querySelector('linger-countdown') as LingerCountdown;
      try {
        s.host.act('schedule', { perks: [{ id: 'p-ar', kind: 'flash', at: Date.now() + 600_000, lead: 60, prompt: '', title: 'هدية الأعضاء', tier: 'vip' }] });
        await waitUntil(() => shadowText(el).includes('لأعضاء \u2068كبار العملاء\u2069'), 'Arabic tier line before the drop');
        expect(getComputedStyle(el.shadowRoot!.querySelector('[part~="tier"]')!).direction).to.equal('rtl');
        await expectRtlPhoneLayout(el, translation);
      } finally {
        await s.close();
      }
    });

    it('hostile tier names stay inert text', async function () {
      this.timeout(30_000);
      const s = await stage('<linger-countdown></linger-countdown>');
      const hostile = '<img src=x onerror="window.__pwned=1">';
      s.room.setAttribute('tier-names', JSON.stringify({ vip: { en: hostile } }));
      const el = s.room.querySelector('linger-countdown') as LingerCountdown;
      try {
        s.host.act('schedule', { perks: [{ id: 'p-x', kind: 'flash', at: Date.now() + 600_000, lead: 60, prompt: '', title: 'Gift', tier: 'vip' }] });
        await waitUntil(() => el.shadowRoot!.querySelector('[part~="tier"]') !== null, 'tier line');
        expect(el.shadowRoot!.querySelector('[part~="tier"]')!.textContent).to.include(hostile.slice(0, 40));
        expect(el.shadowRoot!.querySelector('img'), 'no element made from the name').to.equal(null);
        expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
        // A tier the protocol does not allow never reaches the screen: the whole schedule is refused.
        expect(() => s.host.act('schedule', { perks: [{ id: 'p-y', kind: 'flash', at: Date.now() + 600_000, lead: 60, prompt: '', title: 'Gift', tier: '<b>x</b>' }] })).to.throw();
      } finally {
        await s.close();
      }
    });
  });

  it('has every string in every language', async () => {
    await expectCompleteTranslation(translation);
  });
});
