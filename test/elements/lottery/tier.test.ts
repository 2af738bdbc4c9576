import { expect, waitUntil } from '@open-wc/testing';
import '../../../src/elements/lottery/linger-lottery.js';
import '../../../src/elements/overlay/linger-overlay.js';
import type { LingerLottery } from '../../../src/elements/lottery/lottery.js';
import type { LingerOverlay } from '../../../src/elements/overlay/overlay.js';
import { translation } from '../../../src/elements/lottery/lottery.strings.js';
import { expectCompleteTranslation, expectNoRawKeys } from '../../helpers/i18n.js';
import { shadowText, stage } from './setup.js';

const until = (condition: () => unknown, message: string) => waitUntil(condition, message, { timeout: 50_000, interval: 20 });
const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

describe('member tiers on screen', () => {
  for (const [lang, refused, rule] of [
    ['en', 'This giveaway is for \u2068vip\u2069 members: your entry was not accepted', '\u2068vip\u2069 members only'],
    ['ar', 'هذا السحب لأعضاء \u2068vip\u2069: لم تُقبل مشاركتك', 'لأعضاء \u2068vip\u2069 فقط'],
  ] as const) {
    it(`a tier-only giveaway says who may enter and why an untiered entry was refused; badges beside names (${lang})`, async function () {
      this.timeout(60_000);
      const s = await stage('<linger-lottery></linger-lottery><linger-overlay></linger-overlay>', lang === 'ar' ? { lang: 'ar', dir: 'rtl' } : {});
      const lottery = s.room.querySelector('linger-lottery') as LingerLottery;
      const overlay = s.room.querySelector('linger-overlay') as LingerOverlay;
      try {
        await s.host.openLottery({ id: 'lot-t', mode: 'tap', prize: 'Members gift', winners: 1, seconds: 3600, eligibility: { tier: 'vip' } });
        await until(() => part(lottery, 'rules')?.textContent?.includes(rule), 'the rule says which tier');
        part(lottery, 'enter-button')!.click();
        await until(() => shadowText(lottery).includes(refused), `the receipt says why: ${JSON.stringify(s.room.session!.viewer.entries)} ${shadowText(lottery)}`);
        expect(s.host.ledger.entrantCount('lot-t'), 'not entered').to.equal(0);
        // The host verified this viewer's claim (test/core/tier.test.ts covers the signature): a vip now.
        s.host.ledger.tiers.set('viewer-1', 'vip');
        s.host.act('tier', { viewer: 'viewer-1', tier: 'vip' });
        s.room.session!.enter('lot-t');
        await until(() => s.host.ledger.entrantCount('lot-t') === 1, 'a vip enters');
        s.room.session!.chat('Hello from a member');
        await until(() => part(overlay, 'comment-tier')?.textContent === 'vip', 'a badge beside the member\u2019s name in the chat');
        await s.host.drawLottery();
        await until(() => part(lottery, 'winner-tier')?.textContent === 'vip', 'and beside the winner');
        expectNoRawKeys(lottery, translation);
        await expect(lottery).to.be.accessible();
        await expect(overlay).to.be.accessible();
      } finally {
        await s.close();
      }
    });
  }

  it('names the tier as the merchant does (tier-names) in the rule and the refusal', async function () {
    this.timeout(60_000);
    const s = await stage('<linger-lottery></linger-lottery>');
    const lottery = s.room.querySelector('linger-lottery') as LingerLottery;
    try {
      s.room.setAttribute('tier-names', JSON.stringify({ vip: { en: 'Gold Club' } }));
      await s.host.openLottery({ id: 'lot-n', mode: 'tap', prize: 'Members gift', winners: 1, seconds: 3600, eligibility: { tier: 'vip' } });
      await until(() => part(lottery, 'rules')?.textContent?.includes('\u2068Gold Club\u2069 members only'), 'the rule names the tier');
      part(lottery, 'enter-button')!.click();
      await until(() => shadowText(lottery).includes('This giveaway is for \u2068Gold Club\u2069 members'), 'the receipt names the tier');
    } finally {
      await s.close();
    }
  });

  it('has the tier strings in every language', async () => {
    await expectCompleteTranslation(translation);
  });
});
