import { expect, waitUntil } from '@open-wc/testing';
import '../../../src/elements/vote/linger-vote.js';
import type { LingerVote } from '../../../src/elements/vote/vote.js';
import { translation } from '../../../src/elements/vote/vote.strings.js';
import { RoomSession } from '../../../src/core/session.js';
import { expectCompleteTranslation, expectRtlPhoneLayout } from '../../helpers/i18n.js';
import { shadowText, stage } from '../lottery/setup.js';

const options = (el: Element) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="option"]')];
const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

describe('<linger-vote>', () => {
  it('sends a tap to the host, shows live bars, then the result verified on this screen', async () => {
    const s = await stage('<linger-vote></linger-vote>');
    const el = s.room.querySelector('linger-vote') as LingerVote;
    const others = await Promise.all(['viewer-2', 'viewer-3'].map(async (id) => {
      const session = new RoomSession({ transport: s.network.connect(id), hosts: ['host-1'] });
      await session.connect();
      return session;
    }));
    try {
      expect(el.shadowRoot!.querySelector('section'), 'empty before a vote').to.equal(null);
      await s.host.openVote({
        id: 'v1',
        question: 'Which colour do we open the sale on?',
        options: [{ label: 'Red', product: { id: 'p-red', title: 'Red dress', image: 'https://shop.example/red.jpg' } }, 'Blue', 'Green'],
        seconds: 600,
      });
      await waitUntil(() => options(el).length === 3, 'three options');
      expect(part(el, 'option-image')?.getAttribute('src'), 'a product option shows its image').to.equal('https://shop.example/red.jpg');
      expect(shadowText(el), 'countdown on the host clock').to.match(/(10:00|9:5\d)/);
      expect(shadowText(el), 'how to vote').to.include('Tap an option to vote.');
      await expect(el).to.be.accessible();
      let fired: { vote: string; choice: number } | null = null;
      s.wrapper.addEventListener('linger-vote-request', (event) => (fired = event.detail));
      options(el)[1]!.click();
      expect(fired, 'request event').to.deep.equal({ vote: 'v1', choice: 1 });
      await waitUntil(() => shadowText(el).includes('Your vote is counted'), 'counted by the host');
      expect(options(el).every((b) => b.disabled), 'one vote: every option disabled').to.equal(true);
      expect(options(el)[1]!.getAttribute('aria-pressed'), 'chosen pressed').to.equal('true');
      others[0]!.castVote('v1', 1);
      others[1]!.castVote('v1', 0);
      // Live bars: the coalesced tally reaches this screen.
      await waitUntil(() => shadowText(el).includes('3 votes'), 'live total');
      const shares = [...el.shadowRoot!.querySelectorAll('[part~="option-share"]')].map((node) => node.textContent!.trim());
      expect(shares, 'share per option').to.deep.equal(['33%', '67%', '0%']);
      expect(options(el)[1]!.style.getPropertyValue('--_share'), 'the bar follows the share').to.equal('66.7%');
      await s.host.closeVote();
      await waitUntil(() => part(el, 'verify')?.getAttribute('data-status') === 'verified', 'result verified on this screen');
      expect(part(el, 'result')!.textContent, 'the result').to.include('Blue');
      expect(shadowText(el), 'own vote found in the published list').to.include('Your vote is in the published list as you cast it');
      expect(part(el, 'winner-mark'), 'the winner is marked').to.not.equal(null);
      await expect(el).to.be.accessible();
    } finally {
      await Promise.all(others.map((session) => session.close()));
      await s.close();
    }
  });

  it('lets the viewer change a changeable vote, and shows a late vote as refused by the host', async () => {
    let skew = 0;
    const s = await stage('<linger-vote></linger-vote>', { hostNow: () => Date.now() + skew });
    const el = s.room.querySelector('linger-vote') as LingerVote;
    try {
      await s.host.openVote({ id: 'v2', question: 'Next product?', options: ['Bag', 'Hat'], seconds: 600, changeable: true });
      await waitUntil(() => options(el).length === 2, 'two options');
      expect(shadowText(el), 'says the vote can change').to.include('You can change your vote until it closes.');
      options(el)[0]!.click();
      await waitUntil(() => shadowText(el).includes('Your vote is counted'), 'counted');
      expect(options(el)[1]!.disabled, 'still open to a change').to.equal(false);
      options(el)[1]!.click();
      await waitUntil(() => options(el)[1]!.getAttribute('aria-pressed') === 'true' && shadowText(el).includes('Your vote is counted'), 'the change is counted');
      expect(s.host.ledger.votes.get('v2')!.get('viewer-1'), 'the host keeps the last choice').to.equal(1);
      // The host's clock passes the close before its timer runs: the host refuses by its own clock.
      skew = 601_000;
      options(el)[0]!.click();
      await waitUntil(() => shadowText(el).includes('Too late'), 'late vote refused by the host');
    } finally {
      await s.close();
    }
  });

  it('is localized and correct in Arabic, right to left, at 360 px', async () => {
    const s = await stage('<linger-vote></linger-vote>', { lang: 'ar', dir: 'rtl', width: '360px' });
    const el = s.room.querySelector('linger-vote') as LingerVote;
    try {
      await s.host.openVote({ id: 'v3', question: 'أي لون نفتتح به التخفيضات؟', options: ['أحمر', 'Blue ‏أزرق'], seconds: 600 });
      await waitUntil(() => shadowText(el).includes('اضغط على خيار للتصويت'), 'Arabic strings');
      expect(part(el, 'question')!.getAttribute('dir'), 'user text has dir=auto').to.equal('auto');
      expect(part(el, 'option-label')!.getAttribute('dir'), 'options have dir=auto').to.equal('auto');
      await expectRtlPhoneLayout(el, translation);
      options(el)[0]!.click();
      await waitUntil(() => shadowText(el).includes('تم احتساب صوتك'), 'counted, in Arabic');
      await s.host.closeVote();
      await waitUntil(() => part(el, 'verify')?.getAttribute('data-status') === 'verified', 'verified');
      expect(shadowText(el), 'result in Arabic').to.include('النتيجة');
      await expectRtlPhoneLayout(el, translation);
    } finally {
      await s.close();
    }
  });

  it('lists who can vote and says why a vote from outside the tier was refused', async () => {
    const s = await stage('<linger-vote></linger-vote>');
    const el = s.room.querySelector('linger-vote') as LingerVote;
    try {
      await s.host.openVote({ id: 'v4', question: 'Members: next product?', options: ['Bag', 'Hat'], seconds: 600, eligibility: { tier: 'vip', minWatchMinutes: 2 } });
      await waitUntil(() => part(el, 'rules'), 'the rules');
      expect(part(el, 'rules')!.textContent!.replace(/\s+/g, ' '), 'watch time and tier').to.include('Watched at least 2 min').and.include('\u2068vip\u2069 members only');
      options(el)[0]!.click();
      await waitUntil(() => shadowText(el).includes('This vote is for \u2068vip\u2069 members: your vote was not counted'), 'refused as not of the tier', { timeout: 20_000 });
      await expect(el).to.be.accessible();
    } finally {
      await s.close();
    }
  });

  it('has every string in every language', async () => {
    await expectCompleteTranslation(translation);
  });
});
