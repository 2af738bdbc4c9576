import { expect, waitUntil } from '@open-wc/testing';
import '../../../src/elements/quiz/linger-quiz.js';
import type { LingerQuiz } from '../../../src/elements/quiz/quiz.js';
import { translation } from '../../../src/elements/quiz/quiz.strings.js';
import { expectCompleteTranslation, expectRtlPhoneLayout } from '../../helpers/i18n.js';
import { shadowText, stage } from '../lottery/setup.js';

const options = (el: Element) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="option"]')];

describe('<linger-quiz>', () => {
  it('locks the answer on tap, reveals right/wrong, why, shares and the score', async () => {
    const s = await stage('<linger-quiz></linger-quiz>');
    const el = s.room.querySelector('linger-quiz') as LingerQuiz;
    try {
      expect(el.shadowRoot!.querySelector('section'), 'empty before a quiz').to.equal(null);
      await s.host.askQuiz({ id: 'q1', question: 'Which fabric breathes best?', options: ['Linen', 'Polyester', 'Nylon'], correct: 0, seconds: 30 });
      await waitUntil(() => options(el).length === 3, 'three options');
      expect(shadowText(el), 'countdown on the host clock').to.match(/0:(30|29|28)/);
      await expect(el).to.be.accessible();
      let fired: { quiz: string; choice: number } | null = null;
      s.wrapper.addEventListener('linger-answer-request', (event) => (fired = event.detail));
      options(el)[0]!.click();
      expect(fired, 'request event').to.deep.equal({ quiz: 'q1', choice: 0 });
      await waitUntil(() => shadowText(el).includes('Answer locked'), 'locked by the host');
      expect(options(el).every((b) => b.disabled), 'every option disabled').to.equal(true);
      expect(options(el)[0]!.getAttribute('aria-pressed'), 'chosen pressed').to.equal('true');
      s.host.revealQuiz('Linen fibres are hollow, so air moves through.');
      await waitUntil(() => shadowText(el).includes('Right!'), 'right');
      const text = shadowText(el);
      expect(text, 'why').to.include('Linen fibres are hollow');
      expect(text, 'share').to.include('100%');
      expect(text, 'score').to.include('Your score: 1 / 1');
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="verify"]')?.getAttribute('data-status') === 'verified', 'hash verified');
      await expect(el).to.be.accessible();

      await s.host.askQuiz({ id: 'q2', question: 'Best for rain?', options: ['Suede', 'Gore-Tex'], correct: 1, seconds: 30 });
      await waitUntil(() => options(el).length === 2 && !options(el)[0]!.disabled, 'next question');
      options(el)[0]!.click();
      await waitUntil(() => shadowText(el).includes('Answer locked'));
      s.host.revealQuiz('Membranes keep water out.');
      await waitUntil(() => shadowText(el).includes('Not quite.'), 'wrong');
      expect(shadowText(el), 'running score').to.include('Your score: 1 / 2');
    } finally {
      await s.close();
    }
  });

  it('keeps options and questions that cannot wrap (combining-mark floods) inside the card', async () => {
    const s = await stage('<linger-quiz></linger-quiz>', { width: '390px' });
    const el = s.room.querySelector('linger-quiz') as LingerQuiz;
    try {
      const flood = `a${'\u0E49'.repeat(100)}`;
      await s.host.askQuiz({ id: 'qf', question: `Z${'\u0301\u0336\u0489'.repeat(30)}`, options: [flood, 'Linen'], correct: 1, seconds: 30 });
      await waitUntil(() => options(el).length === 2, 'two options');
      const box = el.getBoundingClientRect();
      for (const node of el.shadowRoot!.querySelectorAll('[part~=option-label], [part~=question], [part~=option]')) {
        expect(node.getBoundingClientRect().right, `${node.getAttribute('part')} inside the quiz`).to.be.at.most(box.right + 1);
      }
      const normal = el.shadowRoot!.querySelectorAll('[part~=option-label]')[1]!;
      expect(getComputedStyle(normal).overflowX, 'user text is clipped').to.equal('clip');
      expect(normal.getBoundingClientRect().height, 'a short option keeps one line').to.be.below(40);
    } finally {
      await s.close();
    }
  });

  it('shows a late answer as rejected by the host', async () => {
    const s = await stage('<linger-quiz></linger-quiz>');
    const el = s.room.querySelector('linger-quiz') as LingerQuiz;
    try {
      await s.host.askQuiz({ id: 'q3', question: 'Quick?', options: ['Yes', 'No'], correct: 0, seconds: 0.4 });
      await waitUntil(() => options(el).length === 2);
      await new Promise((resolve) => setTimeout(resolve, 600));
      s.room.session!.answer('q3', 0); // e.g. a stale screen: the host decides, not the client
      await waitUntil(() => shadowText(el).includes('Too late'), 'late answer refused by the host');
    } finally {
      await s.close();
    }
  });

  it('is localized and correct in Arabic, right to left, at 360 px', async () => {
    const s = await stage('<linger-quiz></linger-quiz>', { lang: 'ar', dir: 'rtl', width: '360px' });
    const el = s.room.querySelector('linger-quiz') as LingerQuiz;
    try {
      await s.host.askQuiz({ id: 'q4', question: 'ما القماش الأكثر تهوية؟', options: ['الكتان', 'البوليستر'], correct: 0, seconds: 30 });
      await waitUntil(() => shadowText(el).includes('اختر إجابة واحدة'), 'Arabic strings');
      await expectRtlPhoneLayout(el, translation);
    } finally {
      await s.close();
    }
  });

  it('has every string in every language', async () => {
    await expectCompleteTranslation(translation);
  });
});
