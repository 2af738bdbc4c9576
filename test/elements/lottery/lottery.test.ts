import { expect, waitUntil } from '@open-wc/testing';
import '../../../src/elements/lottery/linger-lottery.js';
import type { LingerLottery } from '../../../src/elements/lottery/lottery.js';
import { translation } from '../../../src/elements/lottery/lottery.strings.js';
import { drawWinners, newSeed } from '../../../src/core/draw.js';
import { expectCompleteTranslation, expectRtlPhoneLayout } from '../../helpers/i18n.js';
import { shadowText, stage } from './setup.js';

const part = (el: Element, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`) as HTMLElement | null;

describe('<linger-lottery>', () => {
  it('renders nothing without a lottery, then the tap-to-enter card', async () => {
    const s = await stage('<linger-lottery></linger-lottery>');
    const el = s.room.querySelector('linger-lottery') as LingerLottery;
    try {
      expect(el.shadowRoot!.querySelector('section'), 'empty before a lottery').to.equal(null);
      await s.host.openLottery({ id: 'l1', mode: 'tap', prize: 'Linen tote', winners: 1, seconds: 60, eligibility: { newWinnersOnly: true } });
      await waitUntil(() => part(el, 'enter-button'), 'enter button shows');
      const text = shadowText(el);
      expect(text, 'prize, isolated (FSI … PDI) from the label around it').to.include('Prize: \u2068Linen tote\u2069');
      expect(text, 'rule').to.include('Not a winner earlier in this show');
      expect(text, 'time left').to.match(/Time left \d:\d\d/);
      await expect(el).to.be.accessible();
      let fired: string | null = null;
      s.wrapper.addEventListener('linger-enter-request', (event) => (fired = event.detail.lottery));
      part(el, 'enter-button')!.click();
      expect(fired, 'request event').to.equal('l1');
      await waitUntil(() => part(el, 'status')?.textContent?.includes('You’re in!'), '"You’re in!" after the host receipt');
      expect((part(el, 'enter-button') as HTMLButtonElement).disabled, 'button disabled once in').to.equal(true);
      await waitUntil(() => shadowText(el).includes('Entrants: 1'), 'entrant count from the host', { timeout: 3000 });
    } finally {
      await s.close();
    }
  });

  it('shows the draw, highlights the own win with the claim, and a verified badge', async () => {
    const s = await stage('<linger-lottery></linger-lottery>');
    const el = s.room.querySelector('linger-lottery') as LingerLottery;
    try {
      await s.host.openLottery({ id: 'l2', mode: 'keyword', keyword: 'tote', prize: 'Tote', winners: 1, seconds: 60 });
      await waitUntil(() => shadowText(el).includes('Type “tote” in the chat to enter'), 'keyword instruction');
      s.room.session!.chat('TOTE 🙌');
      await waitUntil(() => shadowText(el).includes('You’re in!'), 'keyword entry confirmed');
      await s.host.drawLottery('Send us a DM with your order number');
      await waitUntil(() => part(el, 'draw'), 'the draw animation plays', { timeout: 2000 });
      await waitUntil(() => shadowText(el).includes('You won!'), 'winner reveal after the animation', { timeout: 4000 });
      expect(shadowText(el), 'claim instruction').to.include('Send us a DM with your order number');
      expect(el.shadowRoot!.querySelector('li.me'), 'own id highlighted').to.not.equal(null);
      await waitUntil(() => part(el, 'verify')?.dataset.status === 'verified', 'verified on this screen', { timeout: 4000 });
      expect(shadowText(el), 'member').to.include('Your entry is in the published list');
      await expect(el).to.be.accessible();
    } finally {
      await s.close();
    }
  });

  it('shows a failed verification when the host publishes a seed it did not commit to', async () => {
    const s = await stage('<linger-lottery></linger-lottery>');
    const el = s.room.querySelector('linger-lottery') as LingerLottery;
    try {
      await s.host.openLottery({ id: 'l3', mode: 'tap', prize: 'Cap', winners: 1, seconds: 60 });
      await waitUntil(() => s.room.session!.state.lottery?.id === 'l3');
      s.room.session!.enter('l3');
      await waitUntil(() => s.host.ledger.entrantCount('l3') === 1);
      s.host.closeLottery();
      const fake = await drawWinners(newSeed(), ['viewer-1'], 1);
      s.host.act('lottery.draw', { id: 'l3', seed: newSeed(), entrants: 1, digest: fake.digest, winnerIds: fake.winnerIds });
      await waitUntil(() => part(el, 'verify')?.dataset.status === 'failed', 'failed badge', { timeout: 4000 });
      expect(shadowText(el), 'failure text').to.include('Verification failed');
    } finally {
      await s.close();
    }
  });

  it('shows like-goal progress and the unlock', async () => {
    const s = await stage('<linger-lottery></linger-lottery>');
    const el = s.room.querySelector('linger-lottery') as LingerLottery;
    try {
      await s.host.openLottery({ id: 'g', mode: 'like-goal', goal: 3, prize: 'Free shipping', seconds: 60, claim: undefined } as never);
      await waitUntil(() => part(el, 'progress'), 'progress bar');
      s.room.session!.like(3);
      await waitUntil(() => shadowText(el).includes('Goal reached'), 'unlocked for everyone', { timeout: 3000 });
      await expect(el).to.be.accessible();
    } finally {
      await s.close();
    }
  });

  it('"at 1 like" / "at 2 likes", and Arabic plural forms of the goal and the minutes', async () => {
    const s = await stage('<linger-lottery></linger-lottery>');
    const el = s.room.querySelector('linger-lottery') as LingerLottery;
    try {
      await s.host.openLottery({ id: 'g1', mode: 'like-goal', goal: 1, prize: 'Free shipping', seconds: 60 } as never);
      await waitUntil(() => shadowText(el).includes('at 1 like the reward'), 'English singular');
      expect(shadowText(el), 'progress, singular goal').to.include('0 of 1 like');
      await s.host.openLottery({ id: 'g2', mode: 'like-goal', goal: 2, prize: 'Free shipping', seconds: 60 } as never);
      await waitUntil(() => shadowText(el).includes('at 2 likes the reward'), 'English plural');
      expect(shadowText(el), 'progress, plural goal').to.include('0 of 2 likes');
      el.locale = 'ar';
      await waitUntil(() => shadowText(el).includes('عند إعجابين'), 'Arabic dual');
      await s.host.openLottery({ id: 'w', mode: 'watch-time', minutes: 5, prize: 'Cap', winners: 1, seconds: 60 } as never);
      await waitUntil(() => shadowText(el).includes(`بعد ${new Intl.NumberFormat('ar').format(5)} دقائق`), 'Arabic 3–10 minutes');
    } finally {
      await s.close();
    }
  });

  it('keeps a prize that cannot wrap inside the card, whatever the fonts make of it', async () => {
    const s = await stage('<linger-lottery></linger-lottery>', { width: '390px' });
    const el = s.room.querySelector('linger-lottery') as LingerLottery;
    try {
      // Two prizes that cannot wrap. A letter under 150 Thai tone marks: 85 px or 900 px wide
      // depending on the fonts installed. 100 stars joined by zero-width joiners: one grapheme
      // cluster (no break opportunity, not even for overflow-wrap: anywhere) about 100 em wide in
      // any font, since no font has a ligature for it; so this check means something everywhere.
      const floods = { marks: `a${'\u0E49'.repeat(150)}`, joined: Array(100).fill('\u2B50').join('\u200D') };
      for (const [name, prize] of Object.entries(floods)) {
        await s.host.openLottery({ id: `f-${name}`, mode: 'tap', prize, winners: 1, seconds: 60 });
        await waitUntil(() => part(el, 'prize')?.textContent?.includes(prize), `${name}: prize shows`);
        const box = el.shadowRoot!.querySelector('[part~=base]') as HTMLElement;
        const card = box.getBoundingClientRect();
        const prizeEl = part(el, 'prize')!;
        const ink = document.createRange();
        ink.selectNodeContents(prizeEl);
        if (name === 'joined') {
          expect(ink.getBoundingClientRect().width, `${name}: the flood is wider than the card (the test means something)`).to.be.above(card.width + 40);
        }
        expect(prizeEl.getBoundingClientRect().right, `${name}: the prize box stays inside the card`).to.be.at.most(card.right + 1);
        expect(prizeEl.getBoundingClientRect().left, `${name}: the prize box starts inside the card`).to.be.at.least(card.left - 1);
        expect(card.right, `${name}: card inside the 390 px page`).to.be.at.most(s.wrapper.getBoundingClientRect().right + 1);
        expect(card.width, `${name}: the card is not widened`).to.be.at.most(391);
        expect(box.scrollWidth, `${name}: nothing scrolls sideways in the card`).to.be.at.most(box.clientWidth + 1);
        expect(s.wrapper.scrollWidth, `${name}: nothing sticks out of the page`).to.be.at.most(s.wrapper.clientWidth + 1);
        expect(getComputedStyle(prizeEl).overflowX, `${name}: what sticks out is clipped`).to.equal('clip');
        s.host.closeLottery();
      }
    } finally {
      await s.close();
    }
  });

  it('is localized and correct in Arabic, right to left, at 360 px', async () => {
    const s = await stage('<linger-lottery></linger-lottery>', { lang: 'ar', dir: 'rtl', width: '360px' });
    const el = s.room.querySelector('linger-lottery') as LingerLottery;
    try {
      await s.host.openLottery({ id: 'l4', mode: 'tap', prize: 'حقيبة', winners: 1, seconds: 60 });
      await waitUntil(() => shadowText(el).includes('اضغط الزر للمشاركة'), 'Arabic strings load');
      await expectRtlPhoneLayout(el, translation);
    } finally {
      await s.close();
    }
  });

  it('has every string in every language', async () => {
    await expectCompleteTranslation(translation);
  });
});
